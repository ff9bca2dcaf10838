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

    /** Convenience: a new n×d matrix of neighbours. */
    default DMatrixRMaj sample(double[] x, int n, RandomGenerator rng) {
        DMatrixRMaj out = new DMatrixRMaj(n, dimension());
        sample(x, n, rng, out);
        return out;
    }

    /** Short name for provenance, e.g. "gaussian". */
    String name();

    /** Parameters for provenance, e.g. {"sigma2": 1.0}. */
    Map<String, Object> parameters();
}
