package io.jxplain.sample;

import org.ejml.data.DMatrixRMaj;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A seeded distribution of neighbours around an input x. Explainers draw from it to build explanations
 * (SmoothGrad, C-LIME) and metrics draw from it to evaluate them (infidelity, sensitivity): one object, both uses.
 */
public interface Perturbation {
    /** Number of features d of the inputs it perturbs. */
    int dimension();

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
        System.arraycopy(own.data, 0, out, offset, n * dimension());
    }

    /** Convenience: a new n×d matrix of neighbours. */
    default DMatrixRMaj sample(double[] x, int n, RandomGenerator rng) {
        DMatrixRMaj out = new DMatrixRMaj(n, dimension());
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
        int d = dimension();
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
