package io.jxplain.metric;

import io.jxplain.Setting;

/** Avg-sensitivity (Yeh et al. 2019, §3): the mean of ‖φ(y) − φ(x)‖₂ over y uniform in the ball, with its standard error. */
public final class AvgSensitivity extends SensitivityMetric {
    /** Radius of the L∞ ball the neighbours are drawn from. */
    public static final Setting<Double> RADIUS = SensitivityDistances.RADIUS;
    /** Neighbours drawn per point. */
    public static final Setting<Integer> SAMPLES = SensitivityDistances.SAMPLES;

    private AvgSensitivity(SensitivityDistances distances) {
        super(distances);
    }

    /** A builder of Avg-sensitivity with Yeh et al.'s defaults (L∞ ball of radius 0.2, 50 points). */
    public static SensitivityBuilder<AvgSensitivity> builder() {
        return new SensitivityBuilder<>(AvgSensitivity::new);
    }

    @Override
    double[] reduce(double[] v) {
        double mean = 0;
        for (double t : v) {
            mean += t / v.length;
        }
        double var = 0;
        for (double t : v) {
            var += (t - mean) * (t - mean) / (v.length - 1);
        }
        return new double[] {mean, Math.sqrt(var / v.length)};
    }

    @Override
    public String name() {
        return "avg-sensitivity";
    }
}
