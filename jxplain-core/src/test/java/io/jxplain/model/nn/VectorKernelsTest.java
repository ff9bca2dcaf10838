package io.jxplain.model.nn;

import io.jxplain.sample.RandomStreams;
import org.junit.jupiter.api.Test;

import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SIMD kernels must compute every element exactly as the scalar ones (so results never depend on batch position,
 * thread count or whether SIMD is there), and the shared exponential must be accurate.
 */
class VectorKernelsTest {
    @Test
    void theTestsRunTheVectorKernels() {
        assertTrue(Kernels.VECTOR, "surefire's argLine must add jdk.incubator.vector, or the SIMD path goes untested");
    }

    @Test
    void theExponentialIsWithinTwoUlpsOfMathExp() {
        RandomGenerator rng = RandomStreams.stream(1L);
        for (int t = 0; t < 100_000; t++) {
            double x = -40 * rng.nextDouble() * rng.nextDouble();
            double e = Math.exp(x);
            assertEquals(e, Kernels.expNonPositive(x), 2 * Math.ulp(e), "x = " + x);
        }
        assertEquals(1.0, Kernels.expNonPositive(0.0), 0.0);
        assertEquals(0.0, Kernels.expNonPositive(-800.0), 1e-300);
    }

    @Test
    void vectorEluIsBitForBitTheScalarOne() {
        RandomGenerator rng = RandomStreams.stream(2L);
        int n = 1003; // not a multiple of any vector length: the scalar tail runs too
        double[] z = new double[n];
        for (int t = 0; t < n; t++) {
            z[t] = 4 * rng.nextGaussian();
        }
        double[] a = new double[n];
        int done = VectorKernels.elu(z, a, n, 1.3);
        assertTrue(done > 0);
        for (int t = 0; t < n; t++) {
            assertEquals(Activation.ELU.apply(z[t], 1.3), t < done ? a[t] : Activation.ELU.apply(z[t], 1.3), 0.0, "t = " + t);
        }
    }

    @Test
    void vectorDenseKernelsAreBitForBitTheScalarOnes() {
        RandomGenerator rng = RandomStreams.stream(3L);
        int n = 37;
        int in = 7;
        int out = 6;
        double[] hT = random(in * n, rng);
        double[] gT = random(out * n, rng);
        double[] w = random(out * in, rng);
        double[] zT = new double[out * n];
        for (int j = 0; j < out; j++) {
            int done = VectorKernels.denseUnit(hT, n, in, w, j * in, zT, j * n, 3, n); // a block starting mid-batch
            for (int i = 3; i < done; i++) {
                double acc = 0;
                for (int k = 0; k < in; k++) {
                    acc = Math.fma(hT[k * n + i], w[j * in + k], acc);
                }
                assertEquals(acc, zT[j * n + i], 0.0, "z[" + j + "][" + i + "]");
            }
        }
        double[] ginT = new double[in * n];
        for (int k = 0; k < in; k++) {
            int done = VectorKernels.denseBackwardUnit(gT, n, out, w, in, k, ginT, 0, n);
            for (int i = 0; i < done; i++) {
                double acc = 0;
                for (int j = 0; j < out; j++) {
                    acc = Math.fma(gT[j * n + i], w[j * in + k], acc);
                }
                assertEquals(acc, ginT[k * n + i], 0.0, "gin[" + k + "][" + i + "]");
            }
        }
    }

    private static double[] random(int size, RandomGenerator rng) {
        double[] v = new double[size];
        for (int t = 0; t < size; t++) {
            v[t] = rng.nextGaussian();
        }
        return v;
    }
}
