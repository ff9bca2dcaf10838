package io.jxplain.random;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD half of {@link StandardNormals}: the same operations on vectors of Box–Muller pairs, lane l of a block
 * being pair l. Loaded only when the JVM has the jdk.incubator.vector module.
 */
final class VectorNormals {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final int LANES = DOUBLES.length();
    /** (2l)·γ for the pairs of each vector of a block: pair l's first uniform is 2l after the block's first. */
    private static final long[] PAIR_OFFSETS = new long[StandardNormals.PAIRS];

    static {
        for (int l = 0; l < PAIR_OFFSETS.length; l++) {
            PAIR_OFFSETS[l] = 2L * l * StandardNormals.GAMMA;
        }
    }

    private VectorNormals() {
    }

    /**
     * Writes blocks first … first + blocks − 1 of key {@code key} at out[offset …]; returns the number written. One method
     * of straight-line code on purpose: C2 will not inline a helper it has already compiled on its own, and a helper
     * that takes or returns vectors then boxes them (a Horner helper made this 10× slower than the scalar code). The
     * polynomials are written out term by term, so no vector is carried around a loop.
     */
    static long fillBlocks(long key, long first, long blocks, double[] out, int offset) {
        if (LONGS.length() != LANES || StandardNormals.PAIRS % LANES != 0) {
            return 0; // lane shapes this code does not handle: the scalar code does it all
        }
        for (int b = 0; b < blocks; b++) {
            long state = key + (StandardNormals.BLOCK * (first + b) + 1) * StandardNormals.GAMMA;
            int at = offset + b * StandardNormals.BLOCK;
            for (int l = 0; l < StandardNormals.PAIRS; l += LANES) {
                // two SplitMix64 outputs per pair (RandomStreams.mix, lane by lane)
                LongVector radiusBits = LongVector.fromArray(LONGS, PAIR_OFFSETS, l).add(state);
                LongVector angleBits = radiusBits.add(StandardNormals.GAMMA);
                radiusBits = radiusBits.lanewise(VectorOperators.XOR, radiusBits.lanewise(VectorOperators.LSHR, 30))
                        .mul(0xBF58476D1CE4E5B9L);
                radiusBits = radiusBits.lanewise(VectorOperators.XOR, radiusBits.lanewise(VectorOperators.LSHR, 27))
                        .mul(0x94D049BB133111EBL);
                radiusBits = radiusBits.lanewise(VectorOperators.XOR, radiusBits.lanewise(VectorOperators.LSHR, 31));
                angleBits = angleBits.lanewise(VectorOperators.XOR, angleBits.lanewise(VectorOperators.LSHR, 30))
                        .mul(0xBF58476D1CE4E5B9L);
                angleBits = angleBits.lanewise(VectorOperators.XOR, angleBits.lanewise(VectorOperators.LSHR, 27))
                        .mul(0x94D049BB133111EBL);
                angleBits = angleBits.lanewise(VectorOperators.XOR, angleBits.lanewise(VectorOperators.LSHR, 31));

                // the radius: StandardNormals.log of u₁ in (0, 1]
                DoubleVector u = DoubleVector.broadcast(DOUBLES, 2.0).sub((DoubleVector) radiusBits
                        .lanewise(VectorOperators.LSHR, 12).or(StandardNormals.ONE_BITS).viewAsFloatingLanes());
                LongVector uBits = (LongVector) u.viewAsIntegralLanes();
                DoubleVector e = ((DoubleVector) uBits.lanewise(VectorOperators.LSHR, 52).add(StandardNormals.ROUNDER_BITS)
                        .viewAsFloatingLanes()).sub(StandardNormals.EXPONENT_BIAS_PLUS_ROUNDER);
                DoubleVector m = (DoubleVector) uBits.and(StandardNormals.MANTISSA).or(StandardNormals.ONE_BITS)
                        .viewAsFloatingLanes();
                VectorMask<Double> high = m.compare(VectorOperators.GT, StandardNormals.SQRT2);
                m = m.blend(m.mul(0.5), high);
                e = e.blend(e.add(1.0), high);
                DoubleVector s = m.sub(1.0).div(m.add(1.0));
                DoubleVector s2 = s.mul(s);
                DoubleVector p = DoubleVector.broadcast(DOUBLES, StandardNormals.LOG_COEFFICIENTS[0]);
                p = p.lanewise(VectorOperators.FMA, s2, StandardNormals.LOG_COEFFICIENTS[1]);
                p = p.lanewise(VectorOperators.FMA, s2, StandardNormals.LOG_COEFFICIENTS[2]);
                p = p.lanewise(VectorOperators.FMA, s2, StandardNormals.LOG_COEFFICIENTS[3]);
                p = p.lanewise(VectorOperators.FMA, s2, StandardNormals.LOG_COEFFICIENTS[4]);
                p = p.lanewise(VectorOperators.FMA, s2, StandardNormals.LOG_COEFFICIENTS[5]);
                p = p.lanewise(VectorOperators.FMA, s2, StandardNormals.LOG_COEFFICIENTS[6]);
                p = p.lanewise(VectorOperators.FMA, s2, StandardNormals.LOG_COEFFICIENTS[7]);
                p = p.lanewise(VectorOperators.FMA, s2, StandardNormals.LOG_COEFFICIENTS[8]);
                p = p.lanewise(VectorOperators.FMA, s2, StandardNormals.LOG_COEFFICIENTS[9]);
                p = p.lanewise(VectorOperators.FMA, s2, StandardNormals.LOG_COEFFICIENTS[10]);
                DoubleVector logU = e.lanewise(VectorOperators.FMA, StandardNormals.LN2, s.mul(2.0).mul(p));
                DoubleVector r = logU.mul(-2.0).lanewise(VectorOperators.SQRT);

                // the angle: quadrant q from the top two bits, t in [−π/4, π/4) from the next 50
                LongVector q = angleBits.lanewise(VectorOperators.LSHR, 62);
                DoubleVector f = ((DoubleVector) angleBits.lanewise(VectorOperators.LSHL, 2)
                        .lanewise(VectorOperators.LSHR, 12).or(StandardNormals.ONE_BITS).viewAsFloatingLanes()).sub(1.0);
                DoubleVector t = f.sub(0.5).mul(StandardNormals.HALF_PI);
                DoubleVector t2 = t.mul(t);
                DoubleVector sin = DoubleVector.broadcast(DOUBLES, StandardNormals.SIN_COEFFICIENTS[0]);
                sin = sin.lanewise(VectorOperators.FMA, t2, StandardNormals.SIN_COEFFICIENTS[1]);
                sin = sin.lanewise(VectorOperators.FMA, t2, StandardNormals.SIN_COEFFICIENTS[2]);
                sin = sin.lanewise(VectorOperators.FMA, t2, StandardNormals.SIN_COEFFICIENTS[3]);
                sin = sin.lanewise(VectorOperators.FMA, t2, StandardNormals.SIN_COEFFICIENTS[4]);
                sin = sin.lanewise(VectorOperators.FMA, t2, StandardNormals.SIN_COEFFICIENTS[5]);
                sin = sin.lanewise(VectorOperators.FMA, t2, StandardNormals.SIN_COEFFICIENTS[6]);
                sin = sin.lanewise(VectorOperators.FMA, t2, StandardNormals.SIN_COEFFICIENTS[7]);
                sin = sin.lanewise(VectorOperators.FMA, t2, StandardNormals.SIN_COEFFICIENTS[8]);
                DoubleVector cos = DoubleVector.broadcast(DOUBLES, StandardNormals.COS_COEFFICIENTS[0]);
                cos = cos.lanewise(VectorOperators.FMA, t2, StandardNormals.COS_COEFFICIENTS[1]);
                cos = cos.lanewise(VectorOperators.FMA, t2, StandardNormals.COS_COEFFICIENTS[2]);
                cos = cos.lanewise(VectorOperators.FMA, t2, StandardNormals.COS_COEFFICIENTS[3]);
                cos = cos.lanewise(VectorOperators.FMA, t2, StandardNormals.COS_COEFFICIENTS[4]);
                cos = cos.lanewise(VectorOperators.FMA, t2, StandardNormals.COS_COEFFICIENTS[5]);
                cos = cos.lanewise(VectorOperators.FMA, t2, StandardNormals.COS_COEFFICIENTS[6]);
                cos = cos.lanewise(VectorOperators.FMA, t2, StandardNormals.COS_COEFFICIENTS[7]);
                cos = cos.lanewise(VectorOperators.FMA, t2, StandardNormals.COS_COEFFICIENTS[8]);
                LongVector sinBits = (LongVector) t.mul(sin).viewAsIntegralLanes();
                LongVector cosBits = (LongVector) cos.viewAsIntegralLanes();
                // odd quadrants swap cos and sin (all-ones lanes from q's low bit); signs as in StandardNormals.block
                LongVector swap = q.lanewise(VectorOperators.LSHL, 63).lanewise(VectorOperators.ASHR, 63)
                        .and(cosBits.lanewise(VectorOperators.XOR, sinBits));
                LongVector cosTheta = cosBits.lanewise(VectorOperators.XOR, swap).lanewise(VectorOperators.XOR,
                        q.add(1L).lanewise(VectorOperators.LSHR, 1).lanewise(VectorOperators.LSHL, 63));
                LongVector sinTheta = sinBits.lanewise(VectorOperators.XOR, swap).lanewise(VectorOperators.XOR,
                        q.lanewise(VectorOperators.LSHR, 1).lanewise(VectorOperators.LSHL, 63));
                r.mul((DoubleVector) cosTheta.viewAsFloatingLanes()).intoArray(out, at + l);
                r.mul((DoubleVector) sinTheta.viewAsFloatingLanes()).intoArray(out, at + StandardNormals.PAIRS + l);
            }
        }
        return blocks;
    }
}
