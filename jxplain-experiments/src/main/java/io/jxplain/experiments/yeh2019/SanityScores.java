package io.jxplain.experiments.yeh2019;

import io.jxplain.experiments.Statistics;

/** Table 2 as measured: per-point Spearman correlations between the trained and the randomised network's explanations. */
public record SanityScores(SanityMethod method, double[] correlation, double[] absCorrelation) {
    public Statistics correlationStats() {
        return Statistics.of(correlation);
    }

    public Statistics absCorrelationStats() {
        return Statistics.of(absCorrelation);
    }
}
