package io.jxplain.explain;

import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeastSquaresTest {

    @Test
    void recoversANoiselessLinearFunctionExactly() {
        RandomGenerator rng = RandomStreams.stream(1L);
        int n = 50;
        DMatrixRMaj x = new DMatrixRMaj(n, 3);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x.set(i, j, rng.nextGaussian());
            }
            y[i] = 0.5 + 2 * x.get(i, 0) - x.get(i, 1) + 0.25 * x.get(i, 2);
        }
        LeastSquares.Fit fit = LeastSquares.of(x, y).withIntercept().fit();
        assertArrayEquals(new double[] {2, -1, 0.25}, fit.coefficients(), 1e-12);
        assertEquals(0.5, fit.intercept(), 1e-12);
        assertEquals(0, fit.residualVariance(), 1e-20);
    }

    @Test
    void ridgeCoefficientsAloneAreRidgesCoefficients() {
        RandomGenerator rng = RandomStreams.stream(4L);
        int n = 40;
        DMatrixRMaj x = new DMatrixRMaj(n, 5);
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 5; j++) {
                x.set(i, j, rng.nextGaussian());
            }
            y[i] = x.get(i, 0) - 2 * x.get(i, 3) + 0.1 * rng.nextGaussian();
            w[i] = rng.nextDouble();
        }
        for (double alpha : new double[] {0.0, 1e-12, 0.01, 1.0}) {
            LeastSquares.Fit full = LeastSquares.of(x, y).weights(w).ridge(alpha).fit();
            LeastSquares.Fit alone = LeastSquares.of(x, y).weights(w).ridge(alpha).coefficientsOnly().fit();
            assertArrayEquals(full.coefficients(), alone.coefficients(), 0.0, "α = " + alpha);
            assertEquals(full.intercept(), alone.intercept(), 0.0, "α = " + alpha);
            assertTrue(full.standardErrors()[0] > 0);
            if (alpha > 0) {
                assertTrue(Double.isNaN(alone.standardErrors()[0]), "no sandwich computed");
            }
        }
    }

    /** cond(AᵀA) ≈ 1e10 here: the normal equations would lose about 6 digits, so the QR path must take over. */
    @Test
    void anIllConditionedDesignStillGetsAnAccurateFit() {
        RandomGenerator rng = RandomStreams.stream(9L);
        int n = 200;
        DMatrixRMaj x = new DMatrixRMaj(n, 2);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextGaussian();
            x.set(i, 0, u);
            x.set(i, 1, u + 1e-5 * rng.nextGaussian());
            y[i] = 3 + x.get(i, 0) + 2 * x.get(i, 1);
        }
        LeastSquares.Fit fit = LeastSquares.of(x, y).withIntercept().fit();
        assertArrayEquals(new double[] {1, 2}, fit.coefficients(), 1e-7);
        assertEquals(3, fit.intercept(), 1e-9);
    }

    @Test
    void anIntegerWeightIsTheSameAsRepeatingTheRow() {
        RandomGenerator rng = RandomStreams.stream(2L);
        DMatrixRMaj x = new DMatrixRMaj(10, 2);
        double[] y = new double[10];
        double[] w = new double[10];
        for (int i = 0; i < 10; i++) {
            x.set(i, 0, rng.nextGaussian());
            x.set(i, 1, rng.nextGaussian());
            y[i] = rng.nextGaussian();
            w[i] = 1 + (i % 3);
        }
        int total = 0;
        for (double wi : w) {
            total += (int) wi;
        }
        DMatrixRMaj xr = new DMatrixRMaj(total, 2);
        double[] yr = new double[total];
        int r = 0;
        for (int i = 0; i < 10; i++) {
            for (int k = 0; k < (int) w[i]; k++, r++) {
                xr.set(r, 0, x.get(i, 0));
                xr.set(r, 1, x.get(i, 1));
                yr[r] = y[i];
            }
        }
        assertArrayEquals(LeastSquares.of(xr, yr).withIntercept().fit().coefficients(),
                LeastSquares.of(x, y).weights(w).withIntercept().fit().coefficients(), 1e-12);
    }

    @Test
    void singularOrTooSmallProblemsAreRefusedWithTheReason() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2}, {2, 4}, {3, 6}, {4, 8}, {5, 10}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LeastSquares.of(x, new double[] {1, 2, 3, 4, 5}).withIntercept().fit());
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> LeastSquares.of(new DMatrixRMaj(3, 2), new double[3]).withIntercept().fit());
        assertTrue(e2.getMessage().contains("more than 3 samples"), e2.getMessage());
    }

    /**
     * Heteroscedastic noise (sd ∝ |x|): the robust standard error must match the spread of the slope over
     * replications. With m replications the sample sd has relative SE ≈ 1/√(2m); the tolerance is 4 of those.
     */
    @Test
    void robustStandardErrorsMatchTheSpreadOverReplications() {
        int m = 400;
        int n = 200;
        double[] slopes = new double[m];
        double meanSe = 0;
        for (int rep = 0; rep < m; rep++) {
            RandomGenerator rng = RandomStreams.stream(RandomStreams.childSeed(3L, rep));
            DMatrixRMaj x = new DMatrixRMaj(n, 1);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double xi = rng.nextGaussian();
                x.data[i] = xi;
                y[i] = 1.5 * xi + Math.abs(xi) * rng.nextGaussian();
            }
            LeastSquares.Fit fit = LeastSquares.of(x, y).withIntercept().fit();
            slopes[rep] = fit.coefficients()[0];
            meanSe += fit.standardErrors()[0] / m;
        }
        double mean = 0;
        for (double s : slopes) {
            mean += s / m;
        }
        double var = 0;
        for (double s : slopes) {
            var += (s - mean) * (s - mean) / (m - 1);
        }
        double sd = Math.sqrt(var);
        assertEquals(sd, meanSe, 4 * sd / Math.sqrt(2.0 * m), "spread " + sd + " vs mean robust SE " + meanSe);
    }

    @Test
    void theMinimumNormFitInterpolatesAndLiesInTheRowSpace() {
        RandomGenerator rng = RandomStreams.stream(7L);
        int n = 3;
        int d = 5;
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x.set(i, j, rng.nextGaussian());
            }
            y[i] = rng.nextGaussian();
        }
        LeastSquares.Fit fit = LeastSquares.of(x, y).withIntercept().minimumNorm();
        for (int i = 0; i < n; i++) {
            double pred = fit.intercept();
            for (int j = 0; j < d; j++) {
                pred += fit.coefficients()[j] * x.get(i, j);
            }
            assertEquals(y[i], pred, 1e-10, "row " + i);
        }
        // β is a combination of the centred rows: orthogonal to anything orthogonal to them.
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x.get(i, j) / n;
            }
        }
        double[][] c = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                c[i][j] = x.get(i, j) - mean[j];
            }
        }
        double[] v = {1, 0, 0, 0, 0}; // project e₁ off the span of the centred rows (Gram–Schmidt)
        for (int i = 0; i < n; i++) {
            double[] u = c[i].clone();
            for (int k = 0; k < i; k++) {
                double dot = 0;
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    dot += u[j] * c[k][j];
                    norm += c[k][j] * c[k][j];
                }
                if (norm > 1e-12) {
                    for (int j = 0; j < d; j++) {
                        u[j] -= dot / norm * c[k][j];
                    }
                }
            }
            c[i] = u;
            double dot = 0;
            double norm = 0;
            for (int j = 0; j < d; j++) {
                dot += v[j] * u[j];
                norm += u[j] * u[j];
            }
            if (norm > 1e-12) {
                for (int j = 0; j < d; j++) {
                    v[j] -= dot / norm * u[j];
                }
            }
        }
        double along = 0;
        for (int j = 0; j < d; j++) {
            along += v[j] * fit.coefficients()[j];
        }
        assertEquals(0, along, 1e-10);
        assertTrue(Double.isNaN(fit.standardErrors()[0]));
    }

    /**
     * The test that sends a fit from Cholesky to QR must not grow stricter with the number of columns: a 784-column
     * factor with diagonal 1, 2, 1, 2, … (condition number 4) passes it; EJML's quality() (the product of the ratios,
     * 2^-392) would not. A factor whose diagonal spans 1e-5 fails it.
     */
    @Test
    void theConditioningTestDoesNotDependOnTheNumberOfColumns() {
        DMatrixRMaj wellConditioned = new DMatrixRMaj(784, 784);
        DMatrixRMaj illConditioned = new DMatrixRMaj(3, 3);
        for (int j = 0; j < 784; j++) {
            wellConditioned.set(j, j, j % 2 == 0 ? 1.0 : 2.0);
        }
        illConditioned.set(0, 0, 1.0);
        illConditioned.set(1, 1, 1e-5);
        illConditioned.set(2, 2, -0.5);
        assertEquals(0.5, LeastSquares.diagonalRatio(wellConditioned), 0.0);
        assertEquals(1e-5, LeastSquares.diagonalRatio(illConditioned), 0.0);
    }
}
