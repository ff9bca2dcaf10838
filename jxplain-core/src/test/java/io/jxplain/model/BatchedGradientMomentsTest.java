package io.jxplain.model;

import io.jxplain.kernel.RunningMoments;
import io.jxplain.testing.FunctionModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BatchedEvaluation.gradientMoments: the cap on rows per call changes nothing, and a bad gradient names its row. */
class BatchedGradientMomentsTest {
    /** f(a) = Σ aⱼ², whose gradient is NaN (value still finite) where a₀ = 42. */
    private static final FunctionModel NAN_AT_42 = new FunctionModel(2, "nan-gradient-at-42", new FunctionModel.Formula() {
        @Override
        public double value(double[] a) {
            return a[0] * a[0] + a[1] * a[1];
        }

        @Override
        public void gradient(double[] a, double[] out) {
            out[0] = a[0] == 42 ? Double.NaN : 2 * a[0];
            out[1] = 2 * a[1];
        }
    });

    private static DMatrixRMaj rows(int n) {
        DMatrixRMaj x = new DMatrixRMaj(n, 2);
        for (int i = 0; i < n; i++) {
            x.set(i, 0, i);
            x.set(i, 1, Math.sin(i));
        }
        return x;
    }

    private static RunningMoments[] moments(int groups) {
        RunningMoments[] m = new RunningMoments[groups];
        for (int k = 0; k < groups; k++) {
            m[k] = new RunningMoments(2);
        }
        return m;
    }

    @Test
    void theCapOnRowsPerCallChangesNothing() {
        DMatrixRMaj x = rows(40); // 4 groups of 10: calls of whole groups (cap 25: 2 groups) or pieces (cap 3)
        RunningMoments[] whole = moments(4);
        double[] values = BatchedEvaluation.gradientMoments(NAN_AT_42, Target.output(0), x, 10, whole, 1000);
        for (int cap : new int[] {25, 10, 3}) {
            RunningMoments[] capped = moments(4);
            assertArrayEquals(values, BatchedEvaluation.gradientMoments(NAN_AT_42, Target.output(0), x, 10, capped, cap),
                    0.0);
            for (int k = 0; k < 4; k++) {
                assertArrayEquals(whole[k].mean(), capped[k].mean(), 0.0, "cap " + cap);
                assertArrayEquals(whole[k].variance(), capped[k].variance(), 0.0, "cap " + cap);
            }
        }
        assertEquals(10 * 10 + Math.sin(10) * Math.sin(10), values[10], 1e-12);
        assertEquals(2 * 14.5, whole[1].mean()[0], 1e-12, "group 1 is rows 10–19: mean of 2a₀");
    }

    @Test
    void aModelReturningGradientsOfTheWrongShapeIsNamed() {
        Differentiable wrong = new Differentiable() { // one gradient column short
            @Override
            public DMatrixRMaj backward(DMatrixRMaj batch, DMatrixRMaj outputGradients) {
                return new DMatrixRMaj(batch.numRows, 1);
            }

            @Override
            public DMatrixRMaj predict(DMatrixRMaj batch) {
                return new DMatrixRMaj(batch.numRows, 1);
            }

            @Override
            public int inputSize() {
                return 2;
            }

            @Override
            public int outputSize() {
                return 1;
            }

            @Override
            public OutputKind outputKind() {
                return OutputKind.REGRESSION;
            }

            @Override
            public String describe() {
                return "short-gradients";
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BatchedEvaluation.gradientMoments(wrong, Target.output(0), rows(4), 2, moments(2), 100));
        assertTrue(e.getMessage().contains("short-gradients returned 4 values and gradients of shape 4×1"),
                e.getMessage());
    }

    @Test
    void aNonFiniteGradientIsReportedWithItsRow() {
        for (int cap : new int[] {1000, 10, 4}) {
            NonFiniteOutputException e = assertThrows(NonFiniteOutputException.class,
                    () -> BatchedEvaluation.gradientMoments(NAN_AT_42, Target.output(0), rows(50), 10, moments(5), cap));
            assertEquals(42.0, e.input()[0], 0.0, "cap " + cap);
            assertTrue(e.getMessage().contains("non-finite gradient"), e.getMessage());
        }
    }
}
