package io.jxplain.explain;

/**
 * G⁻¹·M·G⁻¹ for a symmetric M, from the lower Cholesky factor L of G = LLᵀ: HC3's covariance (MacKinnon &amp; White
 * 1985). Four triangular solves with p right-hand sides each (G⁻¹M = L⁻ᵀ(L⁻¹M), then G⁻¹(G⁻¹M)ᵀ), done row by row:
 * each step subtracts a multiple of one whole, contiguous row of the right-hand side from another, a loop the JIT
 * runs on SIMD vectors (elementwise, so the same bits either way). Why by hand: EJML's solver takes the right-hand side
 * column by column through strided memory, and its two solves were a sixth of C-LIME's time at n = 100.
 */
final class CholeskySandwich {
    private CholeskySandwich() {
    }

    /** G⁻¹·M·G⁻¹, p×p row-major, with L (p×p row-major, lower triangular) and M (p×p row-major, symmetric). */
    static double[] of(double[] lower, double[] m, int p) {
        double[] left = solveG(lower, m.clone(), p); // G⁻¹·M
        double[] leftT = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                leftT[j * p + i] = left[i * p + j];
            }
        }
        return solveG(lower, leftT, p); // G⁻¹·(G⁻¹·M)ᵀ = G⁻¹·M·G⁻¹ (M and G symmetric)
    }

    /** G⁻¹·B in place of B (p×p row-major): forward substitution with L, then back substitution with Lᵀ. */
    private static double[] solveG(double[] lower, double[] b, int p) {
        for (int i = 0; i < p; i++) { // row i of L⁻¹B: (bᵢ − Σ_{k<i} Lᵢₖ·row k) / Lᵢᵢ
            for (int k = 0; k < i; k++) {
                subtractRow(b, i, k, lower[i * p + k], p);
            }
            divideRow(b, i, lower[i * p + i], p);
        }
        for (int i = p - 1; i >= 0; i--) { // row i of L⁻ᵀC: (cᵢ − Σ_{k>i} Lₖᵢ·row k) / Lᵢᵢ
            for (int k = i + 1; k < p; k++) {
                subtractRow(b, i, k, lower[k * p + i], p);
            }
            divideRow(b, i, lower[i * p + i], p);
        }
        return b;
    }

    /** Row i of b −= l·row k. */
    private static void subtractRow(double[] b, int i, int k, double l, int p) {
        for (int j = 0, ri = i * p, rk = k * p; j < p; j++) {
            b[ri + j] -= l * b[rk + j];
        }
    }

    /** Row i of b /= pivot. */
    private static void divideRow(double[] b, int i, double pivot, int p) {
        for (int j = 0, ri = i * p; j < p; j++) {
            b[ri + j] /= pivot;
        }
    }
}
