package io.jxplain.metric.optimize;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

import java.util.List;

/**
 * Gaussian-process regression with a Matérn-5/2 kernel of unit amplitude on standardised targets, fitted by
 * Cholesky (EJML). The length scale is chosen from a short list by the log marginal likelihood.
 */
final class GaussianProcess {
    private static final double NOISE = 1e-6;
    private final List<double[]> xs;
    private final double lengthScale;
    private final DMatrixRMaj lower;
    private final double[] alpha;
    final double logMarginalLikelihood;

    private GaussianProcess(List<double[]> xs, double[] y, double lengthScale) {
        this.xs = xs;
        this.lengthScale = lengthScale;
        int m = xs.size();
        DMatrixRMaj k = new DMatrixRMaj(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double v = kernel(xs.get(i), xs.get(j)) + (i == j ? NOISE : 0);
                k.set(i, j, v);
                k.set(j, i, v);
            }
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(m, true);
        if (!chol.decompose(k)) {
            throw new IllegalStateException("the kernel matrix is not positive definite");
        }
        lower = chol.getT(null);
        double[] w = forward(y);
        alpha = backward(w);
        double lml = 0;
        for (int i = 0; i < m; i++) {
            lml -= 0.5 * w[i] * w[i] + Math.log(lower.get(i, i));
        }
        logMarginalLikelihood = lml - 0.5 * m * Math.log(2 * Math.PI);
    }

    /** The best of the candidate length scales by marginal likelihood. */
    static GaussianProcess fit(List<double[]> xs, double[] y, double[] lengthScales) {
        GaussianProcess best = null;
        for (double ell : lengthScales) {
            GaussianProcess gp = new GaussianProcess(xs, y, ell);
            if (best == null || gp.logMarginalLikelihood > best.logMarginalLikelihood) {
                best = gp;
            }
        }
        return best;
    }

    /** Posterior mean and standard deviation at p. */
    double[] predict(double[] p) {
        int m = xs.size();
        double[] ks = new double[m];
        for (int i = 0; i < m; i++) {
            ks[i] = kernel(p, xs.get(i));
        }
        double mean = 0;
        for (int i = 0; i < m; i++) {
            mean += ks[i] * alpha[i];
        }
        double[] v = forward(ks);
        double var = 1.0 + NOISE;
        for (double t : v) {
            var -= t * t;
        }
        return new double[] {mean, Math.sqrt(Math.max(var, 1e-12))};
    }

    private double kernel(double[] a, double[] b) {
        double sq = 0;
        for (int j = 0; j < a.length; j++) {
            sq += (a[j] - b[j]) * (a[j] - b[j]);
        }
        double r = Math.sqrt(5 * sq) / lengthScale;
        return (1 + r + r * r / 3) * Math.exp(-r); // Matérn ν = 5/2 (Rasmussen & Williams 2006, Eq. 4.17)
    }

    private double[] forward(double[] b) {
        int m = b.length;
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= lower.get(i, k) * x[k];
            }
            x[i] = s / lower.get(i, i);
        }
        return x;
    }

    private double[] backward(double[] b) {
        int m = b.length;
        double[] x = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < m; k++) {
                s -= lower.get(k, i) * x[k];
            }
            x[i] = s / lower.get(i, i);
        }
        return x;
    }
}
