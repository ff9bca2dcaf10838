package io.jxplain.metric;

import io.jxplain.Setting;
import io.jxplain.internal.Checks;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.sample.GaussianPerturbation;
import io.jxplain.sample.Perturbation;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;

import io.jxplain.Version;
import io.jxplain.explain.Provenance;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Robustness as in the unification paper's experiments (Agarwal et al. 2021 §6.3): the largest L1 distance between
 * the explanation at x and the explanations at k neighbours x′ ~ N(x, s²I). The neighbours come from the stream of
 * the seed; the explanation at neighbour m uses the seed's child stream m + 1, independent of the one at x, so the
 * value contains the explainer's Monte-Carlo noise (which falls as its sample count grows).
 */
public final class NeighbourhoodRobustness implements Metric {
    /** The paper's setting: 10 neighbours with variance 0.01. */
    public static final Setting<Integer> NEIGHBOURS = Setting.atLeast("neighbours", 10, 1,
            "Neighbours per point of the robustness metric.").from("Agarwal et al. 2021 §6.3");
    /** Variance s² of the neighbours N(x, s²I). */
    public static final Setting<Double> VARIANCE = Setting.positive("neighbour-variance", 0.01,
            "Variance s² of the neighbours N(x, s²I).").from("Agarwal et al. 2021 §6.3");

    private final int neighbours;
    private final Perturbation around;

    private NeighbourhoodRobustness(int neighbours, Perturbation around) {
        NEIGHBOURS.check(neighbours);
        if (around == null) {
            throw new IllegalArgumentException("robustness needs a perturbation to draw the neighbours from");
        }
        this.neighbours = neighbours;
        this.around = around;
    }

    /** A builder with the paper's setting: 10 neighbours from N(x, 0.01·I), as Agarwal et al. §6.3. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NeighbourhoodRobustness}. */
    public static final class Builder {
        private int neighbours = NEIGHBOURS.defaultValue();
        private Perturbation around = Perturbation.gaussian(VARIANCE.defaultValue());

        private Builder() {
        }

        /** Neighbours per point. */
        public Builder neighbours(int k) {
            this.neighbours = k;
            return this;
        }

        /** Neighbours from N(x, s²I) with s² = {@code variance}. */
        public Builder variance(double variance) {
            return perturbation(Perturbation.gaussian(variance));
        }

        /** Neighbours from any perturbation around x. */
        public Builder perturbation(Perturbation p) {
            this.around = p;
            return this;
        }

        /** The metric. */
        public NeighbourhoodRobustness build() {
            return new NeighbourhoodRobustness(neighbours, around);
        }
    }

    /** Neighbours drawn per point. */
    public int neighbours() {
        return neighbours;
    }

    /** The neighbours' distribution. */
    public Perturbation perturbation() {
        return around;
    }

    /** max over neighbours of ‖φ(x) − φ(x′)‖₁, given the explanation at x already computed. */
    public double maxL1(Model model, Target target, Explainer explainer, double[] x, Explanation atX, long seed) {
        Checks.requireVector("x", x, model.inputSize());
        if (atX.size() != x.length) {
            throw new IllegalArgumentException("the explanation at x has " + atX.size() + " features, x has " + x.length);
        }
        around.requireDimension(x.length, "x");
        DMatrixRMaj around = this.around.sample(x, neighbours, RandomStreams.stream(seed));
        double worst = 0;
        for (int m = 0; m < neighbours; m++) {
            double[] xp = Arrays.copyOfRange(around.data, m * x.length, (m + 1) * x.length);
            Explanation e = explainer.explain(model, target, xp, RandomStreams.childSeed(seed, m + 1));
            worst = Math.max(worst, atX.l1DistanceTo(e));
        }
        return worst;
    }

    @Override
    public String name() {
        return "robustness";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(NEIGHBOURS.name(), neighbours);
        if (around instanceof GaussianPerturbation g && g.isIsotropic()) {
            p.put(VARIANCE.name(), g.sigma2());
        } else {
            p.put("perturbation", around.name());
            p.putAll(around.parameters());
        }
        return p;
    }

    /** A maximum over k neighbours: no standard error; the evaluations are the k + 1 explanations' model calls. */
    @Override
    public Estimate evaluate(Model model, Target target, Explainer explainer, double[] x, long seed) {
        Explanation atX = explainer.explain(model, target, x, RandomStreams.childSeed(seed, 0));
        double value = maxL1(model, target, explainer, x, atX, seed);
        Map<String, Object> p = parameters();
        p.put("explainer", explainer.name());
        return new Estimate(value, Double.NaN, (neighbours + 1L) * atX.modelCalls(), new Provenance(name(), p,
                model.describe(), target.toString(), seed, neighbours, Version.get()));
    }

    /** The same, computing the explanation at x from the seed's child stream 0. */
    public double maxL1(Model model, Target target, Explainer explainer, double[] x, long seed) {
        return maxL1(model, target, explainer, x, explainer.explain(model, target, x, RandomStreams.childSeed(seed, 0)), seed);
    }
}
