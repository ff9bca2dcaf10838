package io.jxplain.metric;

import io.jxplain.internal.Parallel;
import io.jxplain.model.BatchedEvaluation;
import org.ejml.data.DMatrixRMaj;

/**
 * Rows of a range in blocks of up to 64 instances, for metrics that evaluate a block's model rows in one batched
 * call when the model's rows do not depend on their batch; blocks also go to threads. A block holds at most one
 * default model call's rows (or one instance), so memory stays bounded whatever the sample count.
 */
final class InstanceBlocks {
    static final int SIZE = 64;

    /** What a metric does with instances [first, last). */
    interface Block {
        void evaluate(int first, int last);
    }

    private InstanceBlocks() {
    }

    static void forEach(int from, int to, int threads, int rowsPerInstance, Block block) {
        int size = Math.max(1, Math.min(SIZE, BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL / rowsPerInstance));
        int blocks = (to - from + size - 1) / size;
        Parallel.forEachIndex(0, blocks, threads, b -> {
            int first = from + b * size;
            block.evaluate(first, Math.min(to, first + size));
        });
    }

    static void requireRange(DMatrixRMaj rows, int from, int to) {
        if (from < 0 || to > rows.numRows || from > to) {
            throw new IllegalArgumentException("row range [" + from + ", " + to + ") is outside 0.." + rows.numRows);
        }
    }
}
