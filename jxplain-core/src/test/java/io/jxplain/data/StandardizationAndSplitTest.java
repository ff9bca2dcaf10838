package io.jxplain.data;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardizationAndSplitTest {

    @Test
    void standardisationGivesMeanZeroVarianceOneOnTheDataItWasFittedOn() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 10, 5}, {2, 20, 5}, {3, 60, 5}, {6, 10, 5}});
        Standardization s = Standardization.fit(x);
        DMatrixRMaj z = s.apply(x);
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < 4; i++) {
                mean += z.get(i, j) / 4;
                sq += z.get(i, j) * z.get(i, j) / 4;
            }
            assertEquals(0, mean, 1e-12);
            assertEquals(1, sq, 1e-12);
        }
        assertEquals(1.0, s.scale()[2], 0.0, "a constant column keeps scale 1");
        assertEquals(0.0, z.get(0, 2), 0.0);
        assertThrows(IllegalArgumentException.class, () -> s.apply(new DMatrixRMaj(1, 2)));
    }

    @Test
    void splitIsSeededDisjointAndEightyTwenty() {
        Dataset data = SimulatedData.generate(1000, 3L);
        TrainTestSplit a = TrainTestSplit.of(data, 0.8, 5L);
        TrainTestSplit b = TrainTestSplit.of(data, 0.8, 5L);
        TrainTestSplit c = TrainTestSplit.of(data, 0.8, 6L);
        assertEquals(800, a.train().rows());
        assertEquals(200, a.test().rows());
        assertArrayEquals(a.test().features().data, b.test().features().data, 0.0);
        assertNotEquals(a.test().row(0)[0], c.test().row(0)[0]);
        Set<Double> train = new HashSet<>();
        for (int i = 0; i < 800; i++) {
            train.add(a.train().row(i)[0]);
        }
        for (int i = 0; i < 200; i++) {
            assertTrue(!train.contains(a.test().row(i)[0]), "test row " + i + " also in the training split");
        }
    }

    @Test
    void simulatedClassMeansAreMinusOneAndOneWithinTheirStandardError() {
        Dataset d = SimulatedData.generate(20000, 9L);
        double[] sum = new double[2];
        int[] count = new int[2];
        int[] labels = d.labels();
        for (int i = 0; i < d.rows(); i++) {
            sum[labels[i]] += d.row(i)[0] + d.row(i)[1];
            count[labels[i]]++;
        }
        // x₁ + x₂ has variance 2 within a class: the mean of m such sums has SE √(2/m); allow 4 SE.
        assertEquals(-2.0, sum[0] / count[0], 4 * Math.sqrt(2.0 / count[0]));
        assertEquals(2.0, sum[1] / count[1], 4 * Math.sqrt(2.0 / count[1]));
        // The class is a fair coin: 10000 ± 4·√5000.
        assertEquals(10000, count[1], 4 * Math.sqrt(5000));
    }
}
