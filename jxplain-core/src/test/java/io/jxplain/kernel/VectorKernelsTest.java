package io.jxplain.kernel;

import io.jxplain.model.nn.Activation;
import io.jxplain.random.RandomStreams;
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
    void vectorEluKeepsTheScalarBitsOnSpecialValues() {
        // every value in every lane position, among negative and non-negative neighbours (the lanes are chosen by masks)
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, -700.0,
            -700.25, -745.2, -800.0, -1e-300, -Double.MIN_VALUE, Double.MIN_VALUE, 1e300, -1e-17, -0.34657359028,
            -0.34657359029, 3.0, -3.0, -1e-9};
        int lanes = VectorKernels.SPECIES.length();
        for (double neighbour : new double[] {-1.5, 2.0}) {
            double[] z = new double[special.length * lanes];
            java.util.Arrays.fill(z, neighbour);
            for (int s = 0; s < special.length; s++) {
                z[s * lanes + s % lanes] = special[s];
            }
            double[] a = new double[z.length];
            assertEquals(z.length, VectorKernels.elu(z, a, z.length, 0.7));
            for (int t = 0; t < z.length; t++) {
                double[] one = new double[1]; // shorter than any vector: the scalar code
                Kernels.elu(new double[] {z[t]}, one, 1, 0.7);
                assertEquals(Double.doubleToRawLongBits(one[0]), Double.doubleToRawLongBits(a[t]), "z = " + z[t]);
                assertEquals(Double.doubleToRawLongBits(Activation.ELU.apply(z[t], 0.7)),
                        Double.doubleToRawLongBits(a[t]), "z = " + z[t]);
            }
        }
    }

    @Test
    void eluSkipsTheExponentialOnlyWhereItIsExactlyZero() {
        // whole vectors of non-negative values (with ±0) skip the exponential; mixed and negative ones do not
        double[] z = new double[64];
        for (int t = 0; t < z.length; t++) {
            z[t] = t < 16 ? (t % 3 == 0 ? -0.0 : t % 3 == 1 ? 0.0 : 0.1 * t) : t < 32 ? (t % 2 == 0 ? -0.5 * t : t) : -t / 7.0;
        }
        double[] a = new double[z.length];
        assertEquals(z.length, VectorKernels.elu(z, a, z.length, 0.7));
        double[] scalar = new double[7]; // shorter than any vector: all scalar code
        Kernels.elu(new double[] {-0.0, 0.0, 2.5, -1e-300, 1e300, -3.0, 0.5}, scalar, 7, 0.7);
        for (int t = 0; t < z.length; t++) {
            assertEquals(Double.doubleToRawLongBits(Activation.ELU.apply(z[t], 0.7)), Double.doubleToRawLongBits(a[t]),
                    "t = " + t);
        }
        double[] in = {-0.0, 0.0, 2.5, -1e-300, 1e300, -3.0, 0.5};
        for (int t = 0; t < in.length; t++) {
            assertEquals(Double.doubleToRawLongBits(Activation.ELU.apply(in[t], 0.7)), Double.doubleToRawLongBits(scalar[t]),
                    "z = " + in[t]);
        }
    }

    @Test
    void vectorAffineKernelIsBitForBitTheScalarOne() {
        RandomGenerator rng = RandomStreams.stream(3L);
        int stride = 64;
        int in = 7;
        int lanes = VectorKernels.SPECIES.length();
        // units by eight, then by four overlapping the last ones done (6, 9, 12, 15, 21), or one by one (1, 3)
        for (int out : new int[] {1, 3, 4, 6, 8, 9, 12, 15, 21}) {
            // rows from 3: an even and an odd number of vectors (the odd one computed twice), one vector, none
            for (int end : new int[] {35, 59, 11, 10}) {
                for (int colStep : new int[] {out, out + 5}) { // a layer's Wᵀ, or W read as its transpose's weights
                    double[] xT = random(in * stride, rng);
                    double[] w = random(in * colStep, rng);
                    double[] b = random(out, rng);
                    for (double[] bias : new double[][] {b, null}) {
                        double[] yT = new double[out * stride];
                        int done = VectorKernels.affine(xT, stride, in, w, colStep, bias, out, yT, 3, end);
                        assertEquals(3 + (end - 3) / lanes * lanes, done, "whole vectors of rows from row 3");
                        double[] scalar = new double[out * stride]; // the plain-Java kernel (no Vector API module)
                        Kernels.scalarAffine(xT, stride, in, w, colStep, bias, out, scalar, 3, end);
                        for (int j = 0; j < out; j++) {
                            for (int i = 0; i < stride; i++) {
                                double acc = bias == null ? 0.0 : bias[j];
                                for (int k = 0; k < in; k++) {
                                    acc = Math.fma(xT[k * stride + i], w[k * colStep + j], acc);
                                }
                                String where = "y[" + j + "][" + i + "], out = " + out + ", rows 3–" + end;
                                assertEquals(i >= 3 && i < done ? acc : 0.0, yT[j * stride + i], 0.0,
                                        where + ": only the rows asked for");
                                assertEquals(i >= 3 && i < end ? acc : 0.0, scalar[j * stride + i], 0.0, where);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void layoutChangesRoundTripWithZeroPaddingFromAnyRow() {
        RandomGenerator rng = RandomStreams.stream(4L);
        for (int rows : new int[] {1, 7, 8, 13, 100}) {
            for (int firstRow : new int[] {0, 3}) {
                int cols = 15;
                int stride = (rows + 7) / 8 * 8;
                double[] m = random((firstRow + rows) * cols, rng);
                double[] t = new double[cols * stride];
                Kernels.toUnitsByRows(m, firstRow, rows, cols, stride, t);
                for (int j = 0; j < cols; j++) {
                    for (int i = 0; i < stride; i++) {
                        assertEquals(i < rows ? m[(firstRow + i) * cols + j] : 0.0, t[j * stride + i], 0.0,
                                "unit " + j + ", row " + i);
                    }
                }
                double[] back = new double[(firstRow + rows) * cols];
                Kernels.fromUnitsByRows(t, cols, stride, rows, back, firstRow);
                for (int k = 0; k < back.length; k++) {
                    assertEquals(k < firstRow * cols ? 0.0 : m[k], back[k], 0.0, rows + " rows from " + firstRow);
                }
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
