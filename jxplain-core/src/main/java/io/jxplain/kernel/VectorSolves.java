package io.jxplain.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD half of {@code GaussianProcess.sds}: the subtractions of earlier rows from four rows of side-by-side
 * forward solves, on whole vectors of points, with exactly the scalar code's operations per point (a multiply, then a
 * subtraction, row j after row j). Four rows share each load of an earlier row, which quarters the traffic from the
 * cache that bound the one-row loop. Loaded only when the JVM has the jdk.incubator.vector module.
 */
public final class VectorSolves {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private VectorSolves() {
    }

    /**
     * v[i + r][c] −= Σ_{j&lt;i} l[r][j]·v[j][c] (term by term, j in order) for r in 0..3 and every point c in [0, w)
     * (the last vector masked).
     */
    public static void fourRows(double[][] v, double[] l0, double[] l1, double[] l2, double[] l3, int i, int w) {
        int lanes = SPECIES.length();
        double[] v0 = v[i];
        double[] v1 = v[i + 1];
        double[] v2 = v[i + 2];
        double[] v3 = v[i + 3];
        for (int c = 0; c < w; c += lanes) {
            VectorMask<Double> in = SPECIES.indexInRange(c, w);
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, v0, c, in);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, v1, c, in);
            DoubleVector a2 = DoubleVector.fromArray(SPECIES, v2, c, in);
            DoubleVector a3 = DoubleVector.fromArray(SPECIES, v3, c, in);
            for (int j = 0; j < i; j++) {
                DoubleVector x = DoubleVector.fromArray(SPECIES, v[j], c, in);
                a0 = a0.sub(x.mul(l0[j]));
                a1 = a1.sub(x.mul(l1[j]));
                a2 = a2.sub(x.mul(l2[j]));
                a3 = a3.sub(x.mul(l3[j]));
            }
            a0.intoArray(v0, c, in);
            a1.intoArray(v1, c, in);
            a2.intoArray(v2, c, in);
            a3.intoArray(v3, c, in);
        }
    }
}
