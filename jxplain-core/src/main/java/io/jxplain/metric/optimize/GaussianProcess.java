package io.jxplain.metric.optimize;

import io.jxplain.kernel.VectorSolves;
import java.util.ArrayList;
import java.util.List;

/**
 * Gaussian-process regression with a Matérn-5/2 kernel of unit amplitude on standardised targets, the length scale
 * chosen from a short list by the log marginal likelihood. Points are added one at a time: each candidate scale keeps
 * the Cholesky factor of its kernel matrix and extends it by one row (O(m²) instead of O(m³) for a new factor), with
 * the operations of EJML's inner-product Cholesky in the same order, so the factor is the one a fresh decomposition
 * gives, bit for bit. Written by hand: no maintained JVM library offers an incrementally updated GP.
 */
final class GaussianProcess {
    static final double NOISE = 1e-6;
    /** Points solved side by side: m × 64 partial solutions stay in the core's cache for m up to ~2 000. */
    private static final int BLOCK = 64;

    /** One candidate length scale: its Cholesky factor L (lower, by rows) of K + NOISE·I, grown row by row. */
    private static final class Factor {
        final double lengthScale;
        final List<double[]> rows = new ArrayList<>();
        final List<Double> inverseDiagonal = new ArrayList<>();

        Factor(double lengthScale) {
            this.lengthScale = lengthScale;
        }
    }

    private final List<double[]> xs = new ArrayList<>();
    private final Factor[] factors;
    private Factor chosen;
    private double[] alpha;

    GaussianProcess(double[] lengthScales) {
        factors = new Factor[lengthScales.length];
        for (int s = 0; s < lengthScales.length; s++) {
            factors[s] = new Factor(lengthScales[s]);
        }
    }

    int size() {
        return xs.size();
    }

    /** Adds a point: one new row of every scale's factor. */
    void add(double[] x) {
        int m = xs.size();
        for (Factor f : factors) {
            double[] row = new double[m + 1];
            for (int i = 0; i < m; i++) {
                // L[m][i] = (K[i][m] − Σ_{k<i} L[i][k]·L[m][k]) · (1 / L[i][i]), as EJML's decomposeLower
                double sum = kernel(xs.get(i), x, f.lengthScale);
                double[] li = f.rows.get(i);
                for (int k = 0; k < i; k++) {
                    sum -= li[k] * row[k];
                }
                row[i] = sum * f.inverseDiagonal.get(i);
            }
            double sum = kernel(x, x, f.lengthScale) + NOISE;
            for (int k = 0; k < m; k++) {
                sum -= row[k] * row[k];
            }
            if (sum <= 0.0) {
                throw new IllegalStateException("the kernel matrix is not positive definite");
            }
            double diagonal = Math.sqrt(sum);
            row[m] = diagonal;
            f.rows.add(row);
            f.inverseDiagonal.add(1.0 / diagonal);
        }
        xs.add(x.clone());
        chosen = null;
    }

    /** Conditions on targets {@code y} (one per point): picks the scale of highest marginal likelihood. */
    void condition(double[] y) {
        chosen = null;
        double best = Double.NEGATIVE_INFINITY;
        for (Factor f : factors) {
            double[] w = forward(f, y, y.length);
            double lml = 0;
            for (int i = 0; i < y.length; i++) {
                lml -= 0.5 * w[i] * w[i] + Math.log(f.rows.get(i)[i]);
            }
            lml -= 0.5 * y.length * Math.log(2 * Math.PI);
            if (chosen == null || lml > best) {
                best = lml;
                chosen = f;
                alpha = backward(f, w);
            }
        }
    }

    /** k(p, xᵢ) for every point, under the chosen scale. */
    double[] covariances(double[] p) {
        int m = xs.size();
        double[] k = new double[m];
        for (int i = 0; i < m; i++) {
            k[i] = kernel(p, xs.get(i), chosen.lengthScale);
        }
        return k;
    }

    /** Posterior mean from the covariances of a point. */
    double mean(double[] k) {
        double mean = 0;
        for (int i = 0; i < k.length; i++) {
            mean += k[i] * alpha[i];
        }
        return mean;
    }

    /**
     * Posterior standard deviations of many points from their covariances ({@code k[c]} for point c): prior variance
     * less |L⁻¹k|², the squares taken in order. The forward solves run side by side, blocks of points at a time, so the
     * innermost loop goes across points (independent operations the JIT turns into vector instructions) rather than
     * along one solve's chain of dependent subtractions ({@link VectorSolves} on SIMD vectors, with a scalar twin);
     * each point still sees exactly the operations, in the order, of a solve of its own, so the values are the same
     * bits with or without SIMD.
     */
    double[] sds(double[][] k) {
        int n = k.length;
        int m = xs.size();
        double[] out = new double[n];
        double[][] v = new double[m][Math.min(n, BLOCK)];
        double[] var = new double[BLOCK];
        for (int c0 = 0; c0 < n; c0 += BLOCK) {
            int w = Math.min(BLOCK, n - c0);
            java.util.Arrays.fill(var, 1.0 + NOISE);
            for (int i = 0; i < m; ) {
                int rows = io.jxplain.kernel.Simd.ENABLED && i + 4 <= m ? 4 : 1;
                for (int r = i; r < i + rows; r++) {
                    for (int c = 0; c < w; c++) {
                        v[r][c] = k[c0 + c][r];
                    }
                }
                if (rows == 4) { // the rows' terms j < i, on SIMD vectors
                    VectorSolves.fourRows(v, chosen.rows.get(i), chosen.rows.get(i + 1), chosen.rows.get(i + 2),
                            chosen.rows.get(i + 3), i, w);
                }
                for (int r = i; r < i + rows; r++) {
                    double[] vr = v[r];
                    double[] lr = chosen.rows.get(r);
                    for (int j = rows == 4 ? i : 0; j < r; j++) {
                        double lrj = lr[j];
                        double[] vj = v[j];
                        for (int c = 0; c < w; c++) {
                            vr[c] -= lrj * vj[c];
                        }
                    }
                    double diagonal = lr[r];
                    for (int c = 0; c < w; c++) {
                        vr[c] = vr[c] / diagonal;
                        var[c] -= vr[c] * vr[c];
                    }
                }
                i += rows;
            }
            for (int c = 0; c < w; c++) {
                out[c0 + c] = Math.sqrt(Math.max(var[c], 1e-12));
            }
        }
        return out;
    }

    private static double[] forward(Factor f, double[] b, int m) {
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            double s = b[i];
            double[] li = f.rows.get(i);
            for (int k = 0; k < i; k++) {
                s -= li[k] * x[k];
            }
            x[i] = s / li[i];
        }
        return x;
    }

    private static double[] backward(Factor f, double[] b) {
        int m = b.length;
        double[] x = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < m; k++) {
                s -= f.rows.get(k)[i] * x[k];
            }
            x[i] = s / f.rows.get(i)[i];
        }
        return x;
    }

    static double kernel(double[] a, double[] b, double lengthScale) {
        double sq = 0;
        for (int j = 0; j < a.length; j++) {
            sq += (a[j] - b[j]) * (a[j] - b[j]);
        }
        double r = Math.sqrt(5 * sq) / lengthScale;
        return (1 + r + r * r / 3) * Math.exp(-r); // Matérn ν = 5/2 (Rasmussen & Williams 2006, Eq. 4.17)
    }
}
