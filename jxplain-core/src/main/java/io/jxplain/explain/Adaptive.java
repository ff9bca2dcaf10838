package io.jxplain.explain;

import io.jxplain.Setting;
import io.jxplain.sample.GaussianPerturbation;
import io.jxplain.internal.Checks;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.random.RandomStreams;
import io.jxplain.theory.GradientNormBound;
import io.jxplain.theory.SampleSizeBounds;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;

/**
 * Chooses the sample size of a sampling explainer per explanation: runs it with n, 2n, 4n, … samples (independent
 * draws each round) until the 95% half-widths 1.96·SE meet a target — on the largest feature, or in L2 norm — or the
 * model-call budget would be exceeded; returns the last round's explanation. Diagnostics: samples_used, target_met
 * (1/0), half_width (achieved), rounds, and theory_samples: the n that Agarwal et al.'s Proposition 1 (SmoothGrad) or
 * Theorem 3 (C-LIME) would ask for the same ε with C = 1 and δ = 0.05, for built-in networks (NaN otherwise), to set
 * the paper's bounds beside what sufficed.
 */
public final class Adaptive extends BaseExplainer {
    /** How the per-feature half-widths are combined into one number to compare with the target. */
    public enum Norm {
        /** The largest half-width. */
        MAX,
        /** The L2 norm of the half-widths. */
        L2
    }

    /** Unset: a fixed sample size. */
    public static final Setting<Double> PRECISION = Setting.positiveOrUnset("precision", "none",
            "Adaptive sample size: double the samples until every feature's 95% half-width is at most this (or their"
                    + " L2 norm, with precision-norm l2), within budget model calls per explanation.");
    /** How {@link #PRECISION} combines the half-widths: the largest, or their L2 norm. */
    public static final Setting<Norm> NORM = Setting.choice("precision-norm", Norm.class, Norm.MAX,
            "How precision combines the features' half-widths.");
    /** With {@link #PRECISION}: the most model calls one explanation may take. */
    public static final Setting<Long> BUDGET = Setting.atLeastLong("budget", 1_000_000, 1,
            "With precision: most model calls per explanation.");
    private static final double THEORY_DELTA = 0.05;

    private final IntFunction<Explainer> withSamples;
    private final int initialSamples;
    private final double epsilon;
    private final Norm norm;
    private final long budget;

    private Adaptive(IntFunction<Explainer> withSamples, int initialSamples, double epsilon, Norm norm, long budget) {
        if (withSamples == null) {
            throw new IllegalArgumentException("Adaptive needs a way to build the explainer for a sample size");
        }
        Checks.requirePositive("initial samples", initialSamples);
        Checks.requirePositive("precision", epsilon);
        BUDGET.check(budget);
        Explainer probe = withSamples.apply(initialSamples);
        if (!probe.isStochastic()) {
            throw new IllegalArgumentException(probe.name() + " is exact: a precision target applies to sampling methods only");
        }
        this.withSamples = withSamples;
        this.initialSamples = initialSamples;
        this.epsilon = epsilon;
        this.norm = norm;
        this.budget = budget;
    }

    /**
     * A builder of the adaptive rule over the explainers {@code withSamples} makes for a sample count, e.g.
     * {@code Adaptive.builder(n -> SmoothGrad.builder().samples(n).build()).initialSamples(50).precision(0.01)}.
     */
    public static Builder builder(IntFunction<Explainer> withSamples) {
        return new Builder(withSamples);
    }

    /**
     * What the adaptive explainer's and the adaptive metric's builders share: the first round's samples, the precision
     * target (required) and the budget of model calls.
     *
     * @param <T> what is built
     * @param <B> the builder itself
     */
    public abstract static class RuleBuilder<T, B extends RuleBuilder<T, B>> {
        private int initialSamples = Sampling.SAMPLES.defaultValue();
        private double precision = Double.NaN;
        private long budget = BUDGET.defaultValue();

        /** Only this package's and the metrics' adaptive builders extend it. */
        protected RuleBuilder() {
        }

        /** This builder, typed as itself. */
        protected abstract B self();

        /** The samples of the first round (doubled until the precision is met). */
        public B initialSamples(int n) {
            this.initialSamples = n;
            return self();
        }

        /** The target half-width of the 95% intervals (required). */
        public B precision(double epsilon) {
            this.precision = epsilon;
            return self();
        }

        /** At most this many model evaluations per explanation or value, over all rounds. */
        public B budget(long modelCalls) {
            this.budget = modelCalls;
            return self();
        }

        /** The first round's samples. */
        protected int initialSamples() {
            return initialSamples;
        }

