package io.jxplain.kernel;

/**
 * Where the first NaN or ±∞ of a range is, for the checks on every input and every model output. A value is not
 * finite exactly when its eleven exponent bits are all ones; one branch-free pass ORs, over the range, a word whose
 * sign bit is set only then, and only a range that fails is scanned again to name the value. The pass runs on SIMD
 * vectors ({@link VectorFiniteScan}) when the Vector API is there: a per-value test was a tenth of max-sensitivity.
 */
public final class FiniteScan {
    static final long EXPONENT = 0x7FF0000000000000L;

    private FiniteScan() {
    }

    /** The index of the first value in a[from, to) that is NaN or infinite, or −1 when all are finite. */
    public static int firstNonFinite(double[] a, int from, int to) {
        int t = Simd.ENABLED ? VectorFiniteScan.wholeVectorsEnd(from, to - from) : from;
        long flags = t > from ? VectorFiniteScan.flags(a, from, t) : 0;
        for (; t < to; t++) {
            flags |= flag(a[t]);
        }
        if (flags >= 0) {
            return -1;
        }
        for (int s = from; s < to; s++) { // something is not finite: name the first one
            if (!Double.isFinite(a[s])) {
                return s;
            }
        }
        throw new AssertionError("a flag was set but every value is finite");
    }

    /** Negative exactly when v is NaN or ±∞: its exponent bits xor all ones are then zero, and 0 − 1 &lt; 0. */
    static long flag(double v) {
        return ((Double.doubleToRawLongBits(v) & EXPONENT) ^ EXPONENT) - 1;
    }
}
