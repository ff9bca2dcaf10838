package io.jxplain.metric;

import io.jxplain.Setting;
import io.jxplain.sample.UniformBallPerturbation;

/**
 * Max-sensitivity (Yeh et al. 2019, Definition 3.1): max over y in a ball of radius r around x of ‖φ(y) − φ(x)‖₂,
 * estimated by Monte Carlo over n points (default: L∞ ball, r = 0.2, n = 50, as the authors' code). A maximum has no
 * standard error: the estimate reports how many evaluations it is the maximum of.
 */
public final class MaxSensitivity extends SensitivityMetric<MaxSensitivity> {
    /** The L∞ radius (Yeh et al.'s code: 0.2). */
    public static final Setting<Double> RADIUS = SensitivityDistances.RADIUS;
    /** Points drawn per value (Yeh et al.'s code: 50). */
    public static final Setting<Integer> SAMPLES = SensitivityDistances.SAMPLES;

    private MaxSensitivity(SensitivityDistances distances) {
        super(distances);
    }

    /** Max-sensitivity over {@code samples} points uniform in the L∞ ball of {@code radius} (Yeh et al.'s code). */
    public static MaxSensitivity of(double radius, int samples) {
        return new MaxSensitivity(SensitivityDistances.ball(radius, samples, UniformBallPerturbation.Norm.LINF));
    }

    /** n points drawn from any perturbation around x (the ball of {@link #of} is Yeh et al.'s). */
    public static MaxSensitivity under(io.jxplain.sample.Perturbation p, int samples) {
        return defaults().with(new SensitivityDistances(p, samples, false, true));
    }

    /** Max-sensitivity with the default radius and samples. */
    public static MaxSensitivity defaults() {
        return of(RADIUS.defaultValue(), SAMPLES.defaultValue());
    }

    @Override
    MaxSensitivity with(SensitivityDistances d) {
        return new MaxSensitivity(d);
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
