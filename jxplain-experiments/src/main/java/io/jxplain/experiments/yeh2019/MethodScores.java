package io.jxplain.experiments.yeh2019;

import io.jxplain.experiments.Statistics;

/**
 * One table row as measured: per-point max-sensitivity relative to ‖φ(x)‖ (the authors' scaling), the same without
 * that division (Yeh et al.'s Definition 3.1), and infidelity.
 */
public record MethodScores(YehMethod method, double[] sensitivity, double[] absoluteSensitivity, double[] infidelity) {
    public Statistics sensitivityStats() {
        return Statistics.of(sensitivity);
    }

    public Statistics infidelityStats() {
        return Statistics.of(infidelity);
    }
}
