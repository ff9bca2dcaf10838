package io.jxplain.metric;

import io.jxplain.explain.Provenance;

/**
 * A metric's value at one input: the estimate, its standard error (NaN for a maximum, which has none: read
 * {@link #evaluations()} instead), the number of explanations and model evaluations behind it, and provenance.
 */
public record Estimate(double value, double standardError, long evaluations, Provenance provenance) {
    /** value ± 1.96·standardError, or just the value for a maximum. */
    @Override
    public String toString() {
        return Double.isNaN(standardError) ? value + " (max of " + evaluations + ")"
                : value + " ± " + io.jxplain.explain.Explanation.Z95 * standardError;
    }
}
