package io.jxplain.kernel;


/**
 * The products the least-squares core needs on a tall, skinny design A (n×p, n ≫ p, row-major): AᵀA, AᵀDA for a
 * diagonal D, and the leverages ‖L⁻¹aᵢ‖² of every row given the Cholesky factor L of AᵀA. Why by hand: EJML's
 * general AᵀB and per-column triangular solves were 70% of C-LIME's time. The Gram matrix is built row of A by row
 * of A: G[j][k..k+7] += (wᵢ·aᵢⱼ)·aᵢ[k..k+7], contiguous loads, whole SIMD vectors of k ({@link VectorProducts}); the
 * scalar code below does every element with the same operations in the same order (the same bits either way).
 */
public final class TallSkinnyProducts {
    private TallSkinnyProducts() {
    }

    /**
     * AᵀDA (D = diag(w), or the identity when w is null) as a full p×p row-major array: G[j][k] = Σᵢ (wᵢ·aᵢⱼ)·aᵢₖ,
     * summed over i in order, for k ≥ j; the lower triangle is a copy of the upper one (exactly symmetric).
     */
    public static double[] weightedGram(double[] a, int n, int p, double[] w) {
        double[] g = new double[p * p];
        int from = Simd.ENABLED ? VectorProducts.gramColumns(a, n, p, w, g) : 0; // columns [0, from) of every row
        for (int j = 0; j < p; j++) {
            for (int k = Math.max(j, from); k < p; k++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    double c = w == null ? a[i * p + j] : w[i] * a[i * p + j];
                    s += a[i * p + k] * c;
                }
                g[j * p + k] = s;
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = j + 1; k < p; k++) {
                g[k * p + j] = g[j * p + k];
            }
        }
        return g;
    }

    /**
     * hᵢ = aᵢᵀ(AᵀA)⁻¹aᵢ = ‖L⁻¹aᵢ‖² for every row, with L (p×p, lower, row-major) the Cholesky factor of AᵀA: a
     * forward substitution per row (p²/2 operations), never an inverse.
     */
    public static double[] leverages(double[] a, int n, int p, double[] lower) {
        double[] h = new double[n];
        double[] y = new double[p];
        for (int i = Simd.ENABLED ? VectorProducts.leverages(a, n, p, lower, h) : 0; i < n; i++) {
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
