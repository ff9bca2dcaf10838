package io.jxplain.explain;

import java.util.Map;

/**
 * What a method computes before provenance is attached: attributions, standard errors (null when exact), the
 * surrogate intercept (NaN when none), model evaluations and samples drawn.
 */
record Attribution(double[] values, double[] standardErrors, double intercept, long modelCalls, int samples,
                   Map<String, Double> diagnostics) {
    /**
     * The diagnostic of additive methods (Shapley values, Integrated Gradients): where their attributions start, so
     * that base value + Σφ = f(x) (up to the method's gap). See {@link Explanation#BASE_VALUE}.
     */
    static final String BASE_VALUE = Explanation.BASE_VALUE;

    Attribution(double[] values, double[] standardErrors, double intercept, long modelCalls, int samples) {
        this(values, standardErrors, intercept, modelCalls, samples, Map.of());
    }

    static Attribution exact(double[] values, long modelCalls) {
        return new Attribution(values, null, Double.NaN, modelCalls, 0);
    }
}
