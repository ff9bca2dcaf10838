package io.jxplain.model.nn;

import java.util.Arrays;

/**
 * Work arrays for one pass through the dense layers, reused by the next pass on the same thread. Why: on the paper's
 * tiny networks a fresh activation array per layer per call cost more than the layer's arithmetic (the stores into
 * newly allocated memory and its zeroing were half of the forward pass, profiled), while reused arrays stay in cache.
 * Arrays handed out may be longer than asked and hold old values: callers write before they read. Nothing from a
 * workspace is ever returned to a user; a nested pass on a thread whose workspace is busy gets a fresh one.
 */
final class Workspace {
    /** Larger arrays are allocated per call: their layers do enough arithmetic per element not to notice. */
    private static final int MAX_POOLED_LENGTH = 1 << 16;
    private static final ThreadLocal<Workspace> PER_THREAD = ThreadLocal.withInitial(() -> new Workspace(true));

    private final boolean pooled;
    private double[][] arrays = new double[16][];
    private int next;
    private boolean busy;

    private Workspace(boolean pooled) {
        this.pooled = pooled;
    }

    /** A workspace that allocates every array: for passes whose arrays outlive the call (training, relevance). */
    static Workspace allocating() {
        return new Workspace(false);
    }

    /** This thread's reusable workspace, or a fresh one if it is already in use; give it back with {@link #release}. */
    static Workspace acquire() {
        Workspace w = PER_THREAD.get();
        if (w.busy) {
            return allocating();
        }
        w.busy = true;
        w.next = 0;
        return w;
    }

    void release() {
        busy = false;
    }

    /** Hands out the same arrays again: for the next block of rows, once the previous block's are no longer needed. */
    void reuseAll() {
        next = 0;
    }

    /** An array of at least {@code length} elements, distinct from every other one taken since {@link #acquire}. */
    double[] take(int length) {
        if (!pooled || length > MAX_POOLED_LENGTH) {
            return new double[length];
        }
        if (next == arrays.length) {
            arrays = Arrays.copyOf(arrays, 2 * arrays.length);
        }
        double[] a = arrays[next];
        if (a == null || a.length < length) {
            a = new double[length];
            arrays[next] = a;
        }
        next++;
        return a;
    }
}
