package io.jxplain.internal;

import io.jxplain.kernel.FiniteScan;
import org.ejml.data.DMatrixRMaj;

/** Input validation shared by every public entry point: one place, one wording. */
public final class Checks {
    private Checks() {
    }

    /** Refuses a value that is not finite and above zero, naming it. */
    public static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + value);
        }
    }

    /** Refuses a count that is not above zero, naming it. */
    public static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** Refuses a value outside the open interval (low, high), naming it. */
    public static void requireInRange(String name, double value, double lowExclusive, double highExclusive) {
        if (!(value > lowExclusive && value < highExclusive)) {
            throw new IllegalArgumentException(
                    name + " must lie strictly between " + lowExclusive + " and " + highExclusive + ", got " + value);
        }
    }

    /** A finite vector of the expected length. */
    public static void requireVector(String name, double[] v, int expectedLength) {
        if (v == null) {
            throw new IllegalArgumentException(name + " is missing (null)");
        }
        if (v.length != expectedLength) {
            throw new IllegalArgumentException(
                    name + " has " + v.length + " features but the model expects " + expectedLength);
        }
        requireFinite(name, v);
    }

    /** Refuses an array holding NaN or ±∞, naming the first such entry. */
    public static void requireFinite(String name, double[] v) {
        int j = FiniteScan.firstNonFinite(v, 0, v.length);
        if (j >= 0) {
            throw new IllegalArgumentException(name + "[" + j + "] is " + v[j] + "; inputs must be finite");
        }
    }

    /** A non-empty, finite matrix with the expected number of columns. */
    public static void requireRows(String name, DMatrixRMaj m, int expectedColumns) {
        if (m == null) {
            throw new IllegalArgumentException(name + " is missing (null)");
        }
        if (m.numRows == 0) {
            throw new IllegalArgumentException(name + " has no rows");
        }
        requireFiniteRows(name, m, 0, m.numRows, expectedColumns);
    }

    /** Rows [from, to) of {@code m}: the expected width, every value finite. */
    public static void requireFiniteRows(String name, DMatrixRMaj m, int from, int to, int expectedColumns) {
        if (m.numCols != expectedColumns) {
            throw new IllegalArgumentException(
                    name + " has " + m.numCols + " columns but the model expects " + expectedColumns);
        }
        int d = m.numCols;
        int t = FiniteScan.firstNonFinite(m.data, from * d, to * d);
        if (t >= 0) {
            throw new IllegalArgumentException(
                    name + " row " + t / d + ", column " + t % d + " is " + m.data[t] + "; inputs must be finite");
        }
    }
}
