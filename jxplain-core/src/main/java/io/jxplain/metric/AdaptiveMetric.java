package io.jxplain.metric;

import io.jxplain.Setting;
import io.jxplain.internal.Checks;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.Provenance;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A Monte-Carlo metric with an adaptive sample size: n, 2n, 4n, … draws (independent each round) until the estimate's
 * 95% half-width 1.96·SE is at most ε or the model-call budget would be exceeded. The estimate's provenance records
 * samples_used and target_met. Needs a metric that reports a standard error (infidelity, avg-sensitivity); a maximum
 * (max-sensitivity, the Lipschitz estimate) has none and is refused.
 */
public final class AdaptiveMetric implements Metric {
    /** Unset: the metrics' fixed sample sizes. */
    public static final Setting<Double> PRECISION = Setting.positiveOrUnset("metric-precision", "none",
            "Adaptive sample size for infidelity and avg-sensitivity: double their samples until the 95% half-width"
                    + " is at most this (within budget model calls per row).");

    private final IntFunction<Metric> withSamples;
    private final int initialSamples;
    private final double epsilon;
    private final long budget;

    private AdaptiveMetric(IntFunction<Metric> withSamples, int initialSamples, double epsilon, long budget) {
        Checks.requirePositive("initial samples", initialSamples);
        Checks.requirePositive("precision", epsilon);
        Checks.requirePositive("budget", budget);
        String name = withSamples.apply(initialSamples).name();
        if (name.equals("max-sensitivity") || name.equals("lipschitz")) {
            throw new IllegalArgumentException(name + " is a maximum, with no standard error: a precision target applies"
                    + " to infidelity and avg-sensitivity");
        }
        this.withSamples = withSamples;
        this.initialSamples = initialSamples;
        this.epsilon = epsilon;
        this.budget = budget;
    }

    /**
     * A builder of the metric {@code withSamples(n)}, n doubled from the initial samples until its 95% half-width is
     * at most the precision, within the budget of model calls.
     */
    public static Builder builder(IntFunction<Metric> withSamples) {
        return new Builder(withSamples);
    }

    /** Builds an {@link AdaptiveMetric}. */
    public static final class Builder extends io.jxplain.explain.Adaptive.RuleBuilder<AdaptiveMetric, Builder> {
        private final IntFunction<Metric> withSamples;

        private Builder(IntFunction<Metric> withSamples) {
            this.withSamples = withSamples;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The metric; refuses a builder without a precision. */
        @Override
        public AdaptiveMetric build() {
            return new AdaptiveMetric(withSamples, initialSamples(), requiredPrecision("AdaptiveMetric"), budget());
        }
    }

    @Override
    public String name() {
        return withSamples.apply(initialSamples).name();
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>(withSamples.apply(initialSamples).parameters());
        p.put("samples", "adaptive from " + initialSamples);
        p.put("precision", epsilon);
        p.put("budget", budget);
        return p;
    }

    @Override
    public Estimate evaluate(Model model, Target target, Explainer explainer, double[] x, long seed) {
        long calls = 0;
        int n = initialSamples;
        int round = 0;
        Estimate e;
        while (true) {
            e = withSamples.apply(n).evaluate(model, target, explainer, x, RandomStreams.childSeed(seed, round++));
            calls += e.evaluations();
            boolean met = Explanation.Z95 * e.standardError() <= epsilon;
            if (met || calls + 2 * e.evaluations() > budget || n > Integer.MAX_VALUE / 2) {
                break;
            }
            n *= 2;
        }
        Map<String, Object> p = new LinkedHashMap<>(e.provenance().parameters());
        p.put("samples_used", n);
        p.put("target_met", Explanation.Z95 * e.standardError() <= epsilon);
        p.put("precision", epsilon);
        Provenance old = e.provenance();
        return new Estimate(e.value(), e.standardError(), calls, new Provenance(old.method(), p, old.model(),
                old.target(), old.seed(), n, old.libraryVersion()));
    }
}
