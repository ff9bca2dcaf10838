package io.jxplain.model.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions of the hot kernels, with the incubating Vector API (Java 17). Loaded only when the JVM has the
 * jdk.incubator.vector module ({@link Kernels#VECTOR}); otherwise the plain loops in {@link Network} and
 * {@link Activation} run. Why by hand: the JIT does not vectorise Math.exp, which dominates an ELU network (measured:
 * ELU forward ~2.5× slower than identity), and the API's EXP maps to a vectorised math library; the dense loops gain
 * from explicit fused multiply–adds. Every element goes through the same vector arithmetic — the last, partial
 * vector by masked loads and stores or a padded copy, never a scalar loop — so a row's result does not depend on its
 * position in the batch (the thread-count and batching tests check this).
 * Results agree with the plain path to within a few ulps (tested to 1e-12), not bit for bit.
 */
final class VectorKernels {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private VectorKernels() {
    }

    /** a[t] = max(z, 0) + α·(e^{min(z, 0)} − 1) for t &lt; length. */
    static void elu(double[] z, double[] a, int length, double alpha) {
        int bound = SPECIES.loopBound(length);
        int t = 0;
        for (; t < bound; t += SPECIES.length()) {
            eluVector(DoubleVector.fromArray(SPECIES, z, t), alpha).intoArray(a, t);
        }
        if (t < length) { // the last, partial vector through a padded copy, by the same instructions
            double[] pad = new double[SPECIES.length()];
            System.arraycopy(z, t, pad, 0, length - t);
            eluVector(DoubleVector.fromArray(SPECIES, pad, 0), alpha).intoArray(pad, 0);
            System.arraycopy(pad, 0, a, t, length - t);
        }
    }

    private static DoubleVector eluVector(DoubleVector v, double alpha) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        return v.max(zero).add(expNonPositive(v.min(zero)).sub(1.0).mul(alpha));
    }

    private static final double LN2_HI = 0.6931471803691238;     // ln 2 split in two (Cody & Waite 1980)
    private static final double LN2_LO = 1.9082149292705877e-10;
    private static final double ROUNDER = 6755399441055744.0;    // 1.5·2⁵²: adding and subtracting it rounds to an integer

    /**
     * e^x for x ≤ 0 from elementary IEEE operations only: x = k·ln 2 + r with |r| ≤ ln2/2, e^r by its Taylor series to
     * degree 13 (truncation below 1e-17), times 2^k built in the exponent bits. Not the Vector API's EXP: that one is
     * a native library once compiled and Java code before, and the two differ in the last bits, so results would
     * depend on JIT warm-up. Below −700 (e^x &lt; 1e-304) x is clamped: ELU's α(e^x − 1) is −α to that precision.
     */
    static DoubleVector expNonPositive(DoubleVector x) {
        DoubleVector xc = x.max(-700.0);
        DoubleVector k = xc.mul(1.4426950408889634).add(ROUNDER).sub(ROUNDER); // round(x / ln 2)
        DoubleVector r = k.mul(-LN2_HI).add(xc).sub(k.mul(LN2_LO));
        DoubleVector p = DoubleVector.broadcast(SPECIES, 1.0 / 6227020800.0); // 1/13!
        double[] inverseFactorials = {1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0,
            1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0};
        for (double c : inverseFactorials) {
            p = p.mul(r).add(c);
        }
        LongVector bits = ((LongVector) k.convert(VectorOperators.D2L, 0)).add(1023L).lanewise(VectorOperators.LSHL, 52);
        return p.mul(bits.reinterpretAsDoubles());
    }

    /**
     * zᵀ[j][i0..i1) += Σ_k w[j][k]·hᵀ[k][i0..i1) over the inputs k, for one output unit j: the dense layer's inner
     * loops as fused multiply–adds over the batch, one vector of rows at a time with its sum kept in a register.
     */
    static void denseUnit(double[] hT, int n, int in, double[] w, int wj, double[] zT, int zj, int i0, int i1) {
        int bound = i0 + SPECIES.loopBound(i1 - i0);
        int i = i0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector acc = DoubleVector.fromArray(SPECIES, zT, zj + i);
            for (int k = 0; k < in; k++) {
                acc = DoubleVector.fromArray(SPECIES, hT, k * n + i).fma(DoubleVector.broadcast(SPECIES, w[wj + k]), acc);
            }
            acc.intoArray(zT, zj + i);
        }
        if (i < i1) {
            VectorMask<Double> m = SPECIES.indexInRange(i, i1);
            DoubleVector acc = DoubleVector.fromArray(SPECIES, zT, zj + i, m);
            for (int k = 0; k < in; k++) {
                acc = DoubleVector.fromArray(SPECIES, hT, k * n + i, m).fma(DoubleVector.broadcast(SPECIES, w[wj + k]), acc);
            }
            acc.intoArray(zT, zj + i, m);
        }
    }

    /** ginᵀ[k][i0..i1) += Σ_j w[j][k]·gᵀ[j][i0..i1): the backward of {@link #denseUnit} for one input k. */
    static void denseBackwardUnit(double[] gT, int n, int out, double[] w, int in, int k, double[] ginT, int i0,
                                  int i1) {
        int hk = k * n;
        int bound = i0 + SPECIES.loopBound(i1 - i0);
        int i = i0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector acc = DoubleVector.fromArray(SPECIES, ginT, hk + i);
            for (int j = 0; j < out; j++) {
                acc = DoubleVector.fromArray(SPECIES, gT, j * n + i).fma(DoubleVector.broadcast(SPECIES, w[j * in + k]), acc);
            }
            acc.intoArray(ginT, hk + i);
        }
        if (i < i1) {
            VectorMask<Double> m = SPECIES.indexInRange(i, i1);
            DoubleVector acc = DoubleVector.fromArray(SPECIES, ginT, hk + i, m);
            for (int j = 0; j < out; j++) {
                acc = DoubleVector.fromArray(SPECIES, gT, j * n + i, m)
                        .fma(DoubleVector.broadcast(SPECIES, w[j * in + k]), acc);
            }
            acc.intoArray(ginT, hk + i, m);
        }
    }
}
