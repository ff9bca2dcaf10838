package io.jxplain.kernel;

import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.junit.jupiter.api.Test;

import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The least-squares core's hand-written products against EJML's general ones. */
class TallSkinnyProductsTest {
    @Test
    void simdGramAndLeveragesAreBitForBitTheScalarOnes() {
        assertTrue(io.jxplain.kernel.Simd.ENABLED, "surefire's argLine must add jdk.incubator.vector");
        RandomGenerator rng = RandomStreams.stream(9L);
        for (int p : new int[] {1, 7, 8, 9, 11, 13, 15, 16, 33}) {
            int n = 101;
            double[] a = new double[n * p];
            double[] w = new double[n];
            for (int t = 0; t < a.length; t++) {
                a[t] = rng.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                w[i] = rng.nextDouble();
            }
            for (double[] weights : new double[][] {null, w}) {
                double[] g = TallSkinnyProducts.weightedGram(a, n, p, weights);
                for (int j = 0; j < p; j++) {
                    for (int k = j; k < p; k++) { // the definition, element by element, in plain Java
                        double s = 0;
                        for (int i = 0; i < n; i++) {
                            s += a[i * p + k] * (weights == null ? a[i * p + j] : weights[i] * a[i * p + j]);
                        }
                        assertEquals(s, g[j * p + k], 0.0, "G[" + j + "][" + k + "], p = " + p);
                        assertEquals(s, g[k * p + j], 0.0, "G[" + k + "][" + j + "] mirrors it, p = " + p);
                    }
                }
            }
            CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
            assertTrue(chol.decompose(DMatrixRMaj.wrap(p, p, TallSkinnyProducts.weightedGram(a, n, p, null))));
            double[] lower = chol.getT(null).data;
            double[] h = TallSkinnyProducts.leverages(a, n, p, lower); // SIMD for 96 rows, then 5 scalar ones
            for (int i = 0; i < n; i++) { // the forward substitution, row by row, in plain Java
                double[] y = new double[p];
                double sum = 0;
                for (int j = 0; j < p; j++) {
                    double v = a[i * p + j];
                    for (int k = 0; k < j; k++) {
                        v -= lower[j * p + k] * y[k];
                    }
                    v /= lower[j * p + j];
                    y[j] = v;
                    sum += v * v;
                }
                assertEquals(sum, h[i], 0.0, "leverage of row " + i + ", p = " + p);
            }
        }
    }

    @Test
    void gramsAndLeveragesMatchTheTextbookFormulas() {
        RandomGenerator rng = RandomStreams.stream(8L);
        int n = 203;
        for (int p : new int[] {1, 5, 16}) {
            DMatrixRMaj a = new DMatrixRMaj(n, p);
            double[] w = new double[n];
            for (int t = 0; t < a.data.length; t++) {
                a.data[t] = rng.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                w[i] = rng.nextDouble();
            }
            DMatrixRMaj expected = new DMatrixRMaj(p, p);
            CommonOps_DDRM.multTransA(a, a, expected);
            double[] gram = TallSkinnyProducts.weightedGram(a.data, n, p, null);
            DMatrixRMaj da = a.copy();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    da.data[i * p + j] *= w[i];
                }
            }
            DMatrixRMaj weighted = new DMatrixRMaj(p, p);
            CommonOps_DDRM.multTransA(da, a, weighted);
            double[] weightedGram = TallSkinnyProducts.weightedGram(a.data, n, p, w);
            for (int t = 0; t < p * p; t++) {
                assertEquals(expected.data[t], gram[t], 1e-12 * n, "AᵀA, p = " + p);
                assertEquals(weighted.data[t], weightedGram[t], 1e-12 * n, "AᵀDA, p = " + p);
            }
            CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
            assertTrue(chol.decompose(expected.copy()));
            double[] h = TallSkinnyProducts.leverages(a.data, n, p, chol.getT(null).data);
            DMatrixRMaj inverse = expected.copy(); // the textbook hᵢ = aᵢᵀ(AᵀA)⁻¹aᵢ, here only as the test's oracle
            assertTrue(CommonOps_DDRM.invert(inverse));
            double sum = 0;
            for (int i = 0; i < n; i++) {
                DMatrixRMaj ai = CommonOps_DDRM.extract(a, i, i + 1, 0, p);
                DMatrixRMaj tmp = new DMatrixRMaj(1, p);
                CommonOps_DDRM.mult(ai, inverse, tmp);
                double hi = CommonOps_DDRM.dot(tmp, ai);
                assertEquals(hi, h[i], 1e-12, "leverage of row " + i + ", p = " + p);
                sum += h[i];
            }
            assertEquals(p, sum, 1e-9, "leverages sum to the rank, p = " + p);
        }
    }
}
