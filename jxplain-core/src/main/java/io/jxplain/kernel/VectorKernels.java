package io.jxplain.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
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
     * Lanes are chosen by masks, not by {@code min}/{@code max}: C2 compiles Java's min/max of vectors (NaN and −0
     * rules) to six instructions each, and this loop had three. The results are the scalar code's bit for bit:
     * a negative lane is (e^z − 1)·α, which is never −0, so adding the scalar code's +0 = max(z, 0) changes nothing; any
     * other lane (z ≥ 0, −0, NaN) is z + 0, which is max(z, 0) there (+0 for −0, NaN for NaN).
     */
    static int elu(double[] z, double[] a, int length, double alpha) {
        int bound = SPECIES.loopBound(length);
        for (int t = 0; t < bound; t += SPECIES.length()) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, z, t);
            VectorMask<Double> negative = v.compare(VectorOperators.LT, 0.0);
            DoubleVector nonNegative = v.add(0.0);
            if (!negative.anyTrue()) {
                nonNegative.intoArray(a, t); // the same bits: e⁰ − 1 is exactly 0 in Kernels.expNonPositive
                continue;
            }
            // max(z, floor) on the negative lanes; the others' exponentials are computed and not used
            DoubleVector xc = v.blend(Kernels.EXP_FLOOR, v.compare(VectorOperators.LT, Kernels.EXP_FLOOR));
            DoubleVector shifted = xc.mul(Kernels.INV_LN2).add(Kernels.ROUNDER);
            DoubleVector k = shifted.sub(Kernels.ROUNDER);
            DoubleVector r = k.lanewise(VectorOperators.FMA, -Kernels.LN2_HI, xc).sub(k.mul(Kernels.LN2_LO));
            DoubleVector high = DoubleVector.broadcast(SPECIES, Kernels.EXP_COEFFICIENTS[0]);
            DoubleVector low = DoubleVector.broadcast(SPECIES, Kernels.EXP_COEFFICIENTS[Kernels.EXP_SPLIT]);
            high = high.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[1]);
            low = low.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[Kernels.EXP_SPLIT + 1]);
            high = high.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[2]);
            low = low.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[Kernels.EXP_SPLIT + 2]);
            high = high.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[3]);
            low = low.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[Kernels.EXP_SPLIT + 3]);
            high = high.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[4]);
            low = low.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[Kernels.EXP_SPLIT + 4]);
            high = high.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[5]);
            low = low.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[Kernels.EXP_SPLIT + 5]);
            high = high.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[6]);
            low = low.lanewise(VectorOperators.FMA, r, Kernels.EXP_COEFFICIENTS[Kernels.EXP_SPLIT + 6]);
            DoubleVector r2 = r.mul(r);
            DoubleVector p = high.lanewise(VectorOperators.FMA, r2.mul(r2).mul(r2.mul(r)), low);
            // 2^k from the bits of k + 1.5·2⁵² (Kernels.twoToThe): Java 17's C2 has no SIMD double→long conversion
            // (convert(D2L) fell back to a per-lane copy through an array and took a sixth of the gradient pass)
            LongVector bits = ((LongVector) shifted.viewAsIntegralLanes()).add(1023L).lanewise(VectorOperators.LSHL, 52);
            DoubleVector e = p.mul((DoubleVector) bits.viewAsFloatingLanes());
            nonNegative.blend(e.sub(1.0).mul(alpha), negative).intoArray(a, t);
        }
        return bound;
    }

    /**
     * {@link Kernels#affine} on whole vectors of rows from i0; returns the first row not done. Register blocking: eight
     * (or four) units by two vectors of rows at a time, so each weight is broadcast once for two vectors and each load
     * of xᵀ serves eight units; the sixteen accumulators stay in registers over all inputs. The weights of consecutive
     * units are adjacent (w[k·colStep + j]), so the compiler sees w[c], w[c + 1], … and checks their bounds once, and
     * keeps no per-unit offsets (with eight offsets it spilled them to the stack and checked every load: ~70
     * instructions per 16 FMAs). The units that do not fill a group of eight go by four, the last four overlapping
     * units already done, and an odd last vector of rows is computed as both vectors of a pair: an element computed
     * twice gets the same FMAs in the same order both times, so the same bits, as in the scalar code. Layers of fewer
     * than four units go unit by unit.
     */
    static int affine(double[] xT, int stride, int in, double[] w, int colStep, double[] b, int out,
                      double[] yT, int i0, int i1) {
        int bound = i0 + SPECIES.loopBound(i1 - i0);
        if (bound == i0) {
            return i0;
        }
        int j = 0;
        for (; j + 8 <= out; j += 8) {
            eightUnits(xT, stride, in, w, colStep, b, j, yT, i0, bound);
        }
        if (out >= 4) {
            while (j < out) {
                int first = Math.min(j, out - 4);
                fourUnits(xT, stride, in, w, colStep, b, first, yT, i0, bound);
                j = first + 4;
            }
        } else {
            for (; j < out; j++) {
                oneUnit(xT, stride, in, w, colStep, b, j, yT, i0, bound);
            }
        }
        return bound;
    }

    /** The second vector of the pair of row vectors at i: the next one, or i itself when i is the last. */
    private static int pairedVector(int i, int bound) {
        return Math.min(i + SPECIES.length(), bound - SPECIES.length());
    }

    /** Units j … j + 7 of {@link #affine} over the whole vectors of rows [i0, bound). */
    private static void eightUnits(double[] xT, int stride, int in, double[] w, int colStep, double[] b, int j,
                                   double[] yT, int i0, int bound) {
        for (int i = i0; i < bound; i += 2 * SPECIES.length()) {
            int i2 = pairedVector(i, bound);
            DoubleVector a0 = DoubleVector.broadcast(SPECIES, biasOf(b, j));
            DoubleVector a1 = DoubleVector.broadcast(SPECIES, biasOf(b, j + 1));
            DoubleVector a2 = DoubleVector.broadcast(SPECIES, biasOf(b, j + 2));
            DoubleVector a3 = DoubleVector.broadcast(SPECIES, biasOf(b, j + 3));
            DoubleVector a4 = DoubleVector.broadcast(SPECIES, biasOf(b, j + 4));
            DoubleVector a5 = DoubleVector.broadcast(SPECIES, biasOf(b, j + 5));
            DoubleVector a6 = DoubleVector.broadcast(SPECIES, biasOf(b, j + 6));
            DoubleVector a7 = DoubleVector.broadcast(SPECIES, biasOf(b, j + 7));
            DoubleVector c0 = a0;
            DoubleVector c1 = a1;
            DoubleVector c2 = a2;
            DoubleVector c3 = a3;
            DoubleVector c4 = a4;
            DoubleVector c5 = a5;
            DoubleVector c6 = a6;
            DoubleVector c7 = a7;
            for (int k = 0, x = 0, c = j; k < in; k++, x += stride, c += colStep) {
                DoubleVector h = DoubleVector.fromArray(SPECIES, xT, x + i);
                DoubleVector g = DoubleVector.fromArray(SPECIES, xT, x + i2);
                DoubleVector v = DoubleVector.broadcast(SPECIES, w[c]);
                a0 = h.fma(v, a0);
                c0 = g.fma(v, c0);
                v = DoubleVector.broadcast(SPECIES, w[c + 1]);
                a1 = h.fma(v, a1);
                c1 = g.fma(v, c1);
                v = DoubleVector.broadcast(SPECIES, w[c + 2]);
                a2 = h.fma(v, a2);
                c2 = g.fma(v, c2);
                v = DoubleVector.broadcast(SPECIES, w[c + 3]);
                a3 = h.fma(v, a3);
                c3 = g.fma(v, c3);
                v = DoubleVector.broadcast(SPECIES, w[c + 4]);
                a4 = h.fma(v, a4);
                c4 = g.fma(v, c4);
                v = DoubleVector.broadcast(SPECIES, w[c + 5]);
                a5 = h.fma(v, a5);
                c5 = g.fma(v, c5);
                v = DoubleVector.broadcast(SPECIES, w[c + 6]);
                a6 = h.fma(v, a6);
                c6 = g.fma(v, c6);
                v = DoubleVector.broadcast(SPECIES, w[c + 7]);
                a7 = h.fma(v, a7);
                c7 = g.fma(v, c7);
            }
            int y = j * stride;
            a0.intoArray(yT, y + i);
            c0.intoArray(yT, y + i2);
            a1.intoArray(yT, y + stride + i);
            c1.intoArray(yT, y + stride + i2);
            a2.intoArray(yT, y + 2 * stride + i);
            c2.intoArray(yT, y + 2 * stride + i2);
            a3.intoArray(yT, y + 3 * stride + i);
            c3.intoArray(yT, y + 3 * stride + i2);
            a4.intoArray(yT, y + 4 * stride + i);
            c4.intoArray(yT, y + 4 * stride + i2);
            a5.intoArray(yT, y + 5 * stride + i);
            c5.intoArray(yT, y + 5 * stride + i2);
            a6.intoArray(yT, y + 6 * stride + i);
            c6.intoArray(yT, y + 6 * stride + i2);
            a7.intoArray(yT, y + 7 * stride + i);
            c7.intoArray(yT, y + 7 * stride + i2);
        }
    }

    /** Units j … j + 3 of {@link #affine} over the whole vectors of rows [i0, bound). */
    private static void fourUnits(double[] xT, int stride, int in, double[] w, int colStep, double[] b, int j,
                                  double[] yT, int i0, int bound) {
        for (int i = i0; i < bound; i += 2 * SPECIES.length()) {
            int i2 = pairedVector(i, bound);
            DoubleVector a0 = DoubleVector.broadcast(SPECIES, biasOf(b, j));
            DoubleVector a1 = DoubleVector.broadcast(SPECIES, biasOf(b, j + 1));
            DoubleVector a2 = DoubleVector.broadcast(SPECIES, biasOf(b, j + 2));
            DoubleVector a3 = DoubleVector.broadcast(SPECIES, biasOf(b, j + 3));
            DoubleVector c0 = a0;
            DoubleVector c1 = a1;
            DoubleVector c2 = a2;
            DoubleVector c3 = a3;
            for (int k = 0, x = 0, c = j; k < in; k++, x += stride, c += colStep) {
                DoubleVector h = DoubleVector.fromArray(SPECIES, xT, x + i);
                DoubleVector g = DoubleVector.fromArray(SPECIES, xT, x + i2);
                DoubleVector v = DoubleVector.broadcast(SPECIES, w[c]);
                a0 = h.fma(v, a0);
                c0 = g.fma(v, c0);
                v = DoubleVector.broadcast(SPECIES, w[c + 1]);
                a1 = h.fma(v, a1);
                c1 = g.fma(v, c1);
                v = DoubleVector.broadcast(SPECIES, w[c + 2]);
                a2 = h.fma(v, a2);
                c2 = g.fma(v, c2);
                v = DoubleVector.broadcast(SPECIES, w[c + 3]);
                a3 = h.fma(v, a3);
                c3 = g.fma(v, c3);
            }
            int y = j * stride;
            a0.intoArray(yT, y + i);
            c0.intoArray(yT, y + i2);
            a1.intoArray(yT, y + stride + i);
            c1.intoArray(yT, y + stride + i2);
            a2.intoArray(yT, y + 2 * stride + i);
            c2.intoArray(yT, y + 2 * stride + i2);
            a3.intoArray(yT, y + 3 * stride + i);
            c3.intoArray(yT, y + 3 * stride + i2);
        }
    }

    /** Unit j of {@link #affine} over the whole vectors of rows [i0, bound): layers of fewer than four units. */
    private static void oneUnit(double[] xT, int stride, int in, double[] w, int colStep, double[] b, int j,
                                double[] yT, int i0, int bound) {
        for (int i = i0; i < bound; i += 2 * SPECIES.length()) {
            int i2 = pairedVector(i, bound);
            DoubleVector a0 = DoubleVector.broadcast(SPECIES, biasOf(b, j));
            DoubleVector c0 = a0;
            for (int k = 0, x = 0, c = j; k < in; k++, x += stride, c += colStep) {
                DoubleVector h = DoubleVector.fromArray(SPECIES, xT, x + i);
                DoubleVector g = DoubleVector.fromArray(SPECIES, xT, x + i2);
                DoubleVector v = DoubleVector.broadcast(SPECIES, w[c]);
                a0 = h.fma(v, a0);
                c0 = g.fma(v, c0);
            }
            int y = j * stride;
            a0.intoArray(yT, y + i);
            c0.intoArray(yT, y + i2);
        }
    }

    /** b[j], or 0 without a bias (the backward pass). Returns a double: see {@link #elu} on helpers with vectors. */
    private static double biasOf(double[] b, int j) {
        return b == null ? 0.0 : b[j];
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
