package io.jxplain.random;

import io.jxplain.kernel.Simd;

import java.util.random.RandomGenerator;

/**
 * One sequence of standard normal draws ({@link StandardNormals}' definition), read in parts: each call continues
 * where the last stopped, so drawing n values in chunks of any size gives the same values as drawing them at once
 * (explainers that bound the rows per model call rely on this).
 */
public final class NormalDraws {
    private final long key;
    private long position;

    private NormalDraws(long key) {
        this.key = key;
    }

    /** A new sequence keyed by one long from {@code rng}. */
    public static NormalDraws from(RandomGenerator rng) {
        return new NormalDraws(rng.nextLong());
    }

    /** The next {@code count} draws, written to out[offset … offset + count). */
    public void next(double[] out, int offset, int count) {
        StandardNormals.fill(key, position, out, offset, count, Simd.ENABLED);
        position += count;
    }
}
