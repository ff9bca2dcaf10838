package io.jxplain.explain;

/**
 * What a method computes before provenance is attached: attributions, standard errors (null when exact), the
 * surrogate intercept (NaN when none), model evaluations and samples drawn.
 */
record Attribution(double[] values, double[] standardErrors, double intercept, long modelCalls, int samples) {
    static Attribution exact(double[] values, long modelCalls) {
        return new Attribution(values, null, Double.NaN, modelCalls, 0);
    }
}
