package io.jxplain.data;

import io.jxplain.explain.Explanation;
import io.jxplain.explain.KernelShap;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;
import io.jxplain.testing.FunctionModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackgroundTest {
    private static DMatrixRMaj rows(int n, int d, long seed) {
        RandomGenerator rng = RandomStreams.stream(seed);
        DMatrixRMaj m = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m.set(i, j, (i % 3) * 2.0 + rng.nextGaussian() * 0.3 + j); // three clumps
            }
        }
        return m;
    }

    @Test
    void aSampleIsKDistinctRowsOfTheDataTheSameForTheSameSeed() {
        DMatrixRMaj data = rows(50, 3, 1L);
        Background a = Background.sample(data, 10, 7L);
        assertEquals(10, a.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            double[] row = java.util.Arrays.copyOfRange(a.rows().data, i * 3, i * 3 + 3);
            boolean found = false;
            for (int k = 0; k < 50 && !found; k++) {
                found = java.util.Arrays.equals(row, java.util.Arrays.copyOfRange(data.data, k * 3, k * 3 + 3));
            }
            assertTrue(found, "row " + i + " is a data row");
            assertTrue(seen.add(java.util.Arrays.toString(row)), "drawn without replacement");
        }
        assertArrayEquals(a.rows().data, Background.sample(data, 10, 7L).rows().data, 0.0);
        assertEquals(50, Background.sample(data, 80, 7L).size(), "K ≥ n keeps every row");
    }

    /** Each centroid is its cluster's mean, so the size-weighted centroids average to the data's mean. */
    @Test
    void kMeansCentroidsWeightedByClusterSizeAverageToTheDataMean() {
        DMatrixRMaj data = rows(90, 2, 2L);
        Background k = Background.kmeans(data, 3, 5L);
        assertEquals(3, k.size());
        double total = 0;
        for (int c = 0; c < 3; c++) {
            total += k.weight(c);
            assertEquals(1.0 / 3, k.weight(c), 1e-12, "three clumps of 30 rows each");
        }
        assertEquals(1.0, total, 1e-12);
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            for (int i = 0; i < 90; i++) {
                mean += data.get(i, j) / 90;
            }
            double[] column = new double[3];
            for (int c = 0; c < 3; c++) {
                column[c] = k.rows().get(c, j);
            }
            assertEquals(mean, k.mean(column, 0, 1), 1e-12, "feature " + j);
        }
        assertArrayEquals(k.rows().data, Background.kmeans(data, 3, 5L).rows().data, 0.0, "seeded");
    }

    /** A row of weight 2 counts as that row twice: KernelSHAP gives the same values either way. */
    @Test
    void aWeightIsARepeatedRow() {
        FunctionModel f = FunctionModel.sinRidge(new double[] {1.0, -0.5, 2.0});
        DMatrixRMaj two = new DMatrixRMaj(new double[][] {{0.1, 0.2, 0.3}, {-1, 0.5, 0}});
        DMatrixRMaj repeated = new DMatrixRMaj(new double[][] {{0.1, 0.2, 0.3}, {-1, 0.5, 0}, {-1, 0.5, 0}});
        double[] x = {0.7, -0.3, 0.9};
        Explanation weighted = KernelShap.builder().samples(60)
                .background(Background.weighted(two, new double[] {1, 2})).build()
                .explain(f, Target.output(0), x, 4L);
        Explanation copies = KernelShap.builder().samples(60).background(repeated).build()
                .explain(f, Target.output(0), x, 4L);
        assertArrayEquals(copies.attributions(), weighted.attributions(), 1e-12);
        assertEquals(copies.diagnostics().get(Explanation.BASE_VALUE), weighted.diagnostics().get(Explanation.BASE_VALUE),
                1e-12);
    }

    @Test
    void badSummariesAreRefused() {
        DMatrixRMaj data = rows(5, 2, 3L);
        assertThrows(IllegalArgumentException.class, () -> Background.kmeans(data, 0, 1L));
        assertThrows(IllegalArgumentException.class, () -> Background.weighted(data, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Background.weighted(data, new double[] {1, 1, 1, 0, 1}));
    }
}
