package io.jxplain.sample;

import io.jxplain.Checks;
import org.ejml.data.DMatrixRMaj;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Neighbours drawn uniformly from a ball of radius r around x, in the L∞ norm (a box: each coordinate uniform in
 * [x − r, x + r], as Yeh et al.'s max-sensitivity and Alvarez-Melis &amp; Jaakkola's ε-box) or the L2 norm (direction
 * uniform on the sphere, radius r·U^{1/d}).
 */
public final class UniformBallPerturbation implements Perturbation {
    /** Which norm's ball. */
    public enum Norm { LINF, L2 }

    private final int d;
    private final double radius;
    private final Norm norm;

    public UniformBallPerturbation(int d, double radius, Norm norm) {
        Checks.requirePositive("dimension", d);
        Checks.requirePositive("radius", radius);
        this.d = d;
        this.radius = radius;
        this.norm = norm;
    }

    public double radius() {
        return radius;
    }

    public Norm norm() {
        return norm;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public void sample(double[] x, int n, RandomGenerator rng, DMatrixRMaj out) {
        Checks.requireVector("x", x, d);
        out.reshape(n, d);
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            if (norm == Norm.LINF) {
                for (int j = 0; j < d; j++) {
                    out.data[i * d + j] = x[j] + radius * (2 * rng.nextDouble() - 1);
                }
                continue;
            }
            double sq = 0;
            for (int j = 0; j < d; j++) {
                z[j] = rng.nextGaussian();
                sq += z[j] * z[j];
            }
            double scale = radius * Math.pow(rng.nextDouble(), 1.0 / d) / Math.sqrt(sq);
            for (int j = 0; j < d; j++) {
                out.data[i * d + j] = x[j] + scale * z[j];
            }
        }
    }

    @Override
    public String name() {
        return norm == Norm.LINF ? "uniform-linf-ball" : "uniform-l2-ball";
    }

    @Override
    public Map<String, Object> parameters() {
        return io.jxplain.OrderedMaps.of("radius", radius, "norm", norm.name().toLowerCase(java.util.Locale.ROOT));
    }
}
