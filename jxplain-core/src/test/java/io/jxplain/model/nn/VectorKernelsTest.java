package io.jxplain.model.nn;

import io.jxplain.sample.RandomStreams;
import org.junit.jupiter.api.Test;

import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SIMD kernels against plain loops (to 1e-12), and the test JVM really runs them (the build adds the module). */
class VectorKernelsTest {
    @Test
    void theTestsRunTheVectorKernels() {
        assertTrue(Kernels.VECTOR, "surefire's argLine must add jdk.incubator.vector, or the SIMD path goes untested");
    }

    @Test
    void vectorEluMatchesTheScalarFormula() {
        RandomGenerator rng = RandomStreams.stream(1L);
        int n = 1003; // not a multiple of any vector length: the tail loop runs too
        double[] z = new double[n];
        for (int t = 0; t < n; t++) {
            z[t] = 4 * rng.nextGaussian();
        }
        double[] a = new double[n];
        VectorKernels.elu(z, a, n, 1.3);
        for (int t = 0; t < n; t++) {
            assertEquals(Activation.ELU.apply(z[t], 1.3), a[t], 1e-12 * Math.max(1, Math.abs(a[t])), "t = " + t);
        }
    }

    @Test
    void vectorDenseKernelsMatchPlainSums() {
        RandomGenerator rng = RandomStreams.stream(2L);
        int n = 37;
        int in = 7;
        int out = 6;
        double[] hT = new double[in * n];
        double[] gT = new double[out * n];
        double[] w = new double[out * in];
        for (int t = 0; t < hT.length; t++) {
            hT[t] = rng.nextGaussian();
        }
        for (int t = 0; t < gT.length; t++) {
            gT[t] = rng.nextGaussian();
        }
        for (int t = 0; t < w.length; t++) {
            w[t] = rng.nextGaussian();
        }
        double[] zT = new double[out * n];
        for (int j = 0; j < out; j++) {
            VectorKernels.denseUnit(hT, n, in, w, j * in, zT, j * n, 3, n); // a block that starts mid-batch
        }
        for (int j = 0; j < out; j++) {
            for (int i = 0; i < n; i++) {
                double expected = 0;
                for (int k = 0; k < in && i >= 3; k++) {
                    expected += w[j * in + k] * hT[k * n + i];
                }
                assertEquals(expected, zT[j * n + i], 1e-12, "z[" + j + "][" + i + "]");
            }
        }
        double[] ginT = new double[in * n];
        for (int k = 0; k < in; k++) {
            VectorKernels.denseBackwardUnit(gT, n, out, w, in, k, ginT, 0, n);
        }
        for (int k = 0; k < in; k++) {
            for (int i = 0; i < n; i++) {
                double expected = 0;
                for (int j = 0; j < out; j++) {
                    expected += w[j * in + k] * gT[j * n + i];
                }
                assertEquals(expected, ginT[k * n + i], 1e-12, "gin[" + k + "][" + i + "]");
            }
        }
    }
}
