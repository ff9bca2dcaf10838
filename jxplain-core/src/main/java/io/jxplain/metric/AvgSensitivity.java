package io.jxplain.metric;

import io.jxplain.Setting;
import io.jxplain.sample.UniformBallPerturbation;

/** Avg-sensitivity (Yeh et al. 2019, §3): the mean of ‖φ(y) − φ(x)‖₂ over y uniform in the ball, with its standard error. */
public final class AvgSensitivity extends SensitivityMetric<AvgSensitivity> {
    /** Radius of the L∞ ball the neighbours are drawn from. */
    public static final Setting<Double> RADIUS = SensitivityDistances.RADIUS;
    /** Neighbours drawn per point. */
    public static final Setting<Integer> SAMPLES = SensitivityDistances.SAMPLES;

    private AvgSensitivity(SensitivityDistances distances) {
        super(distances);
    }

    /** Avg-sensitivity over {@code samples} points uniform in the L∞ ball of {@code radius} (Yeh et al.'s code). */
    public static AvgSensitivity of(double radius, int samples) {
        return new AvgSensitivity(SensitivityDistances.ball(radius, samples, UniformBallPerturbation.Norm.LINF));
    }

    /** n points drawn from any perturbation around x (the ball of {@link #of} is Yeh et al.'s). */
    public static AvgSensitivity under(io.jxplain.sample.Perturbation p, int samples) {
        return defaults().with(new SensitivityDistances(p, samples, false, true));
    }

    /** Avg-sensitivity with the default radius and samples. */
    public static AvgSensitivity defaults() {
        return of(RADIUS.defaultValue(), SAMPLES.defaultValue());
    }

    @Override
    AvgSensitivity with(SensitivityDistances d) {
        return new AvgSensitivity(d);
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
