package io.jxplain.random;


/**
 * Standard normal draws in bulk: the sampler behind every Gaussian perturbation. {@code nextGaussian} costs ~6 ns a
 * draw (a ziggurat with branches and one virtual call per uniform; Commons RNG's ziggurat measured the same here),
 * which was a fifth of a SmoothGrad explanation at n = 100; this sampler has no branch per draw, so it runs as SIMD
 * code ({@link VectorNormals}) and its scalar twin below performs exactly the same IEEE operations: the draws are
 * bit-identical with and without the Vector API.
 * <p>
 * Definition (fixed: seeded results depend on it). One key k = rng.nextLong() per {@link NormalDraws}; uniform c is
 * SplitMix64's output mix(k + (c + 1)·γ), i.e. the c-th {@code nextLong()} of {@code new SplittableRandom(k)}. Draws
 * come in blocks of 16 from 8 Box–Muller pairs (Box &amp; Muller 1958): pair l of block b reads uniforms 16b + 2l (for
 * the radius r = √(−2 ln u₁), u₁ in (0, 1]) and 16b + 2l + 1 (its top two bits pick the quadrant q, the next 50 the
 * angle t in [−π/4, π/4): θ = q·π/2 + t is uniform on a full turn), and gives draw 16b + l = r·cos θ and draw
 * 16b + 8 + l = r·sin θ. The logarithm, sine and cosine are polynomials of elementary operations (within ~2 ulps of
 * Math.log, Math.sin, Math.cos; tested), since the JDK's are not guaranteed to give the same bits as SIMD code.
 */
public final class StandardNormals {
    static final int BLOCK = 16;
    static final int PAIRS = BLOCK / 2;
    static final long GAMMA = 0x9E3779B97F4A7C15L;                 // SplitMix64's increment (the golden ratio)
    static final long ONE_BITS = 0x3FF0000000000000L;              // the exponent bits of [1, 2)
    static final long MANTISSA = 0x000FFFFFFFFFFFFFL;
    static final double SQRT2 = 1.4142135623730951;
    static final double LN2 = 0.6931471805599453;
    static final double HALF_PI = 1.5707963267948966;
    static final double ROUNDER = 6755399441055744.0;              // 1.5·2⁵²: its bits + n are the bits of ROUNDER + n
    static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    static final double EXPONENT_BIAS_PLUS_ROUNDER = ROUNDER + 1023.0;
    /** ln m = 2s·Σ s^{2k}/(2k + 1), s = (m − 1)/(m + 1), |s| ≤ 0.172 on [√½, √2]: k ≤ 10 leaves &lt; 1e-18. */
    static final double[] LOG_COEFFICIENTS = {1.0 / 21, 1.0 / 19, 1.0 / 17, 1.0 / 15, 1.0 / 13, 1.0 / 11, 1.0 / 9,
        1.0 / 7, 1.0 / 5, 1.0 / 3, 1.0};
    /** sin t = t·Σ (−t²)^k/(2k + 1)!, |t| ≤ π/4: k ≤ 8 leaves &lt; 1e-19. */
    static final double[] SIN_COEFFICIENTS = {1.0 / 355687428096000.0, -1.0 / 1307674368000.0, 1.0 / 6227020800.0,
        -1.0 / 39916800.0, 1.0 / 362880.0, -1.0 / 5040.0, 1.0 / 120.0, -1.0 / 6.0, 1.0};
    /** cos t = Σ (−t²)^k/(2k)!, |t| ≤ π/4: k ≤ 8 leaves &lt; 1e-17. */
    static final double[] COS_COEFFICIENTS = {1.0 / 20922789888000.0, -1.0 / 87178291200.0, 1.0 / 479001600.0,
        -1.0 / 3628800.0, 1.0 / 40320.0, -1.0 / 720.0, 1.0 / 24.0, -1.0 / 2.0, 1.0};

    private StandardNormals() {
    }

