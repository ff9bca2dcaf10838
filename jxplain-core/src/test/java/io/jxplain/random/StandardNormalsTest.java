package io.jxplain.random;

import io.jxplain.kernel.Simd;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardNormalsTest {

    /** The documented definition, written with the JDK's uniforms (SplittableRandom) and Math.log/cos/sin. */
    private static double[] byDefinition(long key, int count) {
        SplittableRandom uniforms = new SplittableRandom(key);
        int blocks = (count + 15) / 16;
        double[] z = new double[blocks * 16];
        for (int b = 0; b < blocks; b++) {
            for (int l = 0; l < 8; l++) {
                long radius = uniforms.nextLong();
                long angle = uniforms.nextLong();
                double u1 = 1.0 - (radius >>> 12) * 0x1.0p-52; // the top 52 bits, as a fraction: (0, 1]
                long quadrant = angle >>> 62;
                double t = (((angle << 2) >>> 12) * 0x1.0p-52 - 0.5) * Math.PI / 2;
                double theta = quadrant * Math.PI / 2 + t;
                double r = Math.sqrt(-2 * Math.log(u1));
                z[16 * b + l] = r * Math.cos(theta);
                z[16 * b + 8 + l] = r * Math.sin(theta);
            }
        }
        return Arrays.copyOf(z, count);
    }

    @Test
    void drawsFollowTheDocumentedDefinition() {
        for (long key : new long[] {0L, 42L, -7L, Long.MAX_VALUE}) {
            double[] expected = byDefinition(key, 805);
            for (boolean simd : new boolean[] {false, true}) {
                double[] z = new double[810];
                StandardNormals.fill(key, 0, z, 3, 805, simd);
                assertEquals(0.0, z[0]);
                assertEquals(0.0, z[808]);
                for (int i = 0; i < 805; i++) {
                    // polynomials instead of Math.log/cos/sin: a few ulps of |z| ≤ 8.5
                    assertEquals(expected[i], z[3 + i], 1e-14 * Math.max(1, Math.abs(expected[i])), "draw " + i);
                }
            }
        }
    }

    @Test
    void simdAndScalarCodeGiveTheSameBits() {
        assertTrue(Simd.ENABLED, "surefire's argLine must add jdk.incubator.vector, or the SIMD path goes untested");
        SplittableRandom keys = new SplittableRandom(5);
        for (int count = 0; count < 70; count++) {
            long key = keys.nextLong();
            double[] scalar = new double[count + 2];
            double[] simd = new double[count + 2];
            StandardNormals.fill(key, 0, scalar, 1, count, false);
            StandardNormals.fill(key, 0, simd, 1, count, true);
            assertArrayEquals(scalar, simd, 0.0, "count " + count);
        }
        double[] scalar = new double[100_000];
        double[] simd = new double[100_000];
        StandardNormals.fill(99L, 0, scalar, 0, scalar.length, false);
        StandardNormals.fill(99L, 0, simd, 0, simd.length, true);
        assertArrayEquals(scalar, simd, 0.0);
    }

    @Test
    void drawingInPartsGivesTheSameValuesAsAtOnce() {
        double[] whole = new double[300];
        NormalDraws.from(new SplittableRandom(4)).next(whole, 0, 300);
        for (int chunk : new int[] {1, 7, 16, 17, 64, 100}) {
            double[] parts = new double[300];
            NormalDraws draws = NormalDraws.from(new SplittableRandom(4));
            for (int at = 0; at < 300; at += chunk) {
                draws.next(parts, at, Math.min(chunk, 300 - at));
            }
            assertArrayEquals(whole, parts, 0.0, "chunks of " + chunk);
        }
        double[] sequence = new double[90];
        StandardNormals.fill(12L, 0, sequence, 0, 90, false);
        for (int first = 0; first < 40; first++) { // any start, SIMD or not
            double[] scalar = new double[50];
            double[] simd = new double[50];
            StandardNormals.fill(12L, first, scalar, 0, 50, false);
            StandardNormals.fill(12L, first, simd, 0, 50, true);
            assertArrayEquals(scalar, simd, 0.0);
            assertArrayEquals(Arrays.copyOfRange(sequence, first, first + 50), scalar, 0.0, "from " + first);
        }
    }

    @Test
    void logarithmIsWithinTwoUlpsOfMathLog() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            // uniform mantissas over every binade the sampler can produce: (0, 1] in steps of 2⁻⁵²
            double u = Math.scalb(1.0 + rng.nextLong(1L << 52) * 0x1.0p-52, -rng.nextInt(53));
            u = Math.max(u * 0.5, 0x1.0p-52);
            double exact = Math.log(u);
            assertEquals(exact, StandardNormals.log(u), 2 * Math.ulp(exact) + 1e-300, "ln " + u);
        }
        assertEquals(0.0, StandardNormals.log(1.0));
        assertEquals(Math.log(0x1.0p-52), StandardNormals.log(0x1.0p-52), 2 * Math.ulp(36.0));
    }

    @Test
    void drawsAreStandardNormalAndUncorrelated() {
        int n = 1 << 18;
        double[] z = new double[n];
        NormalDraws.from(RandomStreams.stream(11L)).next(z, 0, n);
        double mean = Arrays.stream(z).sum() / n;
        double var = Arrays.stream(z).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        assertEquals(0.0, mean, 4 / Math.sqrt(n));            // SE of the mean: 1/√n
        assertEquals(1.0, var, 4 * Math.sqrt(2.0 / n));       // SE of a normal sample variance: √(2/n)
        // Kolmogorov–Smirnov against Φ: the 0.1% critical value is 1.949/√n
        double[] sorted = z.clone();
        Arrays.sort(sorted);
        NormalDistribution phi = new NormalDistribution(0, 1);
        double ks = 0;
        for (int i = 0; i < n; i++) {
            double cdf = phi.cumulativeProbability(sorted[i]);
            ks = Math.max(ks, Math.max((i + 1.0) / n - cdf, cdf - (double) i / n));
        }
        assertTrue(ks < 1.949 / Math.sqrt(n), "KS distance " + ks);
        // the tails: P(|z| > 3) = 0.0027
        double p = 2 * phi.cumulativeProbability(-3);
        long tail = Arrays.stream(z).filter(v -> Math.abs(v) > 3).count();
        assertEquals(n * p, tail, 4 * Math.sqrt(n * p * (1 - p)));
        // the two draws of a Box–Muller pair, and neighbours, are uncorrelated (SE of a correlation: 1/√m)
        double pair = 0;
        double lag = 0;
        for (int b = 0; b < n / 16; b++) {
            for (int l = 0; l < 8; l++) {
                pair += z[16 * b + l] * z[16 * b + 8 + l];
            }
        }
        for (int i = 1; i < n; i++) {
            lag += z[i] * z[i - 1];
        }
        assertEquals(0.0, pair / (n / 2.0), 4 / Math.sqrt(n / 2.0));
        assertEquals(0.0, lag / (n - 1.0), 4 / Math.sqrt(n - 1.0));
    }

    @Test
    void takesOneLongFromTheStreamAndChecksItsArguments() {
        SplittableRandom a = new SplittableRandom(8);
        SplittableRandom b = new SplittableRandom(8);
        NormalDraws.from(a).next(new double[1000], 0, 1000);
        b.nextLong();
        assertEquals(b.nextLong(), a.nextLong());
        assertThrows(IllegalArgumentException.class, () -> NormalDraws.from(a).next(new double[4], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> NormalDraws.from(a).next(new double[4], -1, 1));
    }
}
