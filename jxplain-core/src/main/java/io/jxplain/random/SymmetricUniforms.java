package io.jxplain.random;

/**
 * Uniform draws on [−1, 1) in bulk, for the uniform-box perturbation (max- and avg-sensitivity draw a thousand
 * coordinates per instance). One {@code nextDouble} per coordinate through a {@code RandomGenerator} took ~5 ns a draw
 * and a sixth of max-sensitivity; these are counter-based, so they run as SIMD code ({@link VectorUniforms}) and
 * the scalar twin below gives the same bits.
 * <p>
 * Definition (fixed: seeded results depend on it). Draw c of key k takes SplitMix64's output mix(k + (c + 1)·γ) (the
 * c-th {@code nextLong()} of {@code new SplittableRandom(k)}, as {@link StandardNormals}), puts its top 52 bits in
 * the mantissa of v in [1, 2), and returns 2v − 3: a multiple of 2⁻⁵¹, exact, every one equally likely.
 */
public final class SymmetricUniforms {
    private SymmetricUniforms() {
    }

    /** Draws 0 … count − 1 of key {@code key} into out[offset …]; {@code simd} false forces the scalar code. */
    public static void fill(long key, double[] out, int offset, int count, boolean simd) {
        if (offset < 0 || count < 0 || offset + count > out.length) {
            throw new IllegalArgumentException("cannot write " + count + " draws at " + offset + " into " + out.length);
        }
        int c = simd ? VectorUniforms.fill(key, out, offset, count) : 0;
        for (; c < count; c++) {
            out[offset + c] = draw(key, c);
        }
    }

    /** Draw c of key {@code key}. */
    public static double draw(long key, long c) {
        long bits = RandomStreams.mix(key + (c + 1) * StandardNormals.GAMMA);
        return Double.longBitsToDouble((bits >>> 12) | StandardNormals.ONE_BITS) * 2.0 - 3.0;
    }
}