    /**
     * Draws first … first + count − 1 of key {@code key} into out[offset …]; {@code simd} false forces the scalar code
     * (tests compare the two).
     */
    static void fill(long key, long first, double[] out, int offset, int count, boolean simd) {
        if (offset < 0 || count < 0 || offset + count > out.length) {
            throw new IllegalArgumentException("cannot write " + count + " draws at " + offset + " into " + out.length);
        }
        long end = first + count;
        long block = first / BLOCK;
        int done = 0;
        if (first % BLOCK != 0) { // the rest of a block begun by an earlier call
            done = (int) Math.min(count, (block + 1) * BLOCK - first);
            partialBlock(key, block++, (int) (first % BLOCK), out, offset, done);
        }
        long fullBlocks = (end - first - done) / BLOCK;
        long b = simd ? VectorNormals.fillBlocks(key, block, fullBlocks, out, offset + done) : 0;
        for (; b < fullBlocks; b++) {
            block(key, block + b, out, offset + done + (int) b * BLOCK);
        }
        done += (int) fullBlocks * BLOCK;
        if (done < count) {
            partialBlock(key, block + fullBlocks, 0, out, offset + done, count - done);
        }
    }

    private static void partialBlock(long key, long b, int from, double[] out, int at, int count) {
        double[] whole = new double[BLOCK];
        block(key, b, whole, 0);
        System.arraycopy(whole, from, out, at, count);
    }

    /** Block b of key {@code key}, written to out[at … at + 16). */
    private static void block(long key, long b, double[] out, int at) {
        for (int l = 0; l < PAIRS; l++) {
            long state = key + (BLOCK * b + 2L * l + 1) * GAMMA;
            long radiusBits = RandomStreams.mix(state);
            long angleBits = RandomStreams.mix(state + GAMMA);
            double u1 = 2.0 - Double.longBitsToDouble((radiusBits >>> 12) | ONE_BITS); // (0, 1]
            double r = Math.sqrt(-2.0 * log(u1));
            long q = angleBits >>> 62;
            double f = Double.longBitsToDouble(((angleBits << 2) >>> 12) | ONE_BITS) - 1.0; // [0, 1)
            double t = (f - 0.5) * HALF_PI;
            double t2 = t * t;
            long sinBits = Double.doubleToRawLongBits(t * horner(SIN_COEFFICIENTS, t2));
            long cosBits = Double.doubleToRawLongBits(horner(COS_COEFFICIENTS, t2));
            // (cos θ, sin θ) from (cos t, sin t): swapped in odd quadrants, cos θ negative in quadrants 1 and 2, sin θ in 2 and 3
            long swap = -(q & 1) & (cosBits ^ sinBits);
            long cosTheta = cosBits ^ swap ^ ((((q + 1) >>> 1) & 1) << 63);
            long sinTheta = sinBits ^ swap ^ ((q >>> 1) << 63);
            out[at + l] = r * Double.longBitsToDouble(cosTheta);
            out[at + PAIRS + l] = r * Double.longBitsToDouble(sinTheta);
        }
    }

    /** ln u for u in (0, 1]: u = m·2^e with m in [√½, √2), then the atanh series of ln m. */
    static double log(double u) {
        long bits = Double.doubleToRawLongBits(u);
        double e = Double.longBitsToDouble((bits >>> 52) + ROUNDER_BITS) - EXPONENT_BIAS_PLUS_ROUNDER;
        double m = Double.longBitsToDouble((bits & MANTISSA) | ONE_BITS);
        if (m > SQRT2) {
            m = m * 0.5;
            e = e + 1.0;
        }
        double s = (m - 1.0) / (m + 1.0);
        return Math.fma(e, LN2, 2.0 * s * horner(LOG_COEFFICIENTS, s * s));
    }

    private static double horner(double[] c, double x) {
        double p = c[0];
        for (int k = 1; k < c.length; k++) {
            p = Math.fma(p, x, c[k]);
        }
        return p;
    }
}
