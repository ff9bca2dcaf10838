package io.jxplain.experiments.yeh2019;

import io.jxplain.experiments.Statistics;

/**
 * Table 2 as measured: Spearman correlations between the trained and a randomised network's explanations,
 * {@code correlation[r][i]} at point i under randomisation r (each randomisation one draw that every point shares).
 */
public record SanityScores(SanityMethod method, double[][] correlation, double[][] absCorrelation) {
    /** The mean over points and randomisations; its error counts the spread between randomisations too. */
    public Statistics correlationStats() {
        return Statistics.ofCrossed(correlation);
    }

    public Statistics absCorrelationStats() {
        return Statistics.ofCrossed(absCorrelation);
    }
}
