package io.jxplain.kernel;

/**
 * The network's hot kernels — a dense layer forward and backward over a block of rows, and ELU — defined once by their
 * exact sequence of IEEE operations: scalar code here, and the same operations on whole vectors in
 * {@link VectorKernels} when the JVM was started with {@code --add-modules jdk.incubator.vector} (bin/jxplain does this)
 * and {@code -Djxplain.vector=false} is not set. Because both compute every element identically, a row's result does not
 * depend on the batch it is in, the thread count, JIT warm-up, or whether SIMD is available.
 * Why by hand: Math.exp is not vectorised by the JIT and dominated ELU networks (ELU forward was ~2.5× slower than
 * identity); the exponential below is a vectorisable polynomial of elementary operations.
 */
public final class Kernels {
    static final boolean VECTOR = io.jxplain.kernel.Simd.ENABLED;

    static final double EXP_FLOOR = -700.0;                        // e^-700 ≈ 1e-304: below it ELU is −α anyway
    static final double INV_LN2 = 1.4426950408889634;
    static final double LN2_HI = 0.6931471803691238;               // ln 2 split in two (Cody & Waite 1980)
    static final double LN2_LO = 1.9082149292705877e-10;
    static final double ROUNDER = 6755399441055744.0;              // 1.5·2⁵²: + and − round to an integer
    /** 1/13!, 1/12!, …, 1/1!, 1/0!: Horner's coefficients of e^r's Taylor series (|r| ≤ ln2/2: error below 1e-17). */
    static final double[] EXP_COEFFICIENTS = {1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0,
        1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0,
        0.5, 1.0, 1.0};
    /** The first coefficient of the low half (powers 6 … 0); the high half (13 … 7) is multiplied by r⁷. */
    static final int EXP_SPLIT = 7;

    private Kernels() {
    }

    /** e^x for x ≤ 0: x = k·ln 2 + r, e^r by a polynomial, times 2^k in the exponent bits (within 2 ulps of Math.exp). */
    public static double expNonPositive(double x) {
        double xc = Math.max(x, EXP_FLOOR);
        double shifted = xc * INV_LN2 + ROUNDER;
        double k = shifted - ROUNDER;
        double r = Math.fma(k, -LN2_HI, xc) - k * LN2_LO; // k·LN2_HI is exact, so fused or not gives the same bits
        // e^r = high(r)·r⁷ + low(r), each half by Horner: two chains of 6 FMAs, not one of 13 (the SIMD loop is bound by
        // this latency: ELU 2.2 → 1.4 ns per element); the r⁷ term is ≤ 6e-4 of the result, so its rounding hardly shows
        double high = EXP_COEFFICIENTS[0];
        double low = EXP_COEFFICIENTS[EXP_SPLIT];
        for (int c = 1; c < EXP_SPLIT; c++) {
            high = Math.fma(high, r, EXP_COEFFICIENTS[c]);
            low = Math.fma(low, r, EXP_COEFFICIENTS[EXP_SPLIT + c]);
        }
        double r2 = r * r;
        return Math.fma(high, r2 * r2 * (r2 * r), low) * twoToThe(shifted);
    }

    /**
     * 2^k for an integer k in [−1022, 1023], given k + 1.5·2⁵² (exact, as {@code shifted} above): its bits are those of
     * 1.5·2⁵², whose low 51 bits are zero, plus k, so the low 12 bits of (its bits + 1023) are k + 1023, k's biased
     * exponent, and shifting left by 52 puts them in the exponent field and drops the rest. Integer operations only,
     * as the SIMD code does it (no double → long conversion).
     */
    static double twoToThe(double shifted) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) + 1023L) << 52);
    }

    /** a[t] = max(z, 0) + (e^{min(z, 0)} − 1)·α for t &lt; length. */
    public static void elu(double[] z, double[] a, int length, double alpha) {
        int t = VECTOR ? VectorKernels.elu(z, a, length, alpha) : 0;
        for (; t < length; t++) {
            double v = z[t];
            // for v ≥ 0 the exponential term is exactly (1 − 1)·α = 0, so skipping it keeps the bits (tested)
            a[t] = v >= 0 ? Math.max(v, 0.0) : Math.max(v, 0.0) + (expNonPositive(Math.min(v, 0.0)) - 1.0) * alpha;
        }
    }

    /**
     * yᵀ[j][i] = fma(xᵀ[in−1][i], w(j, in−1), … fma(xᵀ[0][i], w(j, 0), b[j])) for every unit j &lt; out and row i in
     * [i0, i1), where w(j, k) = w[k·colStep + j] (the units' weights for one input are adjacent) and b null means 0;
     * xᵀ and yᵀ are units × stride (row i of unit k at k·stride + i). The forward pass of a dense layer reads Wᵀ
     * (in×out, colStep out), its backward pass reads W itself (out×in, colStep in) as the weights of Wᵀ's units.
     */
    public static void affine(double[] xT, int stride, int in, double[] w, int colStep, double[] b, int out,
                       double[] yT, int i0, int i1) {
        int from = VECTOR ? VectorKernels.affine(xT, stride, in, w, colStep, b, out, yT, i0, i1) : i0;
        if (from < i1) {
            scalarAffine(xT, stride, in, w, colStep, b, out, yT, from, i1);
        }
    }

    /** {@link #affine} in plain Java, for rows [i0, i1). */
    static void scalarAffine(double[] xT, int stride, int in, double[] w, int colStep, double[] b, int out,
                             double[] yT, int i0, int i1) {
        for (int j = 0; j < out; j++) { // input by input, so that loads run along the batch; same FMA order per element
            int y = j * stride;
            java.util.Arrays.fill(yT, y + i0, y + i1, b == null ? 0.0 : b[j]);
            for (int k = 0; k < in; k++) {
                double wjk = w[k * colStep + j];
                int x = k * stride;
                for (int i = i0; i < i1; i++) {
                    yT[y + i] = Math.fma(xT[x + i], wjk, yT[y + i]);
                }
            }
        }
    }

    /**
     * t[j·stride + i] = m[(firstRow + i)·cols + j] for i &lt; rows: row-major rows into units × rows (a copy: the same
     * bits whoever does it).
     */
    public static void toUnitsByRows(double[] m, int firstRow, int rows, int cols, int stride, double[] t) {
        int from = VECTOR ? VectorKernels.toUnitsByRows(m, firstRow, rows, cols, stride, t) : 0;
        for (int i = from; i < rows; i++) {
            int r = (firstRow + i) * cols;
            for (int j = 0; j < cols; j++) {
                t[j * stride + i] = m[r + j];
            }
        }
    }

    /** m[(firstRow + i)·cols + j] = t[j·stride + i] for i &lt; rows: units × rows back to row-major rows. */
    public static void fromUnitsByRows(double[] t, int cols, int stride, int rows, double[] m, int firstRow) {
        int from = VECTOR ? VectorKernels.fromUnitsByRows(t, cols, stride, rows, m, firstRow) : 0;
        for (int i = from; i < rows; i++) {
            int r = (firstRow + i) * cols;
            for (int j = 0; j < cols; j++) {
                m[r + j] = t[j * stride + i];
            }
        }
    }
}
