package io.jxplain.explain;

import io.jxplain.internal.Checks;
import io.jxplain.model.Model;
import io.jxplain.model.Target;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The "global" variant of any explanation, φ ⊙ (x − x₀) (Yeh et al. 2019 §2.5; x₀ = 0 by default): Gradient becomes
 * Gradient × Input, the path-averaged gradient becomes Integrated Gradients. Standard errors are scaled alike.
 */
public final class TimesInput extends BaseExplainer {
    private final Explainer inner;
    private final double[] baseline; // null: zeros

    private TimesInput(Explainer inner, double[] baseline) {
        if (inner == null) {
            throw new IllegalArgumentException("TimesInput needs an explainer");
        }
        this.inner = inner;
        this.baseline = baseline;
    }

    /** A builder of {@code inner}'s attributions times x (or x − a baseline), elementwise. */
    public static Builder builder(Explainer inner) {
        return new Builder(inner);
    }

    /** Builds a {@link TimesInput}. */
    public static final class Builder {
        private final Explainer inner;
        private double[] baseline;

        private Builder(Explainer inner) {
            this.inner = inner;
        }

        /** Multiply by (x − baseline) instead of x. */
        public Builder baseline(double[] x0) {
            Checks.requireFinite("baseline", x0);
            this.baseline = x0.clone();
            return this;
        }

        /** The explainer. */
        public TimesInput build() {
            return new TimesInput(inner, baseline);
        }
    }

    @Override
    public String name() {
        return inner.name() + "-x-input";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("inner", inner.name());
        p.put("innerParameters", inner.parameters());
        p.put("baseline", baseline == null ? "zeros" : baseline.clone());
        return p;
    }

    @Override
    public boolean isStochastic() {
        return inner.isStochastic();
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        int d = x.length;
        double[] x0 = baseline == null ? new double[d] : baseline;
        Checks.requireVector("baseline", x0, d);
        Explanation e = inner.explain(model, target, x, rng.nextLong());
        double[] phi = e.attributions();
        double[] se = e.hasStandardErrors() ? e.standardErrors() : null;
        for (int j = 0; j < d; j++) {
            phi[j] *= x[j] - x0[j];
            if (se != null) {
                se[j] *= Math.abs(x[j] - x0[j]);
            }
        }
        return new Attribution(phi, se, Double.NaN, e.modelCalls(), 0, e.diagnostics());
    }
}
