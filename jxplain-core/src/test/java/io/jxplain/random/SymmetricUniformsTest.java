package io.jxplain.random;

import io.jxplain.sample.UniformBallPerturbation;
import io.jxplain.kernel.Simd;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymmetricUniformsTest {

    @Test
    void drawsFollowTheDocumentedDefinition() {
        for (long key : new long[] {0L, 42L, -7L, Long.MAX_VALUE}) {
            SplittableRandom uniforms = new SplittableRandom(key);
            double[] expected = new double[203];
            for (int c = 0; c < expected.length; c++) {
                expected[c] = 2 * ((uniforms.nextLong() >>> 12) * 0x1.0p-52) - 1; // the top 52 bits as a fraction
            }
            for (boolean simd : new boolean[] {false, true}) {
                double[] w = new double[207];
                SymmetricUniforms.fill(key, w, 2, 203, simd);
                assertEquals(0.0, w[1]);
                assertEquals(0.0, w[205]);
                for (int c = 0; c < expected.length; c++) {
                    assertEquals(expected[c], w[2 + c], 0.0, "draw " + c); // exact arithmetic both ways
                }
            }
        }
    }

    @Test
    void simdAndScalarCodeGiveTheSameBits() {
        assertTrue(Simd.ENABLED, "surefire's argLine must add jdk.incubator.vector, or the SIMD path goes untested");
        SplittableRandom keys = new SplittableRandom(5);
        for (int count = 0; count < 40; count++) {
            long key = keys.nextLong();
            double[] scalar = new double[count + 2];
            double[] simd = new double[count + 2];
            SymmetricUniforms.fill(key, scalar, 1, count, false);
            SymmetricUniforms.fill(key, simd, 1, count, true);
            assertArrayEquals(scalar, simd, 0.0, "count " + count);
        }
    }

    @Test
    void drawsAreUniformOnMinusOneToOne() {
        int n = 400_000;
        double[] w = new double[n];
        SymmetricUniforms.fill(11L, w, 0, n, true);
        double sum = 0;
        double sumSq = 0;
        int[] bins = new int[20];
        for (double v : w) {
            assertTrue(v >= -1 && v < 1, "draw " + v);
            sum += v;
            sumSq += v * v;
            bins[(int) ((v + 1) * 10)]++;
        }
        // mean 0 (sd of the mean √(1/3n)), E[w²] = 1/3 (sd √((1/5 − 1/9)/n)): within five standard errors
        assertEquals(0.0, sum / n, 5 * Math.sqrt(1.0 / 3 / n));
        assertEquals(1.0 / 3, sumSq / n, 5 * Math.sqrt((1.0 / 5 - 1.0 / 9) / n));
        double expected = n / 20.0; // each bin binomial(n, 1/20)
        for (int b = 0; b < bins.length; b++) {
            assertEquals(expected, bins[b], 5 * Math.sqrt(expected * 19 / 20), "bin " + b);
        }
    }

    @Test
    void theBoxPerturbationStaysInTheBoxAndWritesWhereAsked() {
        double[] x = {1.0, -2.0, 0.5};
        UniformBallPerturbation box = new UniformBallPerturbation(3, 0.1, UniformBallPerturbation.Norm.LINF);
        DMatrixRMaj alone = box.sample(x, 50, new SplittableRandom(3));
        double[] into = new double[3 + 150 + 1];
        box.sample(x, 50, new SplittableRandom(3), into, 3);
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 3; j++) {
                double y = alone.get(i, j);
                assertTrue(Math.abs(y - x[j]) <= 0.1, "coordinate " + j + " of row " + i + ": " + y);
                assertEquals(y, into[3 + i * 3 + j], 0.0);
            }
        }
        assertEquals(0.0, into[153]);
        assertThrows(IllegalArgumentException.class, () -> box.sample(x, 50, new SplittableRandom(3), new double[100], 0));
        assertThrows(IllegalArgumentException.class,
                () -> box.sample(new double[] {1, Double.NaN, 0}, 5, new SplittableRandom(3)));
    }
}
