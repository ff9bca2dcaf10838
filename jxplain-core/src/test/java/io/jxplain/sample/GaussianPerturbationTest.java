package io.jxplain.sample;

import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GaussianPerturbationTest {

    @Test
    void samplingIntoAnArrayAtAnOffsetGivesTheSameRows() {
        double[] x = {1.0, -2.0, 0.5};
        java.util.List<Perturbation> perturbations = java.util.List.of(GaussianPerturbation.isotropic(3, 0.7),
                GaussianPerturbation.withCovariance(new DMatrixRMaj(new double[][] {{2, 0.3, 0}, {0.3, 1, 0}, {0, 0, 1}})),
                new UniformBallPerturbation(3, 0.2, UniformBallPerturbation.Norm.L2)); // the last one: the default
        for (Perturbation p : perturbations) {
            DMatrixRMaj rows = p.sample(x, 11, RandomStreams.stream(4L));
            double[] block = new double[5 + 33 + 2];
            p.sample(x, 11, RandomStreams.stream(4L), block, 5);
            assertArrayEquals(rows.data, java.util.Arrays.copyOfRange(block, 5, 38), 0.0, p.name());
            assertEquals(0.0, block[4], 0.0, "nothing written before the offset");
            assertEquals(0.0, block[38], 0.0, "nothing written after the rows");
        }
    }

    @Test
    void drawsHaveTheRequestedMeanAndCovariance() {
        DMatrixRMaj sigma = new DMatrixRMaj(new double[][] {{2.0, 0.6}, {0.6, 0.5}});
        GaussianPerturbation p = GaussianPerturbation.withCovariance(sigma);
        double[] x = {1.0, -2.0};
        int n = 200_000;
        DMatrixRMaj a = p.sample(x, n, RandomStreams.stream(1L));
        double[] mean = new double[2];
        for (int i = 0; i < n; i++) {
            mean[0] += a.get(i, 0) / n;
            mean[1] += a.get(i, 1) / n;
        }
        double[][] cov = new double[2][2];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 2; c++) {
                    cov[r][c] += (a.get(i, r) - mean[r]) * (a.get(i, c) - mean[c]) / (n - 1);
                }
            }
        }
        for (int r = 0; r < 2; r++) {
            assertEquals(x[r], mean[r], 4 * Math.sqrt(sigma.get(r, r) / n));
            for (int c = 0; c < 2; c++) {
                // Var of a sample covariance entry: (Σ_rc² + Σ_rr·Σ_cc)/n for Gaussian data
                double se = Math.sqrt((sigma.get(r, c) * sigma.get(r, c) + sigma.get(r, r) * sigma.get(c, c)) / n);
                assertEquals(sigma.get(r, c), cov[r][c], 4 * se);
            }
        }
    }

    @Test
    void solveAppliesTheInverseCovariance() {
        DMatrixRMaj sigma = new DMatrixRMaj(new double[][] {{4, 1, 0}, {1, 3, 0.5}, {0, 0.5, 2}});
        GaussianPerturbation p = GaussianPerturbation.withCovariance(sigma);
        double[] y = {1, -2, 0.5};
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                v[i] += sigma.get(i, j) * y[j];
            }
        }
        p.solveInPlace(v);
        assertArrayEquals(y, v, 1e-12);
        double[] w = {2, 4};
        GaussianPerturbation.isotropic(2, 0.5).solveInPlace(w);
        assertArrayEquals(new double[] {4, 8}, w, 0.0);
    }

    @Test
    void invalidCovariancesAreRejectedWithTheReason() {
        assertMessage(new double[][] {{1, 0.5}, {0.2, 1}}, "not symmetric");
        assertMessage(new double[][] {{1, 2}, {2, 1}}, "not positive definite");
        assertMessage(new double[][] {{1, 1}, {1, 1}}, "positive definite");
        assertThrows(IllegalArgumentException.class, () -> GaussianPerturbation.isotropic(2, 0.0));
        assertThrows(IllegalArgumentException.class, () -> GaussianPerturbation.isotropic(2, Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianPerturbation.isotropic(2, 1).sample(new double[] {1, 2, 3}, 5, RandomStreams.stream(1)));
        assertTrue(e.getMessage().contains("3 features"), e.getMessage());
    }

    private static void assertMessage(double[][] sigma, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianPerturbation.withCovariance(new DMatrixRMaj(sigma)));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void childSeedsGiveDistinctReproducibleStreams() {
        Set<Long> firsts = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            long a = RandomStreams.stream(RandomStreams.childSeed(42L, i)).nextLong();
            long b = RandomStreams.stream(RandomStreams.childSeed(42L, i)).nextLong();
            assertEquals(a, b);
            firsts.add(a);
        }
        assertEquals(1000, firsts.size());
        assertTrue(RandomStreams.childSeed(42L, 0) != RandomStreams.childSeed(43L, 0));
    }
}
