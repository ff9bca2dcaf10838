package io.jxplain.random;

import io.jxplain.Setting;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Seeded random streams. One seed gives an independent stream per instance, chosen by index, so a result never
 * depends on which thread computed it or in which order. Nothing in jxplain draws from global random state.
 */
public final class RandomStreams {
    /** The seed of a run: row i draws from its own stream {@link #childSeed}(seed, i). */
    public static final Setting<Long> SEED = Setting.anyLong("seed", 42,
            "Seed of every random choice (data splits, training, sampling); row i draws from its own stream split"
                    + " from it, so results do not depend on threads.");

    private RandomStreams() {
    }

    /** The stream for {@code seed}. */
    public static RandomGenerator stream(long seed) {
        return new SplittableRandom(mix(seed));
    }

    /**
     * The seed of instance {@code index} under {@code seed}: a SplitMix64 finaliser of the pair, so that
     * neighbouring indices (and neighbouring seeds) give unrelated streams.
     */
    public static long childSeed(long seed, long index) {
        return mix(mix(seed) ^ (index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L));
    }

    // SplitMix64's output function (Steele, Lea & Flood 2014): a bijection that scrambles all 64 bits.
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
