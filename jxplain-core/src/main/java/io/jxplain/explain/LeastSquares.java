package io.jxplain.explain;

import io.jxplain.kernel.TallSkinnyProducts;
import io.jxplain.internal.Checks;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.dense.row.linsol.chol.LinearSolverChol_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.ejml.interfaces.decomposition.QRDecomposition;

import java.util.Arrays;

/**
 * (Weighted) least squares, with or without an intercept, by Cholesky of the normal equations, or Householder QR
 * when those are ill-conditioned (EJML): never an explicit inverse. Shared by every surrogate-based method (C-LIME,
 * KernelSHAP, the infidelity-optimal explanation). Standard errors are heteroscedasticity-robust, HC3 (MacKinnon &amp;
 * White 1985: each squared residual divided by (1 − hᵢᵢ)², hᵢᵢ the leverage), because the residuals of a linear
 * surrogate of a non-linear model do not have constant variance, and because HC1 under-covers at the sample sizes
 * explainers use (measured: 86% for nominal 95% with C-LIME at n = 100 on sin(wᵀa); see ErrorBarCalibrationTest);
 * HC3 is the small-sample choice of Long &amp; Ervin 2000. The residuals of a linear surrogate do not have
 * constant variance; the full coefficient covariance is returned for methods that constrain a sum.
 */
public final class LeastSquares {
    /** Relative size of a QR pivot below which the design counts as rank-deficient. */
    private static final double RANK_TOLERANCE = 1e-10;

    /**
     * Coefficients (one per column of the design), intercept (NaN without one), their robust standard errors,
     * the residual variance, and the robust covariance of the coefficients (d×d, row-major).
     */
    public record Fit(double[] coefficients, double intercept, double[] standardErrors, double interceptStandardError,
                      double residualVariance, double[] covariance) {
    }

    /** The solution in the augmented coordinates: β, its HC3 covariance (p×p), the residuals. */
    private record Solution(double[] beta, double[] covariance, double[] residual) {
    }

    private LeastSquares() {
    }

    /** The problem min Σᵢ wᵢ(yᵢ − βᵀxᵢ)² on an n×d design, to be refined (weights, intercept, ridge, a constraint). */
    public static Problem of(DMatrixRMaj design, double[] y) {
        return new Problem(design, y, null, false, Double.NaN, null, 0, true);
    }

