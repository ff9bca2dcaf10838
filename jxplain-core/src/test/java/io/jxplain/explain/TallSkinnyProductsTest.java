package io.jxplain.explain;

import io.jxplain.sample.RandomStreams;
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
