package io.jxplain.kernel;

import io.jxplain.random.RandomStreams;
import org.junit.jupiter.api.Test;

import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Running moments: columns (SIMD) give the bits of vectors added one by one, and the moments are the sample ones. */
class RunningMomentsTest {
    @Test
    void theTestsRunTheSimdPath() {
        assertTrue(io.jxplain.kernel.Simd.ENABLED, "surefire's argLine must add jdk.incubator.vector");
    }

    @Test
    void columnsGiveTheBitsOfVectorsAddedOneByOneWhateverTheSplit() {
        RandomGenerator rng = RandomStreams.stream(11L);
        int d = 5;
        int stride = 80;
        double[] t = new double[d * stride];
        for (int k = 0; k < t.length; k++) {
            t[k] = 10 + 3 * rng.nextGaussian();
        }
        // every first split (0–9 vectors before, so each lane starts the SIMD part) and every length up to 61
        for (int before = 0; before < 10; before++) {
            for (int rows = 0; rows <= 61; rows++) {
                RunningMoments byVectors = new RunningMoments(d);
                RunningMoments byColumns = new RunningMoments(d);
                double[] v = new double[d];
                for (int r = 0; r < before + rows; r++) {
                    for (int j = 0; j < d; j++) {
                        v[j] = t[j * stride + 3 + r];
                    }
                    byVectors.add(v, 0);
                }
                byColumns.addColumns(t, stride, 3, before);
                byColumns.addColumns(t, stride, 3 + before, rows);
                assertEquals(byVectors.count(), byColumns.count());
                if (before + rows >= 1) {
                    assertArrayEquals(byVectors.mean(), byColumns.mean(), 0.0, before + " then " + rows);
                    assertArrayEquals(byVectors.variance(), byColumns.variance(), 0.0, before + " then " + rows);
                }
            }
        }
    }

    @Test
    void meanAndStandardErrorAreTheSampleOnes() {
        RandomGenerator rng = RandomStreams.stream(12L);
        int n = 1001;
        int d = 3;
        double[] data = new double[n * d];
        for (int k = 0; k < data.length; k++) {
            data[k] = 1e6 + rng.nextGaussian(); // a large offset: the shift keeps the variance's digits
        }
        RunningMoments m = new RunningMoments(d);
        for (int i = 0; i < n; i++) {
            m.add(data, i * d);
        }
        for (int j = 0; j < d; j++) { // exact sums (BigDecimal) as the reference
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                sum = sum.add(new java.math.BigDecimal(data[i * d + j]));
            }
            java.math.BigDecimal mean = sum.divide(java.math.BigDecimal.valueOf(n), java.math.MathContext.DECIMAL128);
            java.math.BigDecimal ss = java.math.BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                java.math.BigDecimal e = new java.math.BigDecimal(data[i * d + j]).subtract(mean);
                ss = ss.add(e.multiply(e));
            }
            double variance = ss.doubleValue() / (n - 1);
            // the shifted sums are ~n·3 in size: their rounding is far below one ulp of the 1e6-sized mean
            assertEquals(mean.doubleValue(), m.mean()[j], 2 * Math.ulp(1e6));
            assertEquals(variance, m.variance()[j], 1e-12 * variance);
            assertEquals(Math.sqrt(variance / n), m.standardErrors()[j], 1e-12);
        }
    }

    @Test
    void nonFiniteEntriesAndMisuseAreCaught() {
        RunningMoments m = new RunningMoments(2);
        assertThrows(IllegalStateException.class, m::mean, "no vector yet");
        m.add(new double[] {1, 2}, 0);
        assertTrue(Double.isNaN(m.variance()[0]), "one vector has no sample variance");
        assertTrue(m.isFinite());
        m.add(new double[] {1, Double.NaN}, 0);
        m.add(new double[] {1, 2}, 0);
        assertFalse(m.isFinite(), "a NaN stays in its lane's sum");
        RunningMoments inf = new RunningMoments(1);
        inf.addColumns(new double[] {1, 2, Double.POSITIVE_INFINITY, 4, 5, 6, 7, 8, 9, 10}, 10, 0, 10);
        assertFalse(inf.isFinite());
        assertThrows(IllegalArgumentException.class, () -> new RunningMoments(2).addColumns(new double[10], 5, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> new RunningMoments(0));
    }
}
