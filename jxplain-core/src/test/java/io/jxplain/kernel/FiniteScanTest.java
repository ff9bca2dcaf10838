package io.jxplain.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiniteScanTest {

    @Test
    void findsTheFirstNonFiniteValueWhereverItIs() {
        assertTrue(Simd.ENABLED, "surefire's argLine must add jdk.incubator.vector, or the SIMD path goes untested");
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.longBitsToDouble(0x7FF0000000000001L), Double.longBitsToDouble(0xFFF8000000000000L)};
        double[] fine = {0.0, -0.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, 1.0, -3.5};
        for (int length = 0; length <= 37; length++) {
            for (int from = 0; from <= Math.min(3, length); from++) {
                double[] a = new double[length];
                for (int t = 0; t < length; t++) {
                    a[t] = fine[t % fine.length];
                }
                assertEquals(-1, FiniteScan.firstNonFinite(a, from, length), "all finite, length " + length);
                for (int at = 0; at < length; at++) {
                    for (double b : bad) {
                        double[] c = a.clone();
                        c[at] = b;
                        c[length - 1] = at == length - 1 ? b : Double.NaN; // a later one must not win
                        int expected = at >= from ? at : length - 1 >= from ? length - 1 : -1;
                        assertEquals(expected, FiniteScan.firstNonFinite(c, from, length),
                                "length " + length + ", from " + from + ", " + b + " at " + at);
                        assertEquals(at >= from && at < length - 1 ? at : -1,
                                FiniteScan.firstNonFinite(withFinite(c, length - 1), from, length), "only at " + at);
                    }
                }
            }
        }
    }

    private static double[] withFinite(double[] c, int at) {
        double[] d = c.clone();
        d[at] = 2.0;
        return d;
    }
}
