package io.jxplain.kernel;

import java.util.Arrays;

/**
 * Per-feature running mean and standard error of a stream of d-vectors: sums and sums of squares shifted by the first
 * vector, so the variance keeps its digits without a division per sample. Vector number c goes to lane c mod
 * {@link #LANES}: eight partial sums per feature, added lane 0 to lane 7 at the end. Why striped: a model that holds its
 * gradients as features × rows ({@code Differentiable.targetGradientMoments}) then adds eight rows with one SIMD
 * operation and gets the same bits as adding them one at a time ({@link #add}, the definition). SmoothGrad and
 * Smoothed share it, which is also why Smoothed(Gradient) equals SmoothGrad to the last bit.
 */
public final class RunningMoments {
    /** Partial sums per feature; fixed (not the machine's vector width) so results do not depend on the machine. */
    public static final int LANES = 8;

    private final int d;
    private double[] shift;
    private final double[] sum;   // feature j, lane l at j·LANES + l
    private final double[] sumSq; // Σ v² by fused multiply–adds
    private long count;

    /** Moments of vectors of {@code d} values, empty until the first is added. */
    public RunningMoments(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be ≥ 1, got " + d);
        }
        this.d = d;
        this.sum = new double[d * LANES];
        this.sumSq = new double[d * LANES];
    }

    /** The number of values per vector. */
    public int dimension() {
        return d;
    }

    /** Vectors added so far. */
    public long count() {
        return count;
    }

    /** Adds the vector at {@code values[offset .. offset + d)}. */
    public void add(double[] values, int offset) {
        if (shift == null) {
            shift = Arrays.copyOfRange(values, offset, offset + d);
        }
        addStrided(values, offset, 1);
    }

    /**
     * Adds {@code rows} vectors stored as columns: feature j of vector r at {@code t[j·stride + first + r]} (a model's
     * features × rows layout). The same bits as {@link #add} of each vector in turn: SIMD for whole groups of lanes,
     * this class's scalar code before and after them.
     */
    public void addColumns(double[] t, int stride, int first, int rows) {
        if (rows < 0 || first < 0 || (rows > 0 && (d - 1L) * stride + first + rows > t.length)) {
            throw new IllegalArgumentException(rows + " columns from " + first + " with stride " + stride
                    + " do not fit an array of " + t.length + " for " + d + " features");
        }
        if (rows == 0) {
            return;
        }
        if (shift == null) {
            shift = new double[d];
            for (int j = 0; j < d; j++) {
                shift[j] = t[j * stride + first];
            }
        }
        int r = 0;
        for (; r < rows && count % LANES != 0; r++) {
            addStrided(t, first + r, stride);
        }
        int whole = (rows - r) / LANES * LANES;
        if (io.jxplain.kernel.Simd.ENABLED && whole > 0) {
            VectorMoments.addColumns(t, stride, first + r, whole, d, shift, sum, sumSq);
            count += whole;
            r += whole;
        }
        for (; r < rows; r++) {
            addStrided(t, first + r, stride);
        }
    }

    /** The definition of adding one vector, whose entry j is at a[offset + j·step]. */
    private void addStrided(double[] a, int offset, int step) {
        int lane = (int) (count % LANES);
        for (int j = 0; j < d; j++) {
            double v = a[offset + j * step] - shift[j];
            sum[j * LANES + lane] += v;
            sumSq[j * LANES + lane] = Math.fma(v, v, sumSq[j * LANES + lane]);
        }
        count++;
    }

    /** False once any vector added had a NaN or infinite entry (or the sums overflowed). */
    public boolean isFinite() {
        for (int t = 0; t < sum.length; t++) {
            if (!Double.isFinite(sum[t]) || !Double.isFinite(sumSq[t])) {
                return false;
            }
        }
        return true;
    }

    /** The mean of the vectors added so far (at least one). */
    public double[] mean() {
        requireSome(1);
        double[] m = new double[d];
        for (int j = 0; j < d; j++) {
            m[j] = shift[j] + laneTotal(sum, j) / count;
        }
        return m;
    }

    /** Sample variance (n − 1 denominator) per feature; NaN after a single vector. */
    public double[] variance() {
        requireSome(1);
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            double m = laneTotal(sum, j) / count;
            v[j] = Math.max(0.0, (laneTotal(sumSq, j) - count * m * m) / (count - 1));
        }
        return v;
    }

    /** Standard error of the mean per feature. */
    public double[] standardErrors() {
        double[] v = variance();
        for (int j = 0; j < d; j++) {
            v[j] = Math.sqrt(v[j] / count);
        }
        return v;
    }

    private static double laneTotal(double[] lanes, int j) {
        double s = 0;
        for (int l = 0; l < LANES; l++) {
            s += lanes[j * LANES + l];
        }
        return s;
    }

    private void requireSome(int n) {
        if (count < n) {
            throw new IllegalStateException("needs at least " + n + " vector" + (n == 1 ? "" : "s") + ", has " + count);
        }
    }
}