    /**
     * A least-squares problem: what it has (weights, an intercept, a ridge penalty, a linear constraint cᵀβ = δ) and
     * how it is solved: {@link #fit} (Cholesky, QR when ill-conditioned; HC3 standard errors unless
     * {@link #coefficientsOnly}) or {@link #minimumNorm} (the pseudo-inverse solution, without standard errors).
     */
    public record Problem(DMatrixRMaj design, double[] y, double[] weights, boolean intercept, double ridgePenalty,
                          double[] constraint, double constraintValue, boolean standardErrors) {
        /** Non-negative weights, one per row; null for ordinary least squares. */
        public Problem weights(double[] w) {
            return new Problem(design, y, w, intercept, ridgePenalty, constraint, constraintValue, standardErrors);
        }

        /** An unpenalised intercept b: min Σᵢ wᵢ(yᵢ − b − βᵀxᵢ)². Needs n &gt; d + 1 for {@link #fit}. */
        public Problem withIntercept() {
            return new Problem(design, y, weights, true, ridgePenalty, constraint, constraintValue, standardErrors);
        }

        /**
         * Ridge with an unpenalised intercept: + α‖β‖², by appending √α·eⱼ rows to the design (a penalty is a set of
         * pseudo-observations); its standard errors are those of the augmented fit (a heuristic for a biased
         * estimator). Works for any n ≥ 2 when α &gt; 0; α = 0 is {@link #withIntercept}.
         */
        public Problem ridge(double alpha) {
            return new Problem(design, y, weights, true, alpha, constraint, constraintValue, standardErrors);
        }

        /**
         * Subject to cᵀβ = δ (no intercept), by eliminating the coefficient with the largest |cₖ|; its standard error
         * comes from the covariance of the others. KernelSHAP's efficiency constraint is c = 1, δ = v(1) − v(0).
         */
        public Problem subjectTo(double[] c, double delta) {
            return new Problem(design, y, weights, intercept, ridgePenalty, c, delta, standardErrors);
        }

        /** The coefficients alone (standard errors NaN): the sandwich costs as much as the fit. */
        public Problem coefficientsOnly() {
            return new Problem(design, y, weights, intercept, ridgePenalty, constraint, constraintValue, false);
        }

        /** The weighted least-squares fit; a singular problem (n too small, rank-deficient) is an exception. */
        public Fit fit() {
            if (constraint != null) {
                requireNoIntercept();
                return withoutInterceptSubjectTo(design, y, weights, constraint, constraintValue);
            }
            if (!Double.isNaN(ridgePenalty)) {
                return standardErrors ? LeastSquares.ridge(design, y, weights, ridgePenalty)
                        : ridgeCoefficientsOnly(design, y, weights, ridgePenalty);
            }
            if (intercept) {
                return LeastSquares.withIntercept(design, y, weights);
            }
            return standardErrors ? withoutIntercept(design, y, weights)
                    : withoutInterceptCoefficientsOnly(design, y, weights);
        }

        /**
         * The minimum-norm solution (EJML's SVD pseudo-inverse; the weights are not used), which exists for any
         * design: what a rank-deficient problem falls back to. Standard errors are not defined for it: NaN.
         */
        public Fit minimumNorm() {
            if (intercept && constraint == null) {
                return minimumNormWithIntercept(design, y);
            }
            double[] beta;
            if (constraint != null) {
                requireNoIntercept();
                beta = minimumNormSubjectTo(design, y, constraint, constraintValue);
            } else {
                beta = LeastSquares.minimumNorm(design, y);
            }
            double[] nan = new double[beta.length];
            Arrays.fill(nan, Double.NaN);
            double[] covariance = new double[beta.length * beta.length];
            Arrays.fill(covariance, Double.NaN);
            return new Fit(beta, Double.NaN, nan, Double.NaN, Double.NaN, covariance);
        }

        private void requireNoIntercept() {
            if (intercept) {
                throw new IllegalArgumentException("a constrained least-squares problem has no intercept");
            }
        }
    }