        /** The budget of model calls. */
        protected long budget() {
            return budget;
        }

        /** The precision target; refuses a builder without one, naming {@code what} it builds. */
        protected double requiredPrecision(String what) {
            if (Double.isNaN(precision)) {
                throw new IllegalArgumentException(what + " needs a precision target: call precision(epsilon)");
            }
            return precision;
        }

        /** What these settings build. */
        public abstract T build();
    }

    /** Builds an {@link Adaptive}. */
    public static final class Builder extends RuleBuilder<Adaptive, Builder> {
        private final IntFunction<Explainer> withSamples;
        private Norm norm = NORM.defaultValue();

        private Builder(IntFunction<Explainer> withSamples) {
            this.withSamples = withSamples;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** How the features' half-widths are combined. */
        public Builder norm(Norm n) {
            this.norm = n;
            return this;
        }

        /** The explainer; refuses a builder without a precision. */
        @Override
        public Adaptive build() {
            return new Adaptive(withSamples, initialSamples(), requiredPrecision("Adaptive"), norm, budget());
        }
    }

    @Override
    public java.util.Optional<io.jxplain.sample.Perturbation> perturbation() {
        return probe().perturbation();
    }

    /** The method at its initial sample count: what it is and draws from, whatever the count it ends at. */
    Explainer probe() {
        return withSamples.apply(initialSamples);
    }

    @Override
    public String name() {
        return withSamples.apply(initialSamples).name();
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>(withSamples.apply(initialSamples).parameters());
        p.put("samples", "adaptive from " + initialSamples);
        p.put(PRECISION.name(), epsilon);
        p.put(NORM.name(), NORM.text(norm));
        p.put(BUDGET.name(), budget);
        return p;
    }

    @Override
    public boolean isStochastic() {
        return true;
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        long seeds = rng.nextLong();
        long calls = 0;
        int n = initialSamples;
        int rounds = 0;
        Explanation e;
        double achieved;
        while (true) {
            e = withSamples.apply(n).explain(model, target, x, RandomStreams.childSeed(seeds, rounds));
            calls += e.modelCalls();
            rounds++;
            achieved = halfWidth(e);
            long nextCost = 2 * e.modelCalls();
            if (achieved <= epsilon || calls + nextCost > budget || n > Integer.MAX_VALUE / 2) {
                break;
            }
            n *= 2;
        }
        Map<String, Double> diagnostics = new LinkedHashMap<>(e.diagnostics());
        diagnostics.put("samples_used", (double) n);
        diagnostics.put("target_met", achieved <= epsilon ? 1.0 : 0.0);
        diagnostics.put("half_width", achieved);
        diagnostics.put("rounds", (double) rounds);
        diagnostics.put("theory_samples", theorySamples(model, target, x, e));
        double intercept = e.intercept().isPresent() ? e.intercept().getAsDouble() : Double.NaN;
        return new Attribution(e.attributions(), e.standardErrors(), intercept, calls, n, diagnostics);
    }

    private double halfWidth(Explanation e) {
        double max = 0;
        double sumSquares = 0;
        for (double se : e.standardErrors()) {
            double h = Explanation.Z95 * se;
            if (Double.isNaN(h)) {
                continue; // a feature the method did not estimate (e.g. not selected by LIME)
            }
            max = Math.max(max, h);
            sumSquares += h * h;
        }
        return norm == Norm.MAX ? max : Math.sqrt(sumSquares);
    }

    /** Proposition 1 for SmoothGrad, Theorem 3 for C-LIME (C = 1, δ = 0.05), on built-in networks; NaN otherwise. */
    private double theorySamples(Model model, Target target, double[] x, Explanation e) {
        if (!(model instanceof Network net) || net.imageShape().isPresent()) {
            return Double.NaN;
        }
        GaussianPerturbation gaussian = withSamples.apply(initialSamples).perturbation()
                .orElse(null) instanceof GaussianPerturbation g && g.isIsotropic() ? g : null;
        if (gaussian == null) {
            return Double.NaN;
        }
        int d = x.length;
        if (e.provenance().method().equals("smoothgrad")) {
            return SampleSizeBounds.smoothGrad(GradientNormBound.of(net, target), epsilon, THEORY_DELTA, d,
                    SampleSizeBounds.DEFAULT_C);
        }
        if (e.provenance().method().equals("clime")) {
            double normX = 0;
            for (double v : x) {
                normX += v * v;
            }
            return SampleSizeBounds.continuousLime(d, THEORY_DELTA, epsilon, gaussian.sigma(), Math.sqrt(normX),
                    SampleSizeBounds.DEFAULT_C);
        }
        return Double.NaN;
    }
}
