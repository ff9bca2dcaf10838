package io.jxplain.sample;

import org.ejml.data.DMatrixRMaj;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A seeded distribution of neighbours around an input x. Explainers draw from it to build explanations
 * (SmoothGrad, C-LIME) and metrics draw from it to evaluate them (infidelity, sensitivity): one object, both uses.
 */
public interface Perturbation {
    /** {@link #dimension()} of a perturbation that takes its dimension from each x (isotropic Gaussian, balls). */
    int ANY_DIMENSION = 0;

    /** Number of features d of the inputs it perturbs, or {@link #ANY_DIMENSION} when any x will do. */
    int dimension();

    /** Throws unless it perturbs inputs of {@code d} features; {@code what} names them in the message. */
    default void requireDimension(int d, String what) {
        if (dimension() != ANY_DIMENSION && dimension() != d) {
            throw new IllegalArgumentException("the perturbation has " + dimension() + " features, " + what + " has " + d);
        }
    }

    /** N(x, σ²I) for inputs of any dimension: the one Gaussian most methods and metrics take. */
    static GaussianPerturbation gaussian(double sigma2) {
        return GaussianPerturbation.isotropic(sigma2);
    }

    /** Uniform in the L∞ ball (the box) of this radius around x, for inputs of any dimension. */
    static UniformBallPerturbation uniformBox(double radius) {
        return new UniformBallPerturbation(ANY_DIMENSION, radius, UniformBallPerturbation.Norm.LINF);
    }

    /**
     * Draws {@code n} neighbours of {@code x} into the rows of {@code out} (n×d), reading only {@code rng}.
     * {@code out} is reshaped to n×d if needed.
     */
    void sample(double[] x, int n, RandomGenerator rng, DMatrixRMaj out);

    /**
     * The same n neighbours as {@link #sample(double[], int, RandomGenerator, DMatrixRMaj)}, written as n rows of
     * {@code out} from out[offset] on (into a block that holds many inputs' neighbours). This default copies.
     */
    default void sample(double[] x, int n, RandomGenerator rng, double[] out, int offset) {
        DMatrixRMaj own = sample(x, n, rng);
        System.arraycopy(own.data, 0, out, offset, n * x.length);
    }

    /** Convenience: a new n×d matrix of neighbours. */
    default DMatrixRMaj sample(double[] x, int n, RandomGenerator rng) {
        DMatrixRMaj out = new DMatrixRMaj(n, x.length);
        sample(x, n, rng, out);
        return out;
    }

    /**
     * Draws n neighbours together with the regressors that a surrogate explanation is linear in. For continuous
     * perturbations (this default) those are the offsets a − x; a coalition perturbation (KernelSHAP) returns its
     * binary masks and kernel weights instead, so every least-squares explainer consumes {@link Draws} alike.
     */
    default Draws draw(double[] x, int n, RandomGenerator rng) {
        DMatrixRMaj neighbours = sample(x, n, rng);
        DMatrixRMaj offsets = neighbours.copy();
        int d = x.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                offsets.data[i * d + j] -= x[j];
            }
        }
        return new Draws(neighbours, offsets, null);
    }

    /**
     * A neighbour the distribution puts infinite weight on, or null (this default). The Shapley kernel gives the
     * coalition that removes every feature infinite weight (Yeh et al. 2019, Prop. 2.5; Lundberg &amp; Lee 2017): a
     * least-squares explanation must then match f(x) − f(that neighbour) exactly, as a constraint, not a sample.
     */
    default double[] constraintNeighbour(double[] x) {
        return null;
    }

    /** Short name for provenance, e.g. "gaussian". */
    String name();

    /** Parameters for provenance, e.g. {"sigma2": 1.0}. */
    Map<String, Object> parameters();
}
