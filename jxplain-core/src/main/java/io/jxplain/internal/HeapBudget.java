package io.jxplain.internal;

import java.util.Locale;

/**
 * Checks, before a large allocation, that it fits in what the JVM's heap has left, so that a size taken from data or
 * options (a hidden layer of 10⁹ units, a class label of 10⁹, a million-step path) fails at once with a message naming
 * it, instead of after minutes of swapping with an out-of-memory error that names nothing.
 */
public final class HeapBudget {
    private HeapBudget() {
    }

    /** Thrown when an allocation would not fit; the message names what needed the memory and how much. */
    public static final class Exceeded extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message);
        }
    }

    /**
     * Throws {@link Exceeded} unless {@code bytes} more fit in the heap. {@code what} names the allocation for the
     * message, e.g. "--hidden 1000000000: the first layer's weights".
     */
    public static void require(String what, long bytes) {
        if (bytes < 0) {
            throw new Exceeded(what + " has a size beyond what a Java array can hold");
        }
        if (bytes <= available()) {
            return;
        }
        System.gc(); // only near the limit: what looked used may be garbage
        long free = available();
        if (bytes > free) {
            throw new Exceeded(what + " needs " + bytes(bytes) + ", more than the " + bytes(free)
                    + " this JVM has free (heap limit " + bytes(Runtime.getRuntime().maxMemory()) + ")");
        }
    }

    /** Bytes the heap can still grow into: its limit less what is in use. */
    public static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** "8.0 GB", "512 MB", "96 kB", "12 bytes". */
    public static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return String.format(Locale.ROOT, "%.0f MB", n / (double) (1L << 20));
        }
        if (n >= 1L << 10) {
            return String.format(Locale.ROOT, "%.0f kB", n / (double) (1L << 10));
        }
        return n + " bytes";
    }

    /** {@code a · b · c} in bytes of doubles, or −1 when it overflows a long. */
    public static long doubles(long... factors) {
        long n = 8;
        for (long f : factors) {
            if (f < 0) {
                return -1;
            }
            try {
                n = Math.multiplyExact(n, f);
            } catch (ArithmeticException overflow) {
                return -1;
            }
        }
        return n;
    }
}
