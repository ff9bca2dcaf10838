package io.jxplain.metric;

import io.jxplain.sample.Perturbation;
import io.jxplain.sample.UniformBallPerturbation;

import java.util.function.Function;

/**
 * Builds max- or avg-sensitivity: n points y drawn around x, by default uniform in Yeh et al.'s L∞ ball of radius
 * {@link MaxSensitivity#RADIUS}' default, the explainer's randomness held fixed (common random numbers).
 *
 * @param <M> the metric built
 */
public final class SensitivityBuilder<M extends Metric> {
    private final Function<SensitivityDistances, M> factory;
    private double radius = SensitivityDistances.RADIUS.defaultValue();
    private UniformBallPerturbation.Norm norm = UniformBallPerturbation.Norm.LINF;
    private Perturbation perturbation; // null: the ball
    private int samples = SensitivityDistances.SAMPLES.defaultValue();
    private boolean relative;
    private boolean commonRandomNumbers = true;

    SensitivityBuilder(Function<SensitivityDistances, M> factory) {
        this.factory = factory;
    }

    /** The radius of the ball (Yeh et al.'s code: 0.2). */
    public SensitivityBuilder<M> radius(double r) {
        SensitivityDistances.RADIUS.check(r);
        this.radius = r;
        return this;
    }

    /** The L2 ball of the same radius instead of the L∞ box. */
    public SensitivityBuilder<M> l2() {
        this.norm = UniformBallPerturbation.Norm.L2;
        return this;
    }

    /** Points y drawn from any perturbation around x instead of the ball. */
    public SensitivityBuilder<M> perturbation(Perturbation p) {
        if (p == null) {
            throw new IllegalArgumentException("sensitivity needs a perturbation to draw the points y from");
        }
        this.perturbation = p;
        return this;
    }

    /** Points drawn per value. */
    public SensitivityBuilder<M> samples(int n) {
        SensitivityDistances.SAMPLES.check(n);
        this.samples = n;
        return this;
    }

    /** Divided by ‖φ(x)‖₂, as Captum's sensitivity_max (off by default). */
    public SensitivityBuilder<M> relative(boolean on) {
        this.relative = on;
        return this;
    }

    /** Independent explainer randomness at every neighbour (off by default: it is held fixed). */
    public SensitivityBuilder<M> independentNoise(boolean on) {
        this.commonRandomNumbers = !on;
        return this;
    }

    /** The metric; refuses l2() together with a perturbation of its own. */
    public M build() {
        if (perturbation != null && norm != UniformBallPerturbation.Norm.LINF) {
            throw new IllegalArgumentException("l2() sets the ball's norm; this metric draws from "
                    + perturbation.name());
        }
        Perturbation neighbourhood = perturbation != null ? perturbation
                : new UniformBallPerturbation(Perturbation.ANY_DIMENSION, radius, norm);
        return factory.apply(new SensitivityDistances(neighbourhood, samples, relative, commonRandomNumbers));
    }
}
