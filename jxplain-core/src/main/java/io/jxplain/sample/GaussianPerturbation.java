package io.jxplain.sample;

import io.jxplain.random.NormalDraws;
import io.jxplain.internal.Checks;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Neighbours a ~ N(x, Σ) for a symmetric positive-definite Σ, σ²I by default: the distribution shared by
 * SmoothGrad and C-LIME (Agarwal et al. 2021, §2.3). Draws a = x + L·z with Σ = L·Lᵀ (Cholesky) and z ~ N(0, I).
 */
public final class GaussianPerturbation implements Perturbation {
    private final int d;                  // ANY_DIMENSION for σ²I without a fixed dimension
    private final double sigma2;          // > 0 when isotropic, NaN otherwise
    private final double sigma;           // √σ² when isotropic: the one place variance becomes a standard deviation
    private final DMatrixRMaj covariance; // d×d; null for σ²I of any dimension
    private final DMatrixRMaj lower;      // Cholesky factor L, lower triangular; null for σ²I of any dimension

    private GaussianPerturbation(int d, double sigma2, DMatrixRMaj covariance, DMatrixRMaj lower) {
        this.d = d;
        this.sigma2 = sigma2;
        this.sigma = Math.sqrt(sigma2);
        this.covariance = covariance;
        this.lower = lower;
    }

    /** N(x, σ²I) for inputs of any dimension ({@link Perturbation#gaussian} is the same). */
    public static GaussianPerturbation isotropic(double sigma2) {
        Checks.requirePositive("sigma2", sigma2);
        return new GaussianPerturbation(ANY_DIMENSION, sigma2, null, null);
    }

    /** N(x, σ²I) in d dimensions. */
    public static GaussianPerturbation isotropic(int d, double sigma2) {
        Checks.requirePositive("dimension", d);
        Checks.requirePositive("sigma2", sigma2);
        DMatrixRMaj cov = CommonOps_DDRM.identity(d);
        CommonOps_DDRM.scale(sigma2, cov);
        DMatrixRMaj lower = CommonOps_DDRM.identity(d);
        CommonOps_DDRM.scale(Math.sqrt(sigma2), lower);
        return new GaussianPerturbation(d, sigma2, cov, lower);
    }

    /** N(x, σ²I) for inputs of any dimension, from the standard deviation σ. */
    public static GaussianPerturbation ofStandardDeviation(double sigma) {
        Checks.requirePositive("sigma", sigma);
        return isotropic(sigma * sigma);
    }

