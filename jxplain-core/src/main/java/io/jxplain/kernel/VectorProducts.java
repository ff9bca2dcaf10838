package io.jxplain.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD half of {@link TallSkinnyProducts}: the Gram matrix on whole vectors of columns, with exactly the scalar
 * code's operations per element. Loaded only when the JVM has the jdk.incubator.vector module.
 */
final class VectorProducts {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private VectorProducts() {
    }

    /**
     * G[j][k] = Σᵢ aᵢₖ·(wᵢ·aᵢⱼ) (wᵢ = 1 when w is null), i in order, for every j and the columns k in
     * [0, loopBound(p)) (the upper triangle and the vectors that straddle the diagonal; the caller mirrors it), and,
     * when p is not a whole number of vectors but at least one, the last vector of columns [p − lanes, p) as well: its
     * overlap with columns already done is computed again with the same operations, so the same values (before, the
     * scalar code summed those last columns with strided loads: a quarter of LIME's time at 15 features). Returns the
     * columns done: p, or loopBound(p) when p is less than one vector.
     */
    static int gramColumns(double[] a, int n, int p, double[] w, double[] g) {
        int lanes = SPECIES.length();
        int bound = SPECIES.loopBound(p);
        for (int k = 0; k < bound; k += lanes) {
            gramVector(a, n, p, w, g, k, Math.min(p, k + lanes)); // rows j ≥ k + lanes lie below the diagonal
        }
        if (bound < p && p >= lanes) {
            gramVector(a, n, p, w, g, p - lanes, p);
            return p;
        }
        return bound;
    }

    /** G[j][k … k + lanes) for rows j in [0, lastJ). Four rows j at a time share each load of aᵢ. */
    private static void gramVector(double[] a, int n, int p, double[] w, double[] g, int k, int lastJ) {
        int j = 0;
        for (; j + 3 < lastJ; j += 4) { // four independent sums: the adds' latency overlaps
            DoubleVector s0 = DoubleVector.zero(SPECIES);
            DoubleVector s1 = DoubleVector.zero(SPECIES);
            DoubleVector s2 = DoubleVector.zero(SPECIES);
            DoubleVector s3 = DoubleVector.zero(SPECIES);
            for (int i = 0, row = 0; i < n; i++, row += p) {
                DoubleVector ai = DoubleVector.fromArray(SPECIES, a, row + k);
                double wi = w == null ? 1.0 : w[i];
                s0 = s0.add(ai.mul(w == null ? a[row + j] : wi * a[row + j]));
                s1 = s1.add(ai.mul(w == null ? a[row + j + 1] : wi * a[row + j + 1]));
                s2 = s2.add(ai.mul(w == null ? a[row + j + 2] : wi * a[row + j + 2]));
                s3 = s3.add(ai.mul(w == null ? a[row + j + 3] : wi * a[row + j + 3]));
            }
            s0.intoArray(g, j * p + k);
            s1.intoArray(g, (j + 1) * p + k);
            s2.intoArray(g, (j + 2) * p + k);
            s3.intoArray(g, (j + 3) * p + k);
        }
        for (; j < lastJ; j++) {
            DoubleVector s0 = DoubleVector.zero(SPECIES);
            for (int i = 0, row = 0; i < n; i++, row += p) {
                double c0 = w == null ? a[row + j] : w[i] * a[row + j];
                s0 = s0.add(DoubleVector.fromArray(SPECIES, a, row + k).mul(c0));
            }
            s0.intoArray(g, j * p + k);
        }
    }

    /**
     * {@link TallSkinnyProducts#leverages} for whole vectors of rows (lane l: row i + l, gathered): the same forward
     * substitution, operation by operation, as the scalar code does row by row. Returns the first row not done.
     */
    static int leverages(double[] a, int n, int p, double[] lower, double[] h) {
        int lanes = SPECIES.length();
        int bound = SPECIES.loopBound(n);
        int[] rowOffsets = new int[lanes];
        for (int l = 0; l < lanes; l++) {
            rowOffsets[l] = l * p;
        }
        double[] y = new double[p * lanes]; // y[k] of every lane, k by k
        for (int i = 0; i < bound; i += lanes) {
            DoubleVector sum = DoubleVector.zero(SPECIES);
            for (int j = 0; j < p; j++) {
                DoubleVector v = DoubleVector.fromArray(SPECIES, a, i * p + j, rowOffsets, 0);
                int lj = j * p;
                for (int k = 0; k < j; k++) {
                    v = v.sub(DoubleVector.fromArray(SPECIES, y, k * lanes).mul(lower[lj + k]));
                }
                v = v.div(lower[lj + j]);
                v.intoArray(y, j * lanes);
                sum = sum.add(v.mul(v));
            }
            sum.intoArray(h, i);
        }
        return bound;
    }
}