    /**
     * Minimises Σᵢ wᵢ (yᵢ − b − βᵀxᵢ)² over (b, β).
     *
     * @param design  n×d matrix of regressors (no intercept column: it is added here)
     * @param y       n responses
     * @param weights n non-negative weights, or null for ordinary least squares
     * @throws IllegalArgumentException if n ≤ d + 1 or the design is rank-deficient (a singular problem)
     */
    private static Fit withIntercept(DMatrixRMaj design, double[] y, double[] weights) {
        Solution s = solve(design, y, weights, true);
        int d = design.numCols;
        int p = d + 1;
        double[] coefficients = Arrays.copyOfRange(s.beta(), 1, p);
        double[] cov = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                cov[i * d + j] = s.covariance()[(i + 1) * p + j + 1];
            }
        }
        return assemble(coefficients, s.beta()[0], Math.sqrt(s.covariance()[0]), cov, s.residual(), p);
    }

    /**
     * Ridge regression with an unpenalised intercept: minimises Σᵢ wᵢ(yᵢ − b − βᵀxᵢ)² + α‖β‖², by appending √α·eⱼ
     * rows to the design (a penalty is a set of pseudo-observations). Standard errors are those of the augmented
     * fit (a heuristic for a biased estimator). Works for any n ≥ 2 when α &gt; 0.
     */
    private static Fit ridge(DMatrixRMaj design, double[] y, double[] weights, double alpha) {
        return ridge(design, y, weights, alpha, true);
    }

    /**
     * {@link #ridge}'s coefficients and intercept alone, the same values, without the robust covariance (standard
     * errors NaN) when α &gt; 0: for choosing features, where the sandwich would double the cost of every trial fit.
     */
    private static Fit ridgeCoefficientsOnly(DMatrixRMaj design, double[] y, double[] weights, double alpha) {
        return ridge(design, y, weights, alpha, false);
    }

    private static Fit ridge(DMatrixRMaj design, double[] y, double[] weights, double alpha, boolean covariance) {
        if (!(alpha >= 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("ridge penalty must be ≥ 0, got " + alpha);
        }
        if (alpha == 0) {
            return withIntercept(design, y, weights);
        }
        int n = design.numRows;
        int d = design.numCols;
        // Centre (weighted) so the intercept is unpenalised, then solve the augmented problem without intercept.
        double wsum = 0;
        double[] mx = new double[d];
        double my = 0;
        for (int i = 0; i < n; i++) {
            double w = weights == null ? 1 : weights[i];
            wsum += w;
            my += w * y[i];
            for (int j = 0; j < d; j++) {
                mx[j] += w * design.data[i * d + j];
            }
        }
        if (!(wsum > 0)) {
            throw new IllegalArgumentException("ridge: the weights sum to " + wsum);
        }
        my /= wsum;
        for (int j = 0; j < d; j++) {
            mx[j] /= wsum;
        }
        DMatrixRMaj a = new DMatrixRMaj(n + d, d);
        double[] b = new double[n + d];
        double[] w = new double[n + d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a.data[i * d + j] = design.data[i * d + j] - mx[j];
            }
            b[i] = y[i] - my;
            w[i] = weights == null ? 1 : weights[i];
        }
        for (int j = 0; j < d; j++) {
            a.data[(n + j) * d + j] = Math.sqrt(alpha);
            w[n + j] = 1;
        }
        Fit centred = covariance ? withoutIntercept(a, b, w) : withoutInterceptCoefficientsOnly(a, b, w);
        double intercept = my;
        for (int j = 0; j < d; j++) {
            intercept -= centred.coefficients()[j] * mx[j];
        }
        return new Fit(centred.coefficients(), intercept, centred.standardErrors(), Double.NaN,
                centred.residualVariance(), centred.covariance());
    }

    /** Minimises Σᵢ wᵢ (yᵢ − βᵀxᵢ)² over β (no intercept). Needs n &gt; d. */
    private static Fit withoutIntercept(DMatrixRMaj design, double[] y, double[] weights) {
        Solution s = solve(design, y, weights, false);
        return assemble(s.beta(), Double.NaN, Double.NaN, s.covariance(), s.residual(), design.numCols);
    }

    /**
     * Minimises Σᵢ wᵢ (yᵢ − βᵀxᵢ)² subject to cᵀβ = δ, by eliminating the coefficient with the largest |cₖ| (the last
     * such one on ties): βₖ = (δ − Σ_{j≠k} cⱼβⱼ)/cₖ. KernelSHAP's efficiency constraint is c = 1, δ = v(1) − v(0).
     * The standard error of βₖ comes from the covariance of the others. Needs n &gt; d − 1.
     */
    private static Fit withoutInterceptSubjectTo(DMatrixRMaj design, double[] y, double[] weights, double[] c,
                                                double delta) {
        Constrained problem = Constrained.eliminate(design, y, c, delta);
        int d = design.numCols;
        if (d == 1) {
            return new Fit(new double[] {delta / c[0]}, Double.NaN, new double[1], Double.NaN, Double.NaN, new double[1]);
        }
        Fit fit = withoutIntercept(problem.reduced(), problem.target(), weights);
        double[] beta = problem.restore(fit.coefficients());
        int[] index = new int[d];
        for (int j = 0, col = 0; j < d; j++) {
            index[j] = j == problem.pivot() ? -1 : col++;
        }
        double[] covariance = new double[d * d];
        double[] se = new double[d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                covariance[a * d + b] = constrainedCovariance(index[a], index[b], fit.covariance(), problem.ratios(), d - 1);
            }
            se[a] = Math.sqrt(Math.max(covariance[a * d + a], 0));
        }
        return new Fit(beta, Double.NaN, se, Double.NaN, fit.residualVariance(), covariance);
    }

    /**
     * The minimum-norm solution of {@link #withoutInterceptSubjectTo} (unweighted) for rank-deficient designs: pinv on
     * the reduced problem, then the constraint restores the eliminated coefficient, so cᵀβ = δ still holds exactly.
     */
    private static double[] minimumNormSubjectTo(DMatrixRMaj design, double[] y, double[] c, double delta) {
        Constrained problem = Constrained.eliminate(design, y, c, delta);
        if (design.numCols == 1) {
            return new double[] {delta / c[0]};
        }
        return problem.restore(minimumNorm(problem.reduced(), problem.target()));
    }

    /** cᵀβ = δ solved for the coefficient with the largest |cₖ| (pivot), substituted into the design. */
    private record Constrained(DMatrixRMaj reduced, double[] target, int pivot, double[] ratios, double delta,
                               double[] c) {
        static Constrained eliminate(DMatrixRMaj design, double[] y, double[] c, double delta) {
            int n = design.numRows;
            int d = design.numCols;
            Checks.requireVector("constraint", c, d);
            int k = 0;
            for (int j = 0; j < d; j++) {
                if (Math.abs(c[j]) >= Math.abs(c[k])) {
                    k = j;
                }
            }
            if (c[k] == 0) {
                throw new IllegalArgumentException("the constraint vector is zero: nothing to constrain");
            }
            // xᵢᵀβ = Σ_{j≠k} (xᵢⱼ − xᵢₖcⱼ/cₖ)βⱼ + xᵢₖδ/cₖ
            DMatrixRMaj reduced = new DMatrixRMaj(n, Math.max(d - 1, 1));
            double[] target = new double[n];
            double[] ratios = new double[Math.max(d - 1, 0)];
            for (int j = 0, col = 0; j < d; j++) {
                if (j != k) {
                    ratios[col++] = c[j] / c[k];
                }
            }
            for (int i = 0; i < n; i++) {
                double xik = design.data[i * d + k];
                for (int j = 0, col = 0; j < d; j++) {
                    if (j != k) {
                        reduced.data[i * (d - 1) + col] = design.data[i * d + j] - xik * ratios[col];
                        col++;
                    }
                }
                target[i] = y[i] - xik * delta / c[k];
            }
            return new Constrained(reduced, target, k, ratios, delta, c);
        }

        /** The full coefficient vector from the d − 1 free ones. */
        double[] restore(double[] free) {
            int d = free.length + 1;
            double[] beta = new double[d];
            double dot = 0;
            for (int j = 0, col = 0; j < d; j++) {
                if (j != pivot) {
                    beta[j] = free[col];
                    dot += ratios[col] * free[col];
                    col++;
                }
            }
            beta[pivot] = delta / c[pivot] - dot;
            return beta;
        }
    }

    /** Cov of (β₋ₖ, βₖ = const − rᵀβ₋ₖ) from Cov(β₋ₖ); index −1 stands for βₖ. */
    private static double constrainedCovariance(int a, int b, double[] cov, double[] r, int m) {
        if (a >= 0 && b >= 0) {
            return cov[a * m + b];
        }
        if (a >= 0 || b >= 0) {
            int free = Math.max(a, b);
            double s = 0;
            for (int j = 0; j < m; j++) {
                s -= cov[free * m + j] * r[j];
            }
            return s;
        }
        double s = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                s += r[i] * cov[i * m + j] * r[j];
            }
        }
        return s;
    }

    /** The given columns of a design, in that order (feature selection, dropping unidentified features). */
    static DMatrixRMaj columns(DMatrixRMaj m, int[] cols) {
        int n = m.numRows;
        int d = m.numCols;
        DMatrixRMaj out = new DMatrixRMaj(n, cols.length);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < cols.length; k++) {
                out.data[i * cols.length + k] = m.data[i * d + cols[k]];
            }
        }
        return out;
    }

    /** The minimum-norm solution of min ‖y − Xβ‖ (no intercept), pinv(X)·y through EJML's SVD-based solver. */
    private static double[] minimumNorm(DMatrixRMaj design, double[] y) {
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!solver.setA(design.copy())) {
            throw new IllegalArgumentException("minimum-norm least squares: the SVD did not converge");
        }
        DMatrixRMaj beta = new DMatrixRMaj(design.numCols, 1);
        solver.solve(DMatrixRMaj.wrap(y.length, 1, y.clone()), beta);
        return beta.data;
    }

    /**
     * The coefficients of {@link #withoutIntercept} alone, without the robust covariance (standard errors NaN): the
     * sandwich costs as much as the fit, which matters for thousands of rows and hundreds of features.
     */
    private static Fit withoutInterceptCoefficientsOnly(DMatrixRMaj design, double[] y, double[] weights) {
        Solution s = solve(design, y, weights, false, false);
        int d = design.numCols;
        double[] se = new double[d];
        Arrays.fill(se, Double.NaN);
        double[] cov = new double[d * d];
        Arrays.fill(cov, Double.NaN);
        double rss = 0;
        for (double e : s.residual()) {
            rss += e * e;
        }
        return new Fit(s.beta(), Double.NaN, se, Double.NaN, rss / (design.numRows - d), cov);
    }

    private static Solution solve(DMatrixRMaj design, double[] y, double[] weights, boolean intercept) {
        return solve(design, y, weights, intercept, true);
    }

    private static Solution solve(DMatrixRMaj design, double[] y, double[] weights, boolean intercept,
                                  boolean covariance) {
        int n = design.numRows;
        int d = design.numCols;
        int p = intercept ? d + 1 : d;
        if (y.length != n) {
            throw new IllegalArgumentException("least squares: " + y.length + " responses for " + n + " rows");
        }
        if (n <= p) {
            throw new IllegalArgumentException("least squares with " + d + " features" + (intercept ? " and an intercept" : "")
                    + " needs more than " + p + " samples, got " + n);
        }
        if (weights != null && weights.length != n) {
            throw new IllegalArgumentException("least squares: " + weights.length + " weights for " + n + " rows");
        }
        Checks.requireFinite("least-squares responses", y);
        Checks.requireRows("least-squares design", design, d);
        DMatrixRMaj a = new DMatrixRMaj(n, p);
        double[] b = new double[n];
        int offset = intercept ? 1 : 0;
        for (int i = 0; i < n; i++) {
            double w = 1.0;
            if (weights != null) {
                if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
                    throw new IllegalArgumentException("least squares: weight " + i + " is " + weights[i]);
                }
                w = Math.sqrt(weights[i]);
            }
            if (intercept) {
                a.data[i * p] = w;
            }
            for (int j = 0; j < d; j++) {
                a.data[i * p + j + offset] = w * design.data[i * d + j];
            }
            b[i] = w * y[i];
        }
        Solution s = byNormalEquations(a, b, covariance);
        return s != null ? s : byQr(a, b, intercept, covariance);
    }

    /**
     * Cholesky of AᵀA: about five times fewer operations than QR, accurate while AᵀA is well conditioned (a
     * Gaussian design centred at x is: its condition number is about 1/σ²). Returns null when the Cholesky
     * pivots signal ill-conditioning, so the caller falls back to QR.
     */
    private static Solution byNormalEquations(DMatrixRMaj a, double[] b, boolean covariance) {
        int n = a.numRows;
        int p = a.numCols;
        DMatrixRMaj gram = DMatrixRMaj.wrap(p, p, TallSkinnyProducts.weightedGram(a.data, n, p, null)); // AᵀA
        for (int j = 0; j < p; j++) {
            if (!(gram.get(j, j) > 0)) {
                return null;
            }
        }
        CholeskyDecompositionInner_DDRM factor = new CholeskyDecompositionInner_DDRM(true); // G = LLᵀ, L lower
        LinearSolverChol_DDRM chol = new LinearSolverChol_DDRM(factor);
        if (!chol.setA(gram.copy())) {
            return null;
        }
        // The smallest over the largest diagonal entry of the Cholesky factor estimates 1/√cond(AᵀA): below 1e-4
        // (cond > 1e8) the normal equations would cost more digits than QR does. Not EJML's quality(), which
        // multiplies the p ratios together: with 784 columns of condition number 4 it is 1e-119, which sent every
        // wide problem to QR.
        DMatrixRMaj lowerFactor = factor.getT(null);
        if (!(diagonalRatio(lowerFactor) > 1e-4)) {
            return null;
        }
        DMatrixRMaj aty = new DMatrixRMaj(p, 1);
        CommonOps_DDRM.multTransA(a, DMatrixRMaj.wrap(n, 1, b), aty);
        DMatrixRMaj beta = new DMatrixRMaj(p, 1);
        chol.solve(aty, beta);
        for (double v : beta.data) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        double[] residual = residuals(a, b, beta.data);
        if (!covariance) {
            return new Solution(beta.data.clone(), null, residual);
        }
        // HC3 sandwich: G⁻¹·(Σ ẽᵢ² aᵢaᵢᵀ)·G⁻¹ with ẽᵢ = eᵢ/(1 − hᵢᵢ), hᵢᵢ = aᵢᵀG⁻¹aᵢ (MacKinnon & White 1985)
        double[] lower = lowerFactor.data;
        double[] h = TallSkinnyProducts.leverages(a.data, n, p, lower);
        double[] e2 = new double[n];
        for (int i = 0; i < n; i++) {
            double e = leverageAdjusted(residual[i], h[i]);
            e2[i] = e * e;
        }
        double[] meat = TallSkinnyProducts.weightedGram(a.data, n, p, e2); // Σ ẽᵢ²aᵢaᵢᵀ
        return new Solution(beta.data.clone(), CholeskySandwich.of(lower, meat, p), residual);
    }

    /** min |Lⱼⱼ| / max |Lⱼⱼ| of a triangular factor. */
    static double diagonalRatio(DMatrixRMaj triangular) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int j = 0; j < triangular.numCols; j++) {
            double v = Math.abs(triangular.get(j, j));
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max > 0 ? min / max : 0.0;
    }

    private static Solution byQr(DMatrixRMaj a, double[] b, boolean intercept, boolean covariance) {
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
                int feature = intercept ? j - 1 : j;
                throw new IllegalArgumentException("least squares: the design is singular (column "
                        + (feature < 0 ? "intercept" : "feature " + feature) + " is a linear combination of the others"
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
        if (!covariance) {
            return new Solution(beta, null, residual);
        }
        // HC3 sandwich with M = (AᵀA)⁻¹Aᵀ = R⁻¹Qᵀ: Σᵢ ẽᵢ² mᵢmᵢᵀ, mᵢ = R⁻¹qᵢ, leverage hᵢᵢ = ‖qᵢ‖²
        double[] cov = new double[p * p];
        double[] qi = new double[p];
        for (int i = 0; i < n; i++) {
            System.arraycopy(q.data, i * p, qi, 0, p);
            double[] mi = backSubstitute(r, qi);
            double h = 0;
            for (double v : qi) {
                h += v * v;
            }
            double e = leverageAdjusted(residual[i], h);
            double e2 = e * e;
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    cov[j * p + k] += e2 * mi[j] * mi[k];
                }
            }
        }
        return new Solution(beta, cov, residual);
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

    /** eᵢ/(1 − hᵢᵢ); a point of leverage 1 (fitted exactly, residual 0) contributes nothing. */
    private static double leverageAdjusted(double residual, double leverage) {
        double room = 1 - leverage;
        return room > 1e-12 ? residual / room : 0.0;
    }

    /** Packs a {@link Fit} from an HC3 covariance; p counts the intercept when there is one. */
    private static Fit assemble(double[] coefficients, double intercept, double interceptSe, double[] cov,
                                double[] residual, int p) {
        int n = residual.length;
        int d = coefficients.length;
        double rss = 0;
        for (double e : residual) {
            rss += e * e;
        }
        double correction = 1.0; // HC3 needs no degrees-of-freedom factor
        double[] covariance = new double[d * d];
        double[] se = new double[d];
        for (int i = 0; i < d * d; i++) {
            covariance[i] = correction * cov[i];
        }
        for (int j = 0; j < d; j++) {
            se[j] = Math.sqrt(covariance[j * d + j]);
        }
        return new Fit(coefficients, intercept, se, Math.sqrt(correction) * interceptSe, rss / (n - p), covariance);
    }

    /**
     * The minimum-norm least-squares fit with an intercept, for designs with n ≤ d + 1 rows or rank-deficient ones:
     * the centred problem solved through EJML's SVD-based pseudo-inverse solver (what Captum's C-LIME does there).
     * Standard errors are not defined for such a fit: they are NaN.
     */
    private static Fit minimumNormWithIntercept(DMatrixRMaj design, double[] y) {
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
        double[] cov = new double[d * d];
        Arrays.fill(cov, Double.NaN);
        return new Fit(beta.data.clone(), intercept, se, Double.NaN, Double.NaN, cov);
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
