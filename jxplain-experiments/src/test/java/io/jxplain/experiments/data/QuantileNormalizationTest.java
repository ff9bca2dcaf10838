package io.jxplain.experiments.data;

import org.ejml.data.DMatrixRMaj;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantileNormalizationTest {
    private static final NormalDistribution Z = new NormalDistribution(0, 1);

    @Test
    void heavyTailedTrainingValuesBecomeTheirNormalScores() {
        // one column, 4 rows with an outlier: standardising would squeeze 1, 2 and 3 together
        DMatrixRMaj train = new DMatrixRMaj(new double[][]{{1}, {3}, {2}, {1e6}});
        DMatrixRMaj z = QuantileNormalization.fit(train).apply(train);
        // mid-rank shares: 1 → 0.5/4, 2 → 1.5/4, 3 → 2.5/4, 1e6 → 3.5/4
        assertEquals(Z.inverseCumulativeProbability(0.125), z.get(0, 0), 1e-15);
        assertEquals(Z.inverseCumulativeProbability(0.625), z.get(1, 0), 1e-15);
        assertEquals(Z.inverseCumulativeProbability(0.375), z.get(2, 0), 1e-15);
        assertEquals(Z.inverseCumulativeProbability(0.875), z.get(3, 0), 1e-15);
        assertEquals(0, z.get(1, 0) + z.get(2, 0), 1e-15, "symmetric about the median");
    }

    @Test
    void newValuesFallBetweenTheirNeighboursAndTheTailsAreBounded() {
        DMatrixRMaj train = new DMatrixRMaj(new double[][]{{0, 5}, {10, 5}, {20, 5}, {30, 7}});
        QuantileNormalization q = QuantileNormalization.fit(train);
        DMatrixRMaj z = q.apply(new DMatrixRMaj(new double[][]{{15, 5}, {-1e9, 6}, {1e9, 100}}));
        assertEquals(0, z.get(0, 0), 1e-15, "between the 2nd and 3rd of 4 values: the median");
        assertEquals(Z.inverseCumulativeProbability(0.125), z.get(1, 0), 1e-15, "below all: bounded at 1/(2n)");
        assertEquals(Z.inverseCumulativeProbability(0.875), z.get(2, 0), 1e-15, "above all: bounded at 1 − 1/(2n)");
        // ties share one score: three 5s take the mid-rank share 1.5/4
        assertEquals(Z.inverseCumulativeProbability(0.375), q.apply(new DMatrixRMaj(new double[][]{{0, 5}})).get(0, 1),
                1e-15);
        assertEquals(Z.inverseCumulativeProbability(0.75), z.get(1, 1), 1e-15, "6 lies above the three 5s");
        assertTrue(z.get(0, 1) < z.get(1, 1) && z.get(1, 1) < z.get(2, 1), "monotone");
    }

    @Test
    void refusesEmptyNonFiniteOrMisshapenInput() {
        assertThrows(IllegalArgumentException.class, () -> QuantileNormalization.fit(new DMatrixRMaj(0, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> QuantileNormalization.fit(new DMatrixRMaj(new double[][]{{1}, {Double.NaN}})));
        QuantileNormalization q = QuantileNormalization.fit(new DMatrixRMaj(new double[][]{{1, 2}}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> q.apply(new DMatrixRMaj(new double[][]{{1}})));
        assertTrue(e.getMessage().contains("columns"), e.getMessage());
    }
}
