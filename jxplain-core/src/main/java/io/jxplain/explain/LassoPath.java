package io.jxplain.explain;

import org.ejml.data.DMatrixRMaj;

/**
 * The lasso path's feature choice that the lime package calls "lasso_path": on the weighted, centred data
 * (√wᵢ·(zᵢ − z̄_w), √wᵢ·(fᵢ − f̄_w)), the largest set of at most K features that is the lasso's active set for some
 * penalty λ (lime walks sklearn's LARS path back from λ = 0 to the last point with ≤ K non-zeros).
 * Here the path is followed by coordinate descent with warm starts on a log grid of λ from λ_max (nothing active)
 * down, and the step where the active set first exceeds K is bisected, so the set found is the one just before K is
 * exceeded. Written by hand: EJML and Hipparchus have no lasso, and this needs ~100 lines, not a new dependency.
 */
final class LassoPath {
    private static final int GRID = 100;
    private static final double LAMBDA_RATIO = 1e-4;
    private static final int BISECTIONS = 30;
    private static final int SWEEPS = 1000;
    private static final double TOLERANCE = 1e-10;

    private LassoPath() {
    }

    /** Indices (ascending) of at most k features chosen along the weighted lasso path. */
    static int[] select(DMatrixRMaj z, double[] f, double[] w, int k) {
        int n = z.numRows;
        int d = z.numCols;
        double[] x = new double[n * d]; // weighted, centred, column-major
        double[] y = new double[n];
        double wsum = 0;
        for (double wi : w) {
            wsum += wi;
        }
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += w[i] * z.data[i * d + j];
            }
            mean /= wsum;
            for (int i = 0; i < n; i++) {
                x[j * n + i] = Math.sqrt(w[i]) * (z.data[i * d + j] - mean);
            }
        }
        double fMean = 0;
        for (int i = 0; i < n; i++) {
            fMean += w[i] * f[i];
        }
        fMean /= wsum;
        for (int i = 0; i < n; i++) {
            y[i] = Math.sqrt(w[i]) * (f[i] - fMean);
        }
        double[] norms = new double[d];
        double lambdaMax = 0;
        for (int j = 0; j < d; j++) {
            double dot = 0;
            for (int i = 0; i < n; i++) {
                norms[j] += x[j * n + i] * x[j * n + i];
                dot += x[j * n + i] * y[i];
            }
            lambdaMax = Math.max(lambdaMax, Math.abs(dot));
        }
        double[] beta = new double[d];
        double[] lastAdmissible = beta.clone();
        double previousLambda = lambdaMax;
        for (int g = 1; g <= GRID; g++) {
            double lambda = lambdaMax * Math.pow(LAMBDA_RATIO, g / (double) GRID);
            double[] candidate = descend(x, y, norms, n, d, lambda, beta.clone());
            if (active(candidate) > k) {
                double hi = previousLambda; // ≤ k active at hi, > k at lo
                double lo = lambda;
                for (int b = 0; b < BISECTIONS; b++) {
                    double mid = Math.sqrt(hi * lo);
                    double[] m = descend(x, y, norms, n, d, mid, lastAdmissible.clone());
                    if (active(m) > k) {
                        lo = mid;
                    } else {
                        hi = mid;
                        lastAdmissible = m;
                    }
                }
                return nonEmpty(support(lastAdmissible), x, y, n, d);
            }
            beta = candidate;
            lastAdmissible = candidate;
            previousLambda = lambda;
        }
        return nonEmpty(support(lastAdmissible), x, y, n, d);
    }

    /** Ties can bring two features in at once past K = 1: then the one most correlated with y alone. */
    private static int[] nonEmpty(int[] chosen, double[] x, double[] y, int n, int d) {
        if (chosen.length > 0) {
            return chosen;
        }
        int best = 0;
        double bestDot = -1;
        for (int j = 0; j < d; j++) {
            double dot = 0;
            for (int i = 0; i < n; i++) {
                dot += x[j * n + i] * y[i];
            }
            if (Math.abs(dot) > bestDot) {
                bestDot = Math.abs(dot);
                best = j;
            }
        }
        return new int[] {best};
    }

    /** Minimises ½‖y − Xβ‖² + λ‖β‖₁ by cyclic coordinate descent from {@code beta}. */
    private static double[] descend(double[] x, double[] y, double[] norms, int n, int d, double lambda, double[] beta) {
        double[] r = y.clone();
        for (int j = 0; j < d; j++) {
            if (beta[j] != 0) {
                for (int i = 0; i < n; i++) {
                    r[i] -= x[j * n + i] * beta[j];
                }
            }
        }
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            double change = 0;
            for (int j = 0; j < d; j++) {
                if (norms[j] == 0) {
                    continue;
                }
                double rho = 0;
                for (int i = 0; i < n; i++) {
                    rho += x[j * n + i] * r[i];
                }
                rho += norms[j] * beta[j];
                double updated = Math.signum(rho) * Math.max(Math.abs(rho) - lambda, 0) / norms[j];
                double delta = updated - beta[j];
                if (delta != 0) {
                    for (int i = 0; i < n; i++) {
                        r[i] -= x[j * n + i] * delta;
                    }
                    change = Math.max(change, Math.abs(delta) * Math.sqrt(norms[j]));
                    beta[j] = updated;
                }
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        return beta;
    }

    private static int active(double[] beta) {
        int count = 0;
        for (double b : beta) {
            count += b != 0 ? 1 : 0;
        }
        return count;
    }

    private static int[] support(double[] beta) {
        int[] s = new int[active(beta)];
        for (int j = 0, t = 0; j < beta.length; j++) {
            if (beta[j] != 0) {
                s[t++] = j;
            }
        }
        return s;
    }
}
