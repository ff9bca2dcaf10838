package io.jxplain.metric;

import io.jxplain.Setting;

/**
 * Max-sensitivity (Yeh et al. 2019, Definition 3.1): max over y in a ball of radius r around x of ‖φ(y) − φ(x)‖₂,
 * estimated by Monte Carlo over n points (default: L∞ ball, r = 0.2, n = 50, as the authors' code). A maximum has no
 * standard error: the estimate reports how many evaluations it is the maximum of.
 */
public final class MaxSensitivity extends SensitivityMetric {
    /** The L∞ radius (Yeh et al.'s code: 0.2). */
    public static final Setting<Double> RADIUS = SensitivityDistances.RADIUS;
    /** Points drawn per value (Yeh et al.'s code: 50). */
    public static final Setting<Integer> SAMPLES = SensitivityDistances.SAMPLES;

    private MaxSensitivity(SensitivityDistances distances) {
        super(distances);
    }

    /** A builder of Max-sensitivity with Yeh et al.'s defaults (L∞ ball of radius 0.2, 50 points). */
    public static SensitivityBuilder<MaxSensitivity> builder() {
        return new SensitivityBuilder<>(MaxSensitivity::new);
    }

    @Override
    double[] reduce(double[] distances) {
        double max = 0;
        for (double v : distances) {
            max = Math.max(max, v);
        }
        return new double[] {max, Double.NaN};
    }

    @Override
    public String name() {
        return "max-sensitivity";
    }
}
