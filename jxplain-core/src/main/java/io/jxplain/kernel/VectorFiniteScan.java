package io.jxplain.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD half of {@link FiniteScan}: the same flags, lane by lane, over whole vectors. Loaded only when the JVM has
 * the jdk.incubator.vector module.
 */
final class VectorFiniteScan {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;

    private VectorFiniteScan() {
    }

    /** The end of the whole vectors of a range of {@code length} from {@code from}: where the scalar code takes over. */
    static int wholeVectorsEnd(int from, int length) {
        return LONGS.length() == DOUBLES.length() ? from + DOUBLES.loopBound(length) : from;
    }

    /** {@link FiniteScan#flag} of every value in a[from, end), ORed; end − from a multiple of the vector length. */
    static long flags(double[] a, int from, int end) {
        LongVector flags = LongVector.zero(LONGS);
        for (int t = from; t < end; t += DOUBLES.length()) {
            LongVector bits = (LongVector) DoubleVector.fromArray(DOUBLES, a, t).viewAsIntegralLanes();
            // and-then-xor rather than not(): Java 17's C2 did not compile LongVector.not to SIMD code (4× slower)
            flags = flags.or(bits.and(FiniteScan.EXPONENT).lanewise(VectorOperators.XOR, FiniteScan.EXPONENT).sub(1L));
        }
        return flags.reduceLanes(VectorOperators.OR);
    }
}
