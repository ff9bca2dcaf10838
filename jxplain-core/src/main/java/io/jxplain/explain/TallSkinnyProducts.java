package io.jxplain.explain;

/**
 * The products the least-squares core needs on a tall, skinny design A (n×p, n ≫ p, row-major): AᵀA, AᵀDA for a
 * diagonal D, and the leverages ‖L⁻¹aᵢ‖² of every row given the Cholesky factor L of AᵀA. Why by hand: EJML's
 * general AᵀB and per-column triangular solves were 70% of C-LIME's time. Here each entry of the Gram matrix is a
 * dot product of two contiguous columns with four independent partial sums (no stores in the inner loop, so no
 * possible aliasing stalls it), and only the upper triangle is computed.
 */
final class TallSkinnyProducts {
    private TallSkinnyProducts() {
    }

    /** AᵀDA (D = diag(w), or the identity when w is null) as a full p×p row-major array. */
    static double[] weightedGram(double[] a, int n, int p, double[] w) {
        double[] columns = new double[p * n]; // Aᵀ: column j of A at j·n
        double[] weighted = w == null ? columns : new double[p * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                columns[j * n + i] = a[i * p + j];
                if (w != null) {
                    weighted[j * n + i] = a[i * p + j] * w[i];
                }
            }
        }
        double[] g = new double[p * p];
        for (int j = 0; j < p; j++) {
            for (int k = j; k < p; k++) {
                double v = dot(weighted, j * n, columns, k * n, n);
                g[j * p + k] = v;
                g[k * p + j] = v;
            }
        }
        return g;
    }

    /** Σᵢ x[xo + i]·y[yo + i] over n terms, in four interleaved partial sums. */
    private static double dot(double[] x, int xo, double[] y, int yo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[xo + i] * y[yo + i];
            s1 += x[xo + i + 1] * y[yo + i + 1];
            s2 += x[xo + i + 2] * y[yo + i + 2];
            s3 += x[xo + i + 3] * y[yo + i + 3];
        }
        for (; i < n; i++) {
            s0 += x[xo + i] * y[yo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * hᵢ = aᵢᵀ(AᵀA)⁻¹aᵢ = ‖L⁻¹aᵢ‖² for every row, with L (p×p, lower, row-major) the Cholesky factor of AᵀA: a
     * forward substitution per row (p²/2 operations), never an inverse.
     */
    static double[] leverages(double[] a, int n, int p, double[] lower) {
        double[] h = new double[n];
        double[] y = new double[p];
        for (int i = 0; i < n; i++) {
            int row = i * p;
            double sum = 0;
            for (int j = 0; j < p; j++) {
                double v = a[row + j];
                int lj = j * p;
                for (int k = 0; k < j; k++) {
                    v -= lower[lj + k] * y[k];
                }
                v /= lower[lj + j];
                y[j] = v;
                sum += v * v;
            }
            h[i] = sum;
        }
        return h;
    }
}
