package io.jxplain.sample;

import io.jxplain.internal.Checks;
import org.ejml.data.DMatrixRMaj;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * x̃ = x − ε·eᵢ for a feature i drawn uniformly: with it the infidelity-optimal explanation tends to the gradient as
 * ε → 0 (Yeh et al. 2019, Proposition 2.3).
 */
public final class CoordinatePerturbation implements Perturbation {
    private final int d;
    private final double epsilon;

    /** Steps of size {@code epsilon} along one of {@code d} coordinates, drawn uniformly. */
    public CoordinatePerturbation(int d, double epsilon) {
        Checks.requirePositive("dimension", d);
        Checks.requirePositive("epsilon", epsilon);
        this.d = d;
        this.epsilon = epsilon;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public void sample(double[] x, int n, RandomGenerator rng, DMatrixRMaj out) {
        Checks.requireVector("x", x, d);
        out.reshape(n, d);
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, 0, out.data, i * d, d);
            out.data[i * d + rng.nextInt(d)] -= epsilon;
        }
    }

    @Override
    public String name() {
        return "coordinate";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("epsilon", epsilon);
    }
}
