package io.jxplain.sample;

import io.jxplain.random.SymmetricUniforms;
import io.jxplain.internal.Checks;
import io.jxplain.kernel.Simd;
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
    public enum Norm {
        /** The box: every coordinate within the radius. */
        LINF,
        /** The Euclidean ball. */
        L2
    }

    private final int d;
    private final double radius;
    private final Norm norm;

    /** {@code d} = {@link #ANY_DIMENSION}: for inputs of any dimension. */
    public UniformBallPerturbation(int d, double radius, Norm norm) {
        if (d < 0) {
            throw new IllegalArgumentException("dimension must be positive (or 0: any), got " + d);
        }
        Checks.requirePositive("radius", radius);
        this.d = d;
        this.radius = radius;
        this.norm = norm;
    }

    /** The ball's radius. */
    public double radius() {
        return radius;
    }

    /** The ball's norm. */
    public Norm norm() {
        return norm;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public void sample(double[] x, int n, RandomGenerator rng, DMatrixRMaj out) {
        Checks.requireVector("x", x, d == ANY_DIMENSION ? x.length : d);
        out.reshape(n, x.length);
        draw(x, n, rng, out.data, 0);
    }

    /**
     * In the L∞ ball, coordinate j of row i is x[j] + r·w with w = {@link SymmetricUniforms} draw i·d + j of the key
     * rng.nextLong(); in the L2 ball, d normal draws and one uniform per row through {@code rng}.
     */
    @Override
    public void sample(double[] x, int n, RandomGenerator rng, double[] out, int offset) {
        Checks.requireVector("x", x, d == ANY_DIMENSION ? x.length : d);
        int d = x.length;
        if (n < 0 || offset < 0 || offset + (long) n * d > out.length) {
            throw new IllegalArgumentException("cannot write " + n + " neighbours of " + d + " features at " + offset
                    + " into " + out.length + " values");
        }
        draw(x, n, rng, out, offset);
    }

    private void draw(double[] x, int n, RandomGenerator rng, double[] out, int offset) {
        int d = x.length;
        if (norm == Norm.LINF) {
            SymmetricUniforms.fill(rng.nextLong(), out, offset, n * d, Simd.ENABLED);
            for (int i = 0, t = offset; i < n; i++) {
                for (int j = 0; j < d; j++, t++) {
                    out[t] = x[j] + radius * out[t];
                }
            }
            return;
        }
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int j = 0; j < d; j++) {
                z[j] = rng.nextGaussian();
                sq += z[j] * z[j];
            }
            double scale = radius * Math.pow(rng.nextDouble(), 1.0 / d) / Math.sqrt(sq);
            for (int j = 0; j < d; j++) {
                out[offset + i * d + j] = x[j] + scale * z[j];
            }
        }
    }

    @Override
    public String name() {
        return norm == Norm.LINF ? "uniform-linf-ball" : "uniform-l2-ball";
    }

    @Override
    public Map<String, Object> parameters() {
        return io.jxplain.internal.OrderedMaps.of("radius", radius, "norm", norm.name().toLowerCase(java.util.Locale.ROOT));
    }
}
