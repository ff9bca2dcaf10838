package io.jxplain.explain;

import io.jxplain.Checks;
import io.jxplain.model.Model;
import io.jxplain.model.RunningMoments;
import io.jxplain.model.Target;
import io.jxplain.sample.GaussianPerturbation;
import io.jxplain.sample.RandomStreams;
import io.jxplain.sample.UniformBallPerturbation;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Smooths ANY explainer over N(x, σ²I) neighbours (or over uniform L∞-ball neighbours, as Yeh et al.'s code does): the "-SG" variants of Yeh et al. 2019 §4 (Grad-SG, IG-SG, …),
 * with Captum NoiseTunnel's three statistics: the mean (smoothgrad), the mean of squares (smoothgrad_sq) and the
 * variance (vargrad). Neighbour k's inner explanation uses its own stream, so random inner explainers stay
 * reproducible. Smoothed(Gradient) with the mean equals SmoothGrad for the same seed, bit for bit.
 */
public final class Smoothed extends BaseExplainer {
    /** What is averaged over the neighbours. */
    public enum Statistic { MEAN, MEAN_OF_SQUARES, VARIANCE }

    private final Explainer inner;
    private final int samples;
    private final double sigma2; // Gaussian noise variance, or NaN for the uniform ball
    private final double radius; // uniform L∞ ball radius, or NaN for Gaussian noise
    private final Statistic statistic;

    private Smoothed(Explainer inner, int samples, double sigma2, Statistic statistic) {
        this(inner, samples, sigma2, Double.NaN, statistic);
    }

    private Smoothed(Explainer inner, int samples, double sigma2, double radius, Statistic statistic) {
        if (inner == null) {
            throw new IllegalArgumentException("Smoothed needs an explainer to smooth");
        }
        if (samples < 2) {
            throw new IllegalArgumentException("samples must be at least 2, got " + samples);
        }
        if (Double.isNaN(radius)) {
            Checks.requirePositive("sigma2", sigma2);
        } else {
            Checks.requirePositive("radius", radius);
        }
        this.inner = inner;
        this.samples = samples;
        this.sigma2 = sigma2;
        this.radius = radius;
        this.statistic = statistic;
    }

    /** The mean over n neighbours uniform in the L∞ ball of the given radius around x (Yeh et al.'s code, r = 0.2). */
    public static Smoothed uniform(Explainer inner, int samples, double radius) {
        return new Smoothed(inner, samples, Double.NaN, radius, Statistic.MEAN);
    }

    /** The mean over n neighbours drawn from N(x, σ²I). */
    public static Smoothed of(Explainer inner, int samples, double sigma2) {
        return new Smoothed(inner, samples, sigma2, Statistic.MEAN);
    }

    public Smoothed statistic(Statistic s) {
        return new Smoothed(inner, samples, sigma2, radius, s);
    }

    @Override
    public String name() {
        return inner.name() + "-sg";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("inner", inner.name());
        p.put("innerParameters", inner.parameters());
        p.put("samples", samples);
        if (Double.isNaN(radius)) {
            p.put("sigma2", sigma2);
        } else {
            p.put("radius", radius);
            p.put("noise", "uniform-linf");
        }
        p.put("statistic", statistic.name().toLowerCase(Locale.ROOT));
        return p;
    }

    @Override
    public boolean isStochastic() {
        return true;
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        int d = x.length;
        DMatrixRMaj neighbours = Double.isNaN(radius)
                ? GaussianPerturbation.isotropic(d, sigma2).sample(x, samples, rng)
                : new UniformBallPerturbation(d, radius, UniformBallPerturbation.Norm.LINF).sample(x, samples, rng);
        long innerSeeds = rng.nextLong();
        RunningMoments acc = new RunningMoments(d);
        double[] squares = new double[d];
        long calls = 0;
        for (int k = 0; k < samples; k++) {
            double[] a = Arrays.copyOfRange(neighbours.data, k * d, (k + 1) * d);
            Explanation e = inner.explain(model, target, a, RandomStreams.childSeed(innerSeeds, k));
            calls += e.modelCalls();
            double[] phi = e.attributions();
            if (statistic == Statistic.MEAN_OF_SQUARES) {
                for (int j = 0; j < d; j++) {
                    squares[j] = phi[j] * phi[j];
                }
                acc.add(squares, 0);
            } else {
                acc.add(phi, 0);
            }
        }
        if (statistic == Statistic.VARIANCE) {
            double[] se = new double[d];
            Arrays.fill(se, Double.NaN); // the spread of a variance estimate is not reported
            return new Attribution(acc.variance(), se, Double.NaN, calls, samples);
        }
        return new Attribution(acc.mean(), acc.standardErrors(), Double.NaN, calls, samples);
    }

    @Override
    long rowsHeldPerInstance(int d) {
        return Math.max(modelRowsPerInstance(d), samples);
    }
}
