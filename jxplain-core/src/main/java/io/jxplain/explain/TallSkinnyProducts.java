package io.jxplain.explain;

/**
 * The products the least-squares core needs on a tall, skinny design A (n×p, n ≫ p, row-major): AᵀA, AᵀDA for a
 * diagonal D, and the leverages ‖L⁻¹aᵢ‖² of every row given the Cholesky factor L of AᵀA. Why by hand: EJML's
 * general AᵀB and per-column triangular solves were 70% of C-LIME's time; these loops touch only the upper triangle
 * and run along contiguous rows (or, for the leverages, along all rows at once), so the JIT vectorises them.
 */
final class TallSkinnyProducts {
    private TallSkinnyProducts() {
    }

    /** AᵀDA (D = diag(w), or the identity when w is null) as a full p×p row-major array; sums run over i in order. */
    static double[] weightedGram(double[] a, int n, int p, double[] w) {
        double[] g = new double[p * p];
        for (int i = 0; i < n; i++) {
            int row = i * p;
            for (int j = 0; j < p; j++) {
                double aij = w == null ? a[row + j] : a[row + j] * w[i];
                int gj = j * p;
                for (int k = j; k < p; k++) { // the upper triangle, one contiguous run per j
                    g[gj + k] += aij * a[row + k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < j; k++) {
                g[j * p + k] = g[k * p + j];
            }
        }
        return g;
    }

    /**
     * hᵢ = aᵢᵀ(AᵀA)⁻¹aᵢ = ‖L⁻¹aᵢ‖² for every row, with L (p×p, lower, row-major) the Cholesky factor of AᵀA: one
     * forward substitution carried out on all rows together (each step a contiguous run over the rows).
     */
    static double[] leverages(double[] a, int n, int p, double[] lower) {
        double[] u = new double[p * n]; // L⁻¹Aᵀ, row j = the j-th coordinate of every row
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                u[j * n + i] = a[i * p + j];
            }
        }
        double[] h = new double[n];
        for (int j = 0; j < p; j++) {
            int uj = j * n;
            for (int k = 0; k < j; k++) {
                double ljk = lower[j * p + k];
                int uk = k * n;
                for (int i = 0; i < n; i++) {
                    u[uj + i] -= ljk * u[uk + i];
                }
            }
            double inv = 1.0 / lower[j * p + j];
            for (int i = 0; i < n; i++) {
                double v = u[uj + i] * inv;
                u[uj + i] = v;
                h[i] += v * v;
            }
        }
        return h;
    }
}
