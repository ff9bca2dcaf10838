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

    /** ELU on whole vectors from 0; returns the first index not done. */
    static int elu(double[] z, double[] a, int length, double alpha) {
        int bound = SPECIES.loopBound(length);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int t = 0; t < bound; t += SPECIES.length()) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, z, t);
            v.max(zero).add(exp(v.min(zero)).sub(1.0).mul(alpha)).intoArray(a, t);
        }
        return bound;
    }

    /** {@link Kernels#expNonPositive(double)}, lane by lane. */
    private static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(Kernels.EXP_FLOOR);
        DoubleVector k = xc.mul(Kernels.INV_LN2).add(Kernels.ROUNDER).sub(Kernels.ROUNDER);
        DoubleVector r = k.mul(-Kernels.LN2_HI).add(xc).sub(k.mul(Kernels.LN2_LO));
        DoubleVector p = DoubleVector.broadcast(SPECIES, Kernels.EXP_COEFFICIENTS[0]);
        for (int c = 1; c < Kernels.EXP_COEFFICIENTS.length; c++) {
            p = p.mul(r).add(Kernels.EXP_COEFFICIENTS[c]);
        }
        LongVector bits = ((LongVector) k.convert(VectorOperators.D2L, 0)).add(1023L).lanewise(VectorOperators.LSHL, 52);
        return p.mul(bits.reinterpretAsDoubles());
    }

    /** {@link Kernels#denseUnit} on whole vectors of rows from i0; returns the first row not done. */
    static int denseUnit(double[] hT, int n, int in, double[] w, int wj, double[] zT, int zj, int i0, int i1) {
        int bound = i0 + SPECIES.loopBound(i1 - i0);
        int k = 0;
        for (; k + 3 < in; k += 4) { // four inputs per pass: one load and store of z per four FMAs
            DoubleVector w0 = DoubleVector.broadcast(SPECIES, w[wj + k]);
            DoubleVector w1 = DoubleVector.broadcast(SPECIES, w[wj + k + 1]);
            DoubleVector w2 = DoubleVector.broadcast(SPECIES, w[wj + k + 2]);
            DoubleVector w3 = DoubleVector.broadcast(SPECIES, w[wj + k + 3]);
            int h0 = k * n;
            for (int i = i0; i < bound; i += SPECIES.length()) {
                DoubleVector z = DoubleVector.fromArray(SPECIES, zT, zj + i);
                z = DoubleVector.fromArray(SPECIES, hT, h0 + i).fma(w0, z);
                z = DoubleVector.fromArray(SPECIES, hT, h0 + n + i).fma(w1, z);
                z = DoubleVector.fromArray(SPECIES, hT, h0 + 2 * n + i).fma(w2, z);
                z = DoubleVector.fromArray(SPECIES, hT, h0 + 3 * n + i).fma(w3, z);
                z.intoArray(zT, zj + i);
            }
        }
        for (; k < in; k++) {
            DoubleVector wk = DoubleVector.broadcast(SPECIES, w[wj + k]);
            int hk = k * n;
            for (int i = i0; i < bound; i += SPECIES.length()) {
                DoubleVector.fromArray(SPECIES, hT, hk + i).fma(wk, DoubleVector.fromArray(SPECIES, zT, zj + i))
                        .intoArray(zT, zj + i);
            }
        }
        return bound;
    }

    /** {@link Kernels#denseBackwardUnit} on whole vectors of rows from i0; returns the first row not done. */
    static int denseBackwardUnit(double[] gT, int n, int out, double[] w, int in, int k, double[] ginT, int i0, int i1) {
        int hk = k * n;
        int bound = i0 + SPECIES.loopBound(i1 - i0);
        int j = 0;
        for (; j + 3 < out; j += 4) {
            DoubleVector w0 = DoubleVector.broadcast(SPECIES, w[j * in + k]);
            DoubleVector w1 = DoubleVector.broadcast(SPECIES, w[(j + 1) * in + k]);
            DoubleVector w2 = DoubleVector.broadcast(SPECIES, w[(j + 2) * in + k]);
            DoubleVector w3 = DoubleVector.broadcast(SPECIES, w[(j + 3) * in + k]);
            int g0 = j * n;
            for (int i = i0; i < bound; i += SPECIES.length()) {
                DoubleVector acc = DoubleVector.fromArray(SPECIES, ginT, hk + i);
                acc = DoubleVector.fromArray(SPECIES, gT, g0 + i).fma(w0, acc);
                acc = DoubleVector.fromArray(SPECIES, gT, g0 + n + i).fma(w1, acc);
                acc = DoubleVector.fromArray(SPECIES, gT, g0 + 2 * n + i).fma(w2, acc);
                acc = DoubleVector.fromArray(SPECIES, gT, g0 + 3 * n + i).fma(w3, acc);
                acc.intoArray(ginT, hk + i);
            }
        }
        for (; j < out; j++) {
            DoubleVector wjk = DoubleVector.broadcast(SPECIES, w[j * in + k]);
            int gj = j * n;
            for (int i = i0; i < bound; i += SPECIES.length()) {
                DoubleVector.fromArray(SPECIES, gT, gj + i).fma(wjk, DoubleVector.fromArray(SPECIES, ginT, hk + i))
                        .intoArray(ginT, hk + i);
            }
        }
        return bound;
    }
}
