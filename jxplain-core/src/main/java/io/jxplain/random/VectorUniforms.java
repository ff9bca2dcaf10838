package io.jxplain.random;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD half of {@link SymmetricUniforms}: the same operations, lane l of a vector being draw c + l. Loaded only
 * when the JVM has the jdk.incubator.vector module.
 */
final class VectorUniforms {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final int LANES = DOUBLES.length();
    /** l·γ for lane l: draw c + l's counter is l steps after draw c's. */
    private static final long[] LANE_OFFSETS = new long[LANES];

    static {
        for (int l = 0; l < LANES; l++) {
            LANE_OFFSETS[l] = l * StandardNormals.GAMMA;
        }
    }

    private VectorUniforms() {
    }

    /** Writes draws 0 … of key {@code key} in whole vectors at out[offset …]; returns the number written. */
    static int fill(long key, double[] out, int offset, int count) {
        if (LONGS.length() != LANES) {
            return 0; // lane shapes this code does not handle: the scalar code does it all
        }
        int bound = DOUBLES.loopBound(count);
        LongVector lanes = LongVector.fromArray(LONGS, LANE_OFFSETS, 0);
        for (int c = 0; c < bound; c += LANES) {
            // RandomStreams.mix, lane by lane
            LongVector z = lanes.add(key + (c + 1L) * StandardNormals.GAMMA);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            DoubleVector v = (DoubleVector) z.lanewise(VectorOperators.LSHR, 12).or(StandardNormals.ONE_BITS)
                    .viewAsFloatingLanes();
            v.mul(2.0).sub(3.0).intoArray(out, offset + c);
        }
        return bound;
    }
}
