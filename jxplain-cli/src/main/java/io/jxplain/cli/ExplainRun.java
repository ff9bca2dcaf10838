package io.jxplain.cli;

import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.model.Model;
import io.jxplain.model.NonFiniteOutputException;
import io.jxplain.model.RowTargets;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains the rows of a matrix block by block: each block in parallel, then written and flushed, so progress is
 * visible and an interrupted run keeps every finished block. Row i always uses the stream of (seed, i), so the
 * output is the same for any block size or thread count. Only the first {@code keep} explanations stay in memory
 * (the rest are written and summarised as they go), so a million rows need no more than their own data.
 */
final class ExplainRun {
    /** The row count, the first explanations kept, and the per-feature means over all rows. */
    record Result(int rows, List<Explanation> kept, AttributionMeans means) {
    }

    /** Told of each finished block (e.g. to draw its heat maps) after it is written. */
    @FunctionalInterface
    interface BlockListener {
        void block(int firstRow, List<Explanation> explanations, Target[] targets, RowFacts facts) throws IOException;
    }

    private ExplainRun() {
    }

    static Result run(Explainer explainer, Model model, Target target, DMatrixRMaj rows, long seed, int threads,
                      ResultWriter writer, ProgressBar progress, int keep) throws IOException {
        return run(explainer, model, RowTargets.fixed(target), rows, null, seed, threads, writer, progress, keep, null);
    }

    /**
     * Explains every row for its target in {@code targets}; the output names rows by {@code ids} (null: by
     * position).
     */
    static Result run(Explainer explainer, Model model, RowTargets targets, DMatrixRMaj rows, List<String> ids,
                      long seed, int threads, ResultWriter writer, ProgressBar progress, int keep,
                      BlockListener listener) throws IOException {
        int n = rows.numRows;
        int block = Math.max(64, 16 * threads);
        List<Explanation> kept = new ArrayList<>(Math.min(n, keep));
        AttributionMeans means = new AttributionMeans(rows.numCols);
        for (int start = 0; start < n; start += block) {
            int end = Math.min(n, start + block);
            Main.doing("explaining rows " + start + "–" + (end - 1) + " with " + explainer.name());
            Target[] blockTargets = targets.of(model, rows, start, end);
            List<Explanation> done;
            try {
                done = explainer.explainRange(model, blockTargets, rows, start, end, seed, threads);
            } catch (RuntimeException e) {
                throw nonFinite(e) ? located(e, explainer, model, blockTargets, rows, start, end, seed) : e;
            }
            RowFacts facts = writer == null && listener == null ? null
                    : RowFacts.of(model, targets, blockTargets, rows, start, end, ids);
            if (writer != null) {
                writer.write(start, done, facts);
            }
            if (listener != null) {
                listener.block(start, done, blockTargets, facts);
            }
            for (Explanation e : done) {
                means.add(e);
                if (kept.size() < keep) {
                    kept.add(e);
                }
            }
            progress.advance(end - start);
        }
        return new Result(n, kept, means);
    }

    /**
     * The data row whose explanation met the model's non-finite output: the block's rows explained again one by one
     * (same streams, so the same points), so that the message names it as the output's "row" column does.
     */
    private static RuntimeException located(RuntimeException e, Explainer explainer, Model model,
                                            Target[] targets, DMatrixRMaj rows, int start, int end, long seed) {
        for (int i = start; i < end; i++) {
            try {
                explainer.explainRange(model, targets[i - start], rows, i, i + 1, seed, 1);
            } catch (RuntimeException atRow) {
                if (nonFinite(atRow)) {
                    return new IllegalArgumentException("row " + i + ": " + UserErrors.describe(atRow), atRow);
                }
            }
        }
        return e;
    }

    /** Whether {@code e} is, or wraps (as a fork/join rethrow does), a model's non-finite output. */
    private static boolean nonFinite(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NonFiniteOutputException) {
                return true;
            }
        }
        return false;
    }
}
