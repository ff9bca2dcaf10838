package io.jxplain.metric;

import io.jxplain.Parallel;
import org.ejml.data.DMatrixRMaj;

/**
 * Rows of a range in blocks of up to 64 instances, for metrics that evaluate a block's model rows in one batched
 * call when the model's rows do not depend on their batch; blocks also go to threads.
 */
final class InstanceBlocks {
    static final int SIZE = 64;

    /** What a metric does with instances [first, last). */
    interface Block {
        void evaluate(int first, int last);
    }

    private InstanceBlocks() {
    }

    static void forEach(int from, int to, int threads, Block block) {
        int blocks = (to - from + SIZE - 1) / SIZE;
        Parallel.forEachIndex(0, blocks, threads, b -> {
            int first = from + b * SIZE;
            block.evaluate(first, Math.min(to, first + SIZE));
        });
    }

    static void requireRange(DMatrixRMaj rows, int from, int to) {
        if (from < 0 || to > rows.numRows || from > to) {
            throw new IllegalArgumentException("row range [" + from + ", " + to + ") is outside 0.." + rows.numRows);
        }
    }
}
