package io.jxplain.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD half of {@link RunningMoments#addColumns}: the same operations on a vector of consecutive rows, row r going
 * to lane r mod 8 as in the scalar code. Loaded only when the JVM has the jdk.incubator.vector module.
 */
final class VectorMoments {
    /** At most {@link RunningMoments#LANES} lanes (a wider machine vector would mix lanes). */
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED.length() <= RunningMoments.LANES
            ? DoubleVector.SPECIES_PREFERRED : DoubleVector.SPECIES_512;

    private VectorMoments() {
    }

    /** Rows first … first + rows − 1 (rows a multiple of LANES, the first one in lane 0) into the lane sums. */
    static void addColumns(double[] t, int stride, int first, int rows, int d, double[] shift, double[] sum,
                           double[] sumSq) {
        int lanes = RunningMoments.LANES;
        for (int j = 0; j < d; j++) {
            DoubleVector s0 = DoubleVector.broadcast(SPECIES, shift[j]);
            for (int h = 0; h < lanes; h += SPECIES.length()) {
                DoubleVector s = DoubleVector.fromArray(SPECIES, sum, j * lanes + h);
                DoubleVector q = DoubleVector.fromArray(SPECIES, sumSq, j * lanes + h);
                for (int r = 0, p = j * stride + first + h; r < rows; r += lanes, p += lanes) {
                    DoubleVector v = DoubleVector.fromArray(SPECIES, t, p).sub(s0);
                    s = s.add(v);
                    q = v.fma(v, q);
                }
                s.intoArray(sum, j * lanes + h);
                q.intoArray(sumSq, j * lanes + h);
            }
        }
    }
}
