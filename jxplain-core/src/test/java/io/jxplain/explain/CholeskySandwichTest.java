package io.jxplain.explain;

import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.junit.jupiter.api.Test;

import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CholeskySandwichTest {

    /** Against G⁻¹MG⁻¹ computed another way (EJML's LU solves), for several sizes and conditionings. */
    @Test
    void equalsGInverseTimesMTimesGInverse() {
        RandomGenerator rng = RandomStreams.stream(3L);
        for (int p : new int[] {1, 2, 5, 16, 17, 33}) {
            for (double spread : new double[] {1.0, 100.0}) {
                DMatrixRMaj a = new DMatrixRMaj(3 * p + 5, p);
                for (int i = 0; i < a.numRows; i++) {
                    for (int j = 0; j < p; j++) {
                        a.set(i, j, rng.nextGaussian() * (j == 0 ? spread : 1.0)); // a badly scaled first column
                    }
                }
                DMatrixRMaj g = new DMatrixRMaj(p, p);
                CommonOps_DDRM.multTransA(a, a, g);
                DMatrixRMaj b = new DMatrixRMaj(p, p);
                for (int t = 0; t < b.data.length; t++) {
                    b.data[t] = rng.nextGaussian();
                }
                DMatrixRMaj m = new DMatrixRMaj(p, p);
                CommonOps_DDRM.multTransA(b, b, m); // symmetric
                CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
                assertTrue(chol.decompose(g.copy()));
                double[] got = CholeskySandwich.of(chol.getT(null).data, m.data, p);

                DMatrixRMaj left = new DMatrixRMaj(p, p);
                assertTrue(CommonOps_DDRM.solve(g, m, left));
                DMatrixRMaj expected = new DMatrixRMaj(p, p);
                assertTrue(CommonOps_DDRM.solve(g, CommonOps_DDRM.transpose(left, null), expected));
                double scale = CommonOps_DDRM.elementMaxAbs(expected);
                for (int t = 0; t < p * p; t++) {
                    assertEquals(expected.data[t], got[t], 1e-10 * scale, "p = " + p + ", spread " + spread + ", entry " + t);
                }
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < i; j++) {
                        assertEquals(got[j * p + i], got[i * p + j], 1e-12 * scale, "symmetric");
                    }
                }
            }
        }
    }
}
