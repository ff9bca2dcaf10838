package io.jxplain.explain;

import io.jxplain.Setting;
import io.jxplain.model.Model;
import io.jxplain.kernel.RunningMoments;
import io.jxplain.model.Target;
import io.jxplain.sample.GaussianPerturbation;
import io.jxplain.sample.Perturbation;
import io.jxplain.random.RandomStreams;
import io.jxplain.sample.UniformBallPerturbation;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Smooths ANY explainer over N(x, σ²I) neighbours (or over uniform L∞-ball neighbours, as Yeh et al.'s code does): the "-SG" variants of Yeh et al. 2019 §4 (Grad-SG, IG-SG, …),
 * with Captum NoiseTunnel's three statistics: the mean (smoothgrad), the mean of squares (smoothgrad_sq) and the
 * variance (vargrad). Neighbour k's inner explanation uses its own stream, so random inner explainers stay
 * reproducible. Smoothed(Gradient) with the mean IS SmoothGrad: it runs SmoothGrad's one (batched) path, so the
 * smoothed gradient has a single implementation.
 */
public final class Smoothed extends BaseExplainer {
    /** What is averaged over the neighbours. */
    public enum Statistic {
        /** The mean (Captum's smoothgrad). */
        MEAN,
        /** The mean of squares (smoothgrad_sq). */
        MEAN_OF_SQUARES,
        /** The variance (vargrad). */
        VARIANCE
    }

    /** NAME-sg's statistic (Yeh et al. 2019 §4 smooths the mean). */
    public static final Setting<Statistic> STATISTIC = Setting.choice("sg", Statistic.class, Statistic.MEAN,
            "NAME-sg: what is averaged over the neighbours.").from("Yeh et al. 2019 §4");

    private final Explainer inner;
    private final int samples;
    private final Perturbation perturbation;
    private final Statistic statistic;
    private final SmoothGrad smoothGrad; // the mean of plain gradients is SmoothGrad: its path, not a second one

    private Smoothed(Explainer inner, int samples, Perturbation perturbation, Statistic statistic) {
        if (inner == null) {
            throw new IllegalArgumentException("Smoothed needs an explainer to smooth");
        }
        if (perturbation == null) {
            throw new IllegalArgumentException("Smoothed needs a perturbation to draw the neighbours from");
        }
        Sampling.SAMPLES.check(samples);
        this.inner = inner;
        this.samples = samples;
        this.perturbation = perturbation;
        this.statistic = statistic;
        this.smoothGrad = statistic == Statistic.MEAN && inner instanceof Gradient g && !g.isAbsolute()
                ? SmoothGrad.builder().samples(samples).perturbation(perturbation).build() : null;
    }

    /**
     * A builder of {@code inner}'s explanations averaged over neighbours of x; by default the mean over
     * {@link Sampling#SAMPLES}' default neighbours from N(x, σ²I) with {@link Sampling#SIGMA2}'s default σ².
     */
    public static Builder builder(Explainer inner) {
        return new Builder(inner);
    }

    /** Builds a {@link Smoothed}. */
    public static final class Builder {
        private final Explainer inner;
        private int samples = Sampling.SAMPLES.defaultValue();
        private Perturbation perturbation = Perturbation.gaussian(Sampling.SIGMA2.defaultValue());
        private Statistic statistic = STATISTIC.defaultValue();

        private Builder(Explainer inner) {
            this.inner = inner;
        }

        /** Neighbours per explanation. */
        public Builder samples(int n) {
            this.samples = n;
            return this;
        }

        /** Neighbours from N(x, σ²I). */
        public Builder sigma2(double sigma2) {
            return perturbation(Perturbation.gaussian(sigma2));
        }

        /** Neighbours uniform in the L∞ ball of this radius around x (Yeh et al.'s code, r = 0.2). */
        public Builder uniform(double radius) {
            return perturbation(Perturbation.uniformBox(radius));
        }

        /** Neighbours from any perturbation around x. */
        public Builder perturbation(Perturbation p) {
            this.perturbation = p;
            return this;
        }

        /** What is averaged over the neighbours (the mean by default). */
        public Builder statistic(Statistic s) {
            this.statistic = s;
            return this;
        }

        /** The explainer. */
        public Smoothed build() {
            return new Smoothed(inner, samples, perturbation, statistic);
        }
    }

    @Override
    public Optional<Perturbation> perturbation() {
        return Optional.of(perturbation);
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
        if (perturbation instanceof UniformBallPerturbation ball && ball.norm() == UniformBallPerturbation.Norm.LINF) {
            p.put("radius", ball.radius());
            p.put("noise", "uniform-linf");
        } else if (perturbation instanceof GaussianPerturbation g && g.isIsotropic()) {
            p.put("sigma2", g.sigma2());
        } else {
            p.put("noise", perturbation.name());
            p.putAll(perturbation.parameters());
        }
        p.put(STATISTIC.name(), STATISTIC.text(statistic));
        return p;
    }

    @Override
    public boolean isStochastic() {
        return true;
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        if (smoothGrad != null) {
            return smoothGrad.attribute(model, target, x, rng);
        }
        int d = x.length;
        perturbation.requireDimension(d, "x");
        DMatrixRMaj neighbours = perturbation.sample(x, samples, rng);
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
    int modelRowsPerInstance(int d) {
        return smoothGrad != null ? smoothGrad.modelRowsPerInstance(d) : super.modelRowsPerInstance(d);
    }

    @Override
    Attribution[] attributeRows(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                java.util.function.IntToLongFunction seedOf) {
        return smoothGrad != null ? smoothGrad.attributeRows(model, target, rows, from, to, seedOf)
                : super.attributeRows(model, target, rows, from, to, seedOf);
    }

    @Override
    long rowsHeldPerInstance(int d) {
        return Math.max(modelRowsPerInstance(d), samples);
    }
}
