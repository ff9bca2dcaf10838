package io.jxplain.explain;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SurrogateTest {
    /** y = 2·a − 3·b exactly, on columns that are features 4 and 1 of 5. */
    private static final DMatrixRMaj DESIGN = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {1, 1}, {2, 1}, {1, 3}});
    private static final double[] Y = {2, -3, -1, 1, -7};

    @Test
    void coefficientsGoBackToTheirFeaturesAndTheOthersAreZeroWithoutAStandardError() {
        Surrogate s = Surrogate.fit(LeastSquares.of(DESIGN, Y), new int[] {4, 1}, 5, Surrogate.Singular.REFUSE);
        assertEquals(2, s.coefficients()[4], 1e-12);
        assertEquals(-3, s.coefficients()[1], 1e-12);
        for (int j : new int[] {0, 2, 3}) {
            assertEquals(0, s.coefficients()[j]);
            assertTrue(Double.isNaN(s.standardErrors()[j]), "feature " + j);
        }
        assertEquals(0, s.standardErrors()[4], 1e-9, "an exact fit has no residual");
        assertFalse(s.rankDeficient());
    }

    @Test
    void aSingularProblemIsRefusedOrSolvedByItsMinimumNormSolutionKeepingItsConstraint() {
        // two identical columns: only their sum is identified
        DMatrixRMaj twins = new DMatrixRMaj(new double[][] {{1, 1}, {2, 2}, {3, 3}});
        double[] y = {2, 4, 6};
        assertThrows(IllegalArgumentException.class, () -> Surrogate.fit(LeastSquares.of(twins, y), null, 2,
                Surrogate.Singular.REFUSE));
        Surrogate free = Surrogate.fit(LeastSquares.of(twins, y), null, 2, Surrogate.Singular.MINIMUM_NORM);
        assertTrue(free.rankDeficient());
        assertArrayEquals(new double[] {1, 1}, free.coefficients(), 1e-12, "the minimum-norm split of the sum 2");
        assertTrue(Double.isNaN(free.standardErrors()[0]));
        // with a third, free column and the constraint β₁ + β₂ + β₃ = 5, the fallback keeps the constraint
        DMatrixRMaj design = new DMatrixRMaj(new double[][] {{1, 1, 0}, {2, 2, 1}, {3, 3, 0}, {1, 1, 2}});
        double[] target = {2, 7, 6, 8};
        Surrogate constrained = Surrogate.fit(LeastSquares.of(design, target).subjectTo(new double[] {1, 1, 1}, 5),
                null, 3, Surrogate.Singular.MINIMUM_NORM);
        double sum = constrained.coefficients()[0] + constrained.coefficients()[1] + constrained.coefficients()[2];
        assertEquals(5, sum, 1e-9);
    }
}
