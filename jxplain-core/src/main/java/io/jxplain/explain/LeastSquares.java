package io.jxplain.explain;

import io.jxplain.Checks;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.ejml.interfaces.decomposition.QRDecomposition;

import java.util.Arrays;

/**
 * (Weighted) least squares with an intercept, by Cholesky of the normal equations, or Householder QR when those
 * are ill-conditioned (EJML): never an explicit inverse. Shared by every
 * surrogate-based method (C-LIME now; LIME, KernelSHAP and the infidelity-optimal explanation reuse it).
 * Standard errors are heteroscedasticity-robust (HC1, White 1980 with the n/(n−p) correction), because the
 * residuals of a linear surrogate of a non-linear model do not have constant variance.
 */
public final class LeastSquares {
    /** Relative size of a QR pivot below which the design counts as rank-deficient. */
    private static final double RANK_TOLERANCE = 1e-10;

    /** Coefficients (one per column of the design), intercept, their robust standard errors, residual variance. */
    public record Fit(double[] coefficients, double intercept, double[] standardErrors, double interceptStandardError,
                      double residualVariance) {
    }

    private LeastSquares() {
    }

    /**
     * Minimises Σᵢ wᵢ (yᵢ − b − βᵀxᵢ)² over (b, β).
     *
     * @param design  n×d matrix of regressors (no intercept column: it is added here)
     * @param y       n responses
     * @param weights n non-negative weights, or null for ordinary least squares
     * @throws IllegalArgumentException if n ≤ d + 1 or the design is rank-deficient (a singular problem)
     */
    public static Fit withIntercept(DMatrixRMaj design, double[] y, double[] weights) {
        int n = design.numRows;
        int d = design.numCols;
        int p = d + 1;
        if (y.length != n) {
            throw new IllegalArgumentException("least squares: " + y.length + " responses for " + n + " rows");
        }
        if (n <= p) {
            throw new IllegalArgumentException("least squares with " + d + " features and an intercept needs more than "
                    + p + " samples, got " + n);
        }
        if (weights != null && weights.length != n) {
            throw new IllegalArgumentException("least squares: " + weights.length + " weights for " + n + " rows");
        }
        Checks.requireFinite("least-squares responses", y);
        Checks.requireRows("least-squares design", design, d);
        DMatrixRMaj a = new DMatrixRMaj(n, p);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            double w = 1.0;
            if (weights != null) {
                if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
                    throw new IllegalArgumentException("least squares: weight " + i + " is " + weights[i]);
                }
                w = Math.sqrt(weights[i]);
            }
            a.data[i * p] = w;
            for (int j = 0; j < d; j++) {
                a.data[i * p + j + 1] = w * design.data[i * d + j];
            }
            b[i] = w * y[i];
        }
        Fit fit = byNormalEquations(a, b, d);
        return fit != null ? fit : byQr(a, b, d);
    }

    /**
     * Cholesky of AᵀA: about five times fewer operations than QR, accurate while AᵀA is well conditioned (a
     * Gaussian design centred at x is: its condition number is about 1/σ²). Returns null when the Cholesky
     * pivots signal ill-conditioning, so the caller falls back to QR.
     */
    private static Fit byNormalEquations(DMatrixRMaj a, double[] b, int d) {
        int n = a.numRows;
        int p = a.numCols;
        DMatrixRMaj gram = new DMatrixRMaj(p, p);
        CommonOps_DDRM.multTransA(a, a, gram); // AᵀA (the row-reordered product: contiguous)
        double[] diag = new double[p];
        for (int j = 0; j < p; j++) {
            diag[j] = gram.get(j, j);
        }
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.symmPosDef(p);
        if (!chol.setA(gram.copy())) {
            return null;
        }
        DMatrixRMaj aty = new DMatrixRMaj(p, 1);
        CommonOps_DDRM.multTransA(a, DMatrixRMaj.wrap(n, 1, b), aty);
        DMatrixRMaj beta = new DMatrixRMaj(p, 1);
        chol.solve(aty, beta);
        for (int j = 0; j < p; j++) {
            if (!(diag[j] > 0) || !Double.isFinite(beta.data[j])) {
                return null;
            }
        }
        // EJML's quality is the smallest over the largest diagonal entry of the Cholesky factor, 1/√cond(AᵀA):
        // below 1e-4 (cond > 1e8) the normal equations would cost more digits than QR does.
        if (!(chol.quality() > 1e-4)) {
            return null;
        }
        double[] residual = residuals(a, b, beta.data);
        // HC1 sandwich: Cov(β) = n/(n−p) · G⁻¹·(Σ eᵢ² aᵢaᵢᵀ)·G⁻¹ (White 1980; MacKinnon & White 1985)
        DMatrixRMaj scaled = new DMatrixRMaj(n, p);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                scaled.data[i * p + j] = residual[i] * residual[i] * a.data[i * p + j];
            }
        }
        DMatrixRMaj meat = new DMatrixRMaj(p, p);
        CommonOps_DDRM.multTransA(scaled, a, meat); // Σ eᵢ²aᵢaᵢᵀ = (diag(e²)A)ᵀA
        DMatrixRMaj left = new DMatrixRMaj(p, p);
        chol.solve(meat, left);               // G⁻¹·meat
        DMatrixRMaj leftT = CommonOps_DDRM.transpose(left, null);
        DMatrixRMaj cov = new DMatrixRMaj(p, p);
        chol.solve(leftT, cov);               // G⁻¹·(G⁻¹·meat)ᵀ = G⁻¹·meat·G⁻¹ (both symmetric)
        double[] variance = new double[p];
        for (int j = 0; j < p; j++) {
            variance[j] = cov.get(j, j);
        }
        return assemble(beta.data, variance, residual, n, d);
    }

    private static Fit byQr(DMatrixRMaj a, double[] b, int d) {
        int n = a.numRows;
        int p = a.numCols;
        double[] columnNorms = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                columnNorms[j] += a.data[i * p + j] * a.data[i * p + j];
            }
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, p);
        if (!qr.decompose(a.copy())) {
            throw new IllegalArgumentException("least squares: QR decomposition failed");
        }
        DMatrixRMaj q = qr.getQ(null, true); // n×p
        DMatrixRMaj r = qr.getR(null, true); // p×p upper triangular
        for (int j = 0; j < p; j++) {
            if (!(Math.abs(r.get(j, j)) > RANK_TOLERANCE * Math.sqrt(columnNorms[j]))) {
                throw new IllegalArgumentException("least squares: the design is singular (column "
                        + (j == 0 ? "intercept" : "feature " + (j - 1)) + " is a linear combination of the others"
                        + " or constant); draw more samples or use a non-degenerate perturbation");
            }
        }
        double[] qtb = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                qtb[j] += q.data[i * p + j] * b[i];
            }
        }
        double[] beta = backSubstitute(r, qtb);
        double[] residual = residuals(a, b, beta);
        // HC1 sandwich with M = (AᵀA)⁻¹Aᵀ = R⁻¹Qᵀ: Cov(β) = n/(n−p) · M·diag(e²)·Mᵀ
        double[] variance = new double[p];
        double[] qi = new double[p];
        for (int i = 0; i < n; i++) {
            System.arraycopy(q.data, i * p, qi, 0, p);
            double[] mi = backSubstitute(r, qi);
            double e2 = residual[i] * residual[i];
            for (int j = 0; j < p; j++) {
                variance[j] += mi[j] * mi[j] * e2;
            }
        }
        return assemble(beta, variance, residual, n, d);
    }

    private static double[] residuals(DMatrixRMaj a, double[] b, double[] beta) {
        int n = a.numRows;
        int p = a.numCols;
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            double fit = 0;
            for (int j = 0; j < p; j++) {
                fit += a.data[i * p + j] * beta[j];
            }
            residual[i] = b[i] - fit;
        }
        return residual;
    }

    private static Fit assemble(double[] beta, double[] variance, double[] residual, int n, int d) {
        int p = d + 1;
        double rss = 0;
        for (double e : residual) {
            rss += e * e;
        }
        double correction = (double) n / (n - p);
        double[] coefficients = new double[d];
        double[] se = new double[d];
        for (int j = 0; j < d; j++) {
            coefficients[j] = beta[j + 1];
            se[j] = Math.sqrt(correction * variance[j + 1]);
        }
        return new Fit(coefficients, beta[0], se, Math.sqrt(correction * variance[0]), rss / (n - p));
    }

    /**
     * The minimum-norm least-squares fit with an intercept, for designs with n ≤ d + 1 rows or rank-deficient ones:
     * the centred problem solved through EJML's SVD-based pseudo-inverse solver (what Captum's C-LIME does there).
     * Standard errors are not defined for such a fit: they are NaN.
     */
    public static Fit minimumNormWithIntercept(DMatrixRMaj design, double[] y) {
        int n = design.numRows;
        int d = design.numCols;
        if (y.length != n || n < 2) {
            throw new IllegalArgumentException("minimum-norm least squares needs at least 2 rows and one response per row");
        }
        Checks.requireFinite("least-squares responses", y);
        Checks.requireRows("least-squares design", design, d);
        double[] meanX = new double[d];
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanY += y[i] / n;
            for (int j = 0; j < d; j++) {
                meanX[j] += design.data[i * d + j] / n;
            }
        }
        DMatrixRMaj a = new DMatrixRMaj(n, d);
        DMatrixRMaj b = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            b.data[i] = y[i] - meanY;
            for (int j = 0; j < d; j++) {
                a.data[i * d + j] = design.data[i * d + j] - meanX[j];
            }
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!solver.setA(a)) {
            throw new IllegalArgumentException("minimum-norm least squares: SVD failed");
        }
        DMatrixRMaj beta = new DMatrixRMaj(d, 1);
        solver.solve(b, beta);
        double intercept = meanY;
        for (int j = 0; j < d; j++) {
            intercept -= beta.data[j] * meanX[j];
        }
        double[] se = new double[d];
        Arrays.fill(se, Double.NaN);
        return new Fit(beta.data.clone(), intercept, se, Double.NaN, Double.NaN);
    }

    private static double[] backSubstitute(DMatrixRMaj r, double[] rhs) {
        int p = rhs.length;
        double[] x = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = rhs[i];
            for (int k = i + 1; k < p; k++) {
                s -= r.get(i, k) * x[k];
            }
            x[i] = s / r.get(i, i);
        }
        return x;
    }
}