    /** N(x, Σ) for any symmetric positive-definite Σ. */
    public static GaussianPerturbation withCovariance(DMatrixRMaj sigma) {
        if (sigma == null || sigma.numRows != sigma.numCols || sigma.numRows == 0) {
            throw new IllegalArgumentException("covariance must be a non-empty square matrix");
        }
        int d = sigma.numRows;
        double scale = 0;
        for (double v : sigma.data) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("covariance has a non-finite entry: " + v);
            }
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(sigma.get(i, j) - sigma.get(j, i)) > 1e-12 * scale) {
                    throw new IllegalArgumentException("covariance is not symmetric: Σ[" + i + "][" + j + "] = "
                            + sigma.get(i, j) + " but Σ[" + j + "][" + i + "] = " + sigma.get(j, i));
                }
            }
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
        DMatrixRMaj work = sigma.copy();
        if (!chol.decompose(work)) {
            throw new IllegalArgumentException("covariance is not positive definite (its Cholesky factorisation failed)");
        }
        DMatrixRMaj lower = chol.getT(null);
        for (int i = 0; i < d; i++) {
            if (!(lower.get(i, i) > 1e-12 * Math.sqrt(scale))) {
                throw new IllegalArgumentException("covariance is singular or nearly so (pivot " + i + " of its Cholesky factor is "
                        + lower.get(i, i) + ")");
            }
        }
        return new GaussianPerturbation(d, Double.NaN, sigma.copy(), lower);
    }

    @Override
    public int dimension() {
        return d;
    }

    /** Whether the covariance is σ²I (rather than a general Σ). */
    public boolean isIsotropic() {
        return !Double.isNaN(sigma2);
    }

    /** σ² of an isotropic perturbation; throws for a general Σ. */
    public double sigma2() {
        if (!isIsotropic()) {
            throw new IllegalStateException("this perturbation has a general covariance, not σ²I");
        }
        return sigma2;
    }

    /** σ = √σ² of an isotropic perturbation (Theorem 2's constant and the noisy baseline are in σ); throws for Σ. */
    public double sigma() {
        sigma2();
        return sigma;
    }

    /** A copy of Σ (d×d); for σ²I of any dimension, σ²I in {@code d} dimensions. */
    public DMatrixRMaj covariance(int d) {
        if (covariance != null) {
            return covariance.copy();
        }
        DMatrixRMaj cov = CommonOps_DDRM.identity(d);
        CommonOps_DDRM.scale(sigma2, cov);
        return cov;
    }

    /** A copy of Σ; throws for σ²I of any dimension, which has no fixed size (see {@link #covariance(int)}). */
    public DMatrixRMaj covariance() {
        if (covariance == null) {
            throw new IllegalStateException("σ²I of any dimension has no fixed covariance matrix");
        }
        return covariance.copy();
    }

    /** Solves Σ·y = v in place by the Cholesky factor (two triangular solves; no inverse is formed). */
    public void solveInPlace(double[] v) {
        if (isIsotropic()) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= sigma2;
            }
            return;
        }
        for (int i = 0; i < d; i++) { // L·w = v
            double s = v[i];
            for (int k = 0; k < i; k++) {
                s -= lower.get(i, k) * v[k];
            }
            v[i] = s / lower.get(i, i);
        }
        for (int i = d - 1; i >= 0; i--) { // Lᵀ·y = w
            double s = v[i];
            for (int k = i + 1; k < d; k++) {
                s -= lower.get(k, i) * v[k];
            }
            v[i] = s / lower.get(i, i);
        }
    }

    /** Writes x + L·z (L the Cholesky factor of Σ; σ·z when isotropic) into out[offset … offset + d). */
    public void fromStandardNormal(double[] x, double[] z, double[] out, int offset) {
        double sd = isIsotropic() ? sigma : Double.NaN;
        for (int j = 0; j < x.length; j++) {
            double shift;
            if (isIsotropic()) {
                shift = sd * z[j];
            } else {
                shift = 0;
                for (int k = 0; k <= j; k++) {
                    shift += lower.get(j, k) * z[k];
                }
            }
            out[offset + j] = x[j] + shift;
        }
    }

    @Override
    public void sample(double[] x, int n, RandomGenerator rng, DMatrixRMaj out) {
        sample(x, n, NormalDraws.from(rng), out);
    }

    @Override
    public void sample(double[] x, int n, RandomGenerator rng, double[] out, int offset) {
        sample(x, n, NormalDraws.from(rng), out, offset);
    }

    /** The next n neighbours from {@code draws}: drawn in chunks, the same rows as drawn at once. */
    public void sample(double[] x, int n, NormalDraws draws, DMatrixRMaj out) {
        out.reshape(n, x.length);
        sample(x, n, draws, out.data, 0);
    }

    /** The next n neighbours from {@code draws}, as n rows of out from out[offset] on. */
    public void sample(double[] x, int n, NormalDraws draws, double[] out, int offset) {
        Checks.requireVector("x", x, d == ANY_DIMENSION ? x.length : d);
        int d = x.length;
        draws.next(out, offset, n * d); // z, row by row; then x + L·z in place
        if (isIsotropic()) {
            double sd = sigma;
            for (int i = 0; i < n; i++) {
                int row = offset + i * d;
                for (int j = 0; j < d; j++) {
                    out[row + j] = x[j] + sd * out[row + j];
                }
            }
            return;
        }
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(out, offset + i * d, z, 0, d);
            fromStandardNormal(x, z, out, offset + i * d);
        }
    }

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (isIsotropic()) {
            p.put("sigma2", sigma2);
        } else {
            int d = covariance.numRows;
            double[][] rows = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    rows[i][j] = covariance.get(i, j);
                }
            }
            p.put("covariance", rows);
        }
        return p;
    }
}
