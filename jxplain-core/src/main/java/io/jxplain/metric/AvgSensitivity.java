package io.jxplain.metric;

import io.jxplain.sample.UniformBallPerturbation;

/** Avg-sensitivity (Yeh et al. 2019, §3): the mean of ‖φ(y) − φ(x)‖₂ over y uniform in the ball, with its standard error. */
public final class AvgSensitivity extends SensitivityMetric<AvgSensitivity> {
    private AvgSensitivity(SensitivityDistances distances) {
        super(distances);
    }

    public static AvgSensitivity of(double radius, int samples) {
        return new AvgSensitivity(new SensitivityDistances(radius, samples, UniformBallPerturbation.Norm.LINF, false, true));
    }

    public static AvgSensitivity defaults() {
        return of(SensitivityDistances.DEFAULT_RADIUS, SensitivityDistances.DEFAULT_SAMPLES);
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
