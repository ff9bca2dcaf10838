package io.jxplain.explain;

import io.jxplain.Setting;
import io.jxplain.sample.GaussianPerturbation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.theory.GradientNormBound;
import io.jxplain.theory.SmoothGradLipschitz;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Theorem 2 made usable: adds to each SmoothGrad / C-LIME explanation of a built-in network a stability certificate.
 * The expected explanation E(x) is L-Lipschitz with L = √(2/π)·∇f_max/σ (the corrected constant; ∇f_max bounded from
 * the weights, {@link GradientNormBound}), so for every x′ with ‖x′ − x‖₂ ≤ r, ‖E(x′) − E(x)‖₂ ≤ L·r. Combined with
 * the estimate's 95% half-widths hⱼ: the top-k features by |attribution| provably stay the top k within radius
 * r = (min_{i∈top}(|Êᵢ| − hᵢ) − max_{j∉top}(|Êⱼ| + hⱼ)) / (√2·L) (a pair's gap moves by at most √2·L·r), 0 when the
 * intervals already overlap. k is capped at d − 1. Diagnostics: lipschitz_bound, certified_radius, certified_top_k.
 */
public final class Certified extends BaseExplainer {
    /** Whether each explanation carries a stability certificate (the CLI's {@code --certify}). */
    public static final Setting<Boolean> CERTIFY = Setting.flag("certify", "Add a stability certificate per"
            + " explanation (SmoothGrad, C-LIME, closed-form on built-in dense networks): the Lipschitz bound of the"
            + " expected explanation (corrected Theorem 2) and the radius within which the top certify-top features"
            + " provably stay.");
    /** Unset: 3, or d − 1 for a model of fewer than four features ({@link #defaultTop}). */
    public static final Setting<Integer> TOP = Setting.atLeastOrUnset("certify-top", "auto", 1,
            "Features whose ranking is certified (auto: 3, at most d − 1).");

    private final Explainer inner;
    private final int topK;

    private Certified(Explainer inner, int topK) {
        if (inner == null) {
            throw new IllegalArgumentException("Certified needs an explainer");
        }
        TOP.check(topK);
        this.inner = inner;
        this.topK = topK;
    }

    /** The top k certified when none is chosen: 3, capped at d − 1 (and at least 1). */
    public static int defaultTop(int dimension) {
        return Math.max(1, Math.min(3, dimension - 1));
    }

    /**
     * A builder certifying the top-k ranking of a SmoothGrad, C-LIME or closed-form explainer (σ² from its
     * parameters); k is required ({@link Builder#top}, e.g. {@link #defaultTop} of the model's dimension).
     */
    public static Builder builder(Explainer inner) {
        return new Builder(inner);
    }

    /** Builds a {@link Certified}. */
    public static final class Builder {
        private final Explainer inner;
        private Integer top;

        private Builder(Explainer inner) {
            this.inner = inner;
        }

        /** The features whose ranking is certified. */
        public Builder top(int k) {
            this.top = k;
            return this;
        }

        /** The explainer; refuses a builder without k. */
        public Certified build() {
            if (top == null) {
                throw new IllegalArgumentException("Certified needs the number of top features to certify:"
                        + " call top(k)");
            }
            return new Certified(inner, top);
        }
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>(inner.parameters());
        p.put(TOP.name(), topK);
        return p;
    }

    @Override
    public boolean isStochastic() {
        return inner.isStochastic();
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        if (!(model instanceof Network net)) {
            throw new IllegalArgumentException("certificates need a built-in network (its weights bound the gradient); "
                    + model.describe() + " is not one");
        }
        // Theorem 2 bounds the Lipschitz constant of the Gaussian-smoothed gradient, whose limit SmoothGrad, C-LIME and
        // the closed form all estimate; it says nothing of other smoothed methods
        GaussianPerturbation gaussian = estimatesSmoothedGradient(inner) && inner.perturbation()
                .orElse(null) instanceof GaussianPerturbation g && g.isIsotropic() ? g : null;
        if (gaussian == null) {
            throw new IllegalArgumentException("certificates follow from Theorem 2 for Gaussian smoothing with σ²I"
                    + " (SmoothGrad, C-LIME, closed-form); " + inner.name() + " is not one");
        }
        Explanation e = inner.explain(model, target, x, rng.nextLong());
        double lipschitz = SmoothGradLipschitz.corrected(GradientNormBound.of(net, target), gaussian.sigma());
        if (topK > x.length - 1) { // the top d are all features: nothing to certify
            throw new IllegalArgumentException("top k = " + topK + " features to certify, but a model of " + x.length
                    + " features has at most " + (x.length - 1) + " whose ranking can change (--certify-top)");
        }
        int k = topK;
        double radius = radius(e, lipschitz, k);
        Map<String, Double> diagnostics = new LinkedHashMap<>(e.diagnostics());
        diagnostics.put("lipschitz_bound", lipschitz);
        diagnostics.put("certified_radius", radius);
        diagnostics.put("certified_top_k", (double) k);
        double intercept = e.intercept().isPresent() ? e.intercept().getAsDouble() : Double.NaN;
        return new Attribution(e.attributions(), e.hasStandardErrors() ? e.standardErrors() : null, intercept,
                e.modelCalls(), e.provenance().samples(), diagnostics);
    }

    /** The radius within which the top-k set (1 ≤ k &lt; d) by |attribution| cannot change. */
    static double radius(Explanation e, double lipschitz, int k) {
        int d = e.size();
        Integer[] order = new Integer[d];
        for (int j = 0; j < d; j++) {
            order[j] = j;
        }
        double[] a = e.attributions();
        Arrays.sort(order, (p, q) -> Double.compare(Math.abs(a[q]), Math.abs(a[p])));
        double[] h = new double[d];
        if (e.hasStandardErrors()) {
            for (int j = 0; j < d; j++) {
                h[j] = Explanation.Z95 * e.standardErrors()[j];
            }
        }
        double lowestTop = Double.POSITIVE_INFINITY;
        for (int t = 0; t < k; t++) {
            lowestTop = Math.min(lowestTop, Math.abs(a[order[t]]) - h[order[t]]);
        }
        double highestRest = Double.NEGATIVE_INFINITY;
        for (int t = k; t < d; t++) {
            highestRest = Math.max(highestRest, Math.abs(a[order[t]]) + h[order[t]]);
        }
        double gap = lowestTop - highestRest;
        if (!(gap > 0) || Double.isNaN(gap)) {
            return 0.0;
        }
        return lipschitz == 0 ? Double.POSITIVE_INFINITY : gap / (Math.sqrt(2) * lipschitz);
    }

    /** SmoothGrad, C-LIME and the closed form (adaptive or not): the estimators of E∇f(a), a ~ N(x, Σ). */
    private static boolean estimatesSmoothedGradient(Explainer e) {
        return e instanceof Adaptive a ? estimatesSmoothedGradient(a.probe()) : e instanceof SamplingExplainer;
    }
}
