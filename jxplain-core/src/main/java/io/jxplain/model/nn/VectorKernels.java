package io.jxplain.model.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD half of {@link Kernels}, with the incubating Vector API (Java 17): it processes whole vectors of
 * elements and returns where it stopped; {@link Kernels} finishes the rest with scalar code that performs exactly the
 * same IEEE operations in the same order, so every element's value is identical whichever half computed it. Loaded
 * only when the JVM has the jdk.incubator.vector module.
 */
final class VectorKernels {
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private VectorKernels() {
    }

    /**
     * ELU on whole vectors from 0; returns the first index not done. The exponential ({@link Kernels#expNonPositive},
     * lane by lane) is written inside the loop, term by term, on purpose: a helper taking and returning vectors can be
     * compiled on its own before its caller and then be called with boxed vectors (seen in VectorNormals' history).
     */
    static int elu(double[] z, double[] a, int length, double alpha) {
        int bound = SPECIES.loopBound(length);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int t = 0; t < bound; t += SPECIES.length()) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, z, t);
            if (!v.compare(VectorOperators.LT, 0.0).anyTrue()) {
                v.max(zero).intoArray(a, t); // the same bits: e⁰ − 1 is exactly 0 in Kernels.expNonPositive
                continue;
            }
            DoubleVector xc = v.min(zero).max(Kernels.EXP_FLOOR);
            DoubleVector k = xc.mul(Kernels.INV_LN2).add(Kernels.ROUNDER).sub(Kernels.ROUNDER);
            DoubleVector r = k.mul(-Kernels.LN2_HI).add(xc).sub(k.mul(Kernels.LN2_LO));
            DoubleVector p = DoubleVector.broadcast(SPECIES, Kernels.EXP_COEFFICIENTS[0]);
            p = p.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[1]);
            p = p.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[2]);
            p = p.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[3]);
            p = p.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[4]);
            p = p.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[5]);
            p = p.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[6]);
            p = p.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[7]);
            p = p.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[8]);
            p = p.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[9]);
            p = p.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[10]);
            p = p.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[11]);
            p = p.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[12]);
            p = p.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[13]);
            // (long) k through the bits of k + 1.5·2⁵²: Java 17's C2 has no SIMD double→long conversion (convert(D2L)
            // fell back to a per-lane copy through an array and took a sixth of the gradient pass); the lane views are
            // cheaper than reinterpretAsLongs/Doubles here (ELU 2.4 → 1.9 ns per element, same bits)
            LongVector integerK = ((LongVector) k.add(Kernels.ROUNDER).viewAsIntegralLanes()).sub(Kernels.ROUNDER_BITS);
            LongVector bits = integerK.add(1023L).lanewise(VectorOperators.LSHL, 52);
            DoubleVector e = p.mul((DoubleVector) bits.viewAsFloatingLanes());
            v.max(zero).add(e.sub(1.0).mul(alpha)).intoArray(a, t);
        }
        return bound;
    }

    /**
     * {@link Kernels#affine} on whole vectors of rows from i0; returns the first row not done. Register blocking: four
     * units by two vectors of rows at a time, so each weight is broadcast once for two vectors and each load of xᵀ
     * serves four units; the eight accumulators stay in registers over all inputs. Every element still sees the same
     * FMAs in the same order as in the scalar code, so the same bits.
     */
    static int affine(double[] xT, int stride, int in, double[] w, int rowStep, int colStep, double[] b, int out,
                      double[] yT, int i0, int i1) {
        int lanes = SPECIES.length();
        int bound = i0 + SPECIES.loopBound(i1 - i0);
        int pairBound = i0 + (bound - i0) / (2 * lanes) * (2 * lanes);
        int j = 0;
        for (; j + 3 < out; j += 4) {
            int w0 = j * rowStep;
            int w1 = w0 + rowStep;
            int w2 = w1 + rowStep;
            int w3 = w2 + rowStep;
            double b0 = b == null ? 0.0 : b[j];
            double b1 = b == null ? 0.0 : b[j + 1];
            double b2 = b == null ? 0.0 : b[j + 2];
            double b3 = b == null ? 0.0 : b[j + 3];
            int i = i0;
            for (; i < pairBound; i += 2 * lanes) {
                DoubleVector a0 = DoubleVector.broadcast(SPECIES, b0);
                DoubleVector a1 = DoubleVector.broadcast(SPECIES, b1);
                DoubleVector a2 = DoubleVector.broadcast(SPECIES, b2);
                DoubleVector a3 = DoubleVector.broadcast(SPECIES, b3);
                DoubleVector c0 = a0;
                DoubleVector c1 = a1;
                DoubleVector c2 = a2;
                DoubleVector c3 = a3;
                for (int k = 0, x = i, c = 0; k < in; k++, x += stride, c += colStep) {
                    DoubleVector h = DoubleVector.fromArray(SPECIES, xT, x);
                    DoubleVector g = DoubleVector.fromArray(SPECIES, xT, x + lanes);
                    DoubleVector v0 = DoubleVector.broadcast(SPECIES, w[w0 + c]);
                    DoubleVector v1 = DoubleVector.broadcast(SPECIES, w[w1 + c]);
                    DoubleVector v2 = DoubleVector.broadcast(SPECIES, w[w2 + c]);
                    DoubleVector v3 = DoubleVector.broadcast(SPECIES, w[w3 + c]);
                    a0 = h.fma(v0, a0);
                    a1 = h.fma(v1, a1);
                    a2 = h.fma(v2, a2);
                    a3 = h.fma(v3, a3);
                    c0 = g.fma(v0, c0);
                    c1 = g.fma(v1, c1);
                    c2 = g.fma(v2, c2);
                    c3 = g.fma(v3, c3);
                }
                a0.intoArray(yT, j * stride + i);
                a1.intoArray(yT, (j + 1) * stride + i);
                a2.intoArray(yT, (j + 2) * stride + i);
                a3.intoArray(yT, (j + 3) * stride + i);
                c0.intoArray(yT, j * stride + i + lanes);
                c1.intoArray(yT, (j + 1) * stride + i + lanes);
                c2.intoArray(yT, (j + 2) * stride + i + lanes);
                c3.intoArray(yT, (j + 3) * stride + i + lanes);
            }
            for (; i < bound; i += lanes) {
                DoubleVector a0 = DoubleVector.broadcast(SPECIES, b0);
                DoubleVector a1 = DoubleVector.broadcast(SPECIES, b1);
                DoubleVector a2 = DoubleVector.broadcast(SPECIES, b2);
                DoubleVector a3 = DoubleVector.broadcast(SPECIES, b3);
                for (int k = 0, x = i, c = 0; k < in; k++, x += stride, c += colStep) {
                    DoubleVector h = DoubleVector.fromArray(SPECIES, xT, x);
                    a0 = h.lanewise(VectorOperators.FMA, w[w0 + c], a0);
                    a1 = h.lanewise(VectorOperators.FMA, w[w1 + c], a1);
                    a2 = h.lanewise(VectorOperators.FMA, w[w2 + c], a2);
                    a3 = h.lanewise(VectorOperators.FMA, w[w3 + c], a3);
                }
                a0.intoArray(yT, j * stride + i);
                a1.intoArray(yT, (j + 1) * stride + i);
                a2.intoArray(yT, (j + 2) * stride + i);
                a3.intoArray(yT, (j + 3) * stride + i);
            }
        }
        for (; j < out; j++) {
            int w0 = j * rowStep;
            double b0 = b == null ? 0.0 : b[j];
            int i = i0;
            for (; i < pairBound; i += 2 * lanes) {
                DoubleVector a0 = DoubleVector.broadcast(SPECIES, b0);
                DoubleVector c0 = a0;
                for (int k = 0, x = i, c = 0; k < in; k++, x += stride, c += colStep) {
                    DoubleVector v0 = DoubleVector.broadcast(SPECIES, w[w0 + c]);
                    a0 = DoubleVector.fromArray(SPECIES, xT, x).fma(v0, a0);
                    c0 = DoubleVector.fromArray(SPECIES, xT, x + lanes).fma(v0, c0);
                }
                a0.intoArray(yT, j * stride + i);
                c0.intoArray(yT, j * stride + i + lanes);
            }
            for (; i < bound; i += lanes) {
                DoubleVector a0 = DoubleVector.broadcast(SPECIES, b0);
                for (int k = 0, x = i, c = 0; k < in; k++, x += stride, c += colStep) {
                    a0 = DoubleVector.fromArray(SPECIES, xT, x).lanewise(VectorOperators.FMA, w[w0 + c], a0);
                }
                a0.intoArray(yT, j * stride + i);
            }
        }
        return bound;
    }

    private static final int[][] ROW_OFFSETS = new int[65][];

    /** Column offsets of one vector of rows in a row-major array with {@code cols} columns (kept for small widths). */
    private static int[] rowOffsets(int cols) {
        if (cols < ROW_OFFSETS.length) {
            int[] kept = ROW_OFFSETS[cols];
            if (kept == null) {
                kept = newRowOffsets(cols);
                ROW_OFFSETS[cols] = kept; // a benign race: any thread's copy has the same contents
            }
            return kept;
        }
        return newRowOffsets(cols);
    }

    private static int[] newRowOffsets(int cols) {
        int[] offsets = new int[SPECIES.length()];
        for (int l = 0; l < offsets.length; l++) {
            offsets[l] = l * cols;
        }
        return offsets;
    }

    /** {@link Kernels#toUnitsByRows} by gathers, whole vectors of rows; returns the first row not done (1.5× the loop). */
    static int toUnitsByRows(double[] m, int firstRow, int rows, int cols, int stride, double[] t) {
        int bound = SPECIES.loopBound(rows);
        int[] offsets = rowOffsets(cols);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            for (int j = 0; j < cols; j++) {
                DoubleVector.fromArray(SPECIES, m, (firstRow + i) * cols + j, offsets, 0).intoArray(t, j * stride + i);
            }
        }
        return bound;
    }

    /** {@link Kernels#fromUnitsByRows} by scatters, whole vectors of rows; returns the first row not done. */
    static int fromUnitsByRows(double[] t, int cols, int stride, int rows, double[] m, int firstRow) {
        int bound = SPECIES.loopBound(rows);
        int[] offsets = rowOffsets(cols);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            for (int j = 0; j < cols; j++) {
                DoubleVector.fromArray(SPECIES, t, j * stride + i).intoArray(m, (firstRow + i) * cols + j, offsets, 0);
            }
        }
        return bound;
    }
}
