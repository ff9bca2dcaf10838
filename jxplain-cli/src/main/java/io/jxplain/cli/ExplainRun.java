package io.jxplain.cli;

import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.model.Model;
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

    private ExplainRun() {
    }

    static Result run(Explainer explainer, Model model, Target target, DMatrixRMaj rows, long seed, int threads,
                      ResultWriter writer, ProgressBar progress, int keep) throws IOException {
        int n = rows.numRows;
        int block = Math.max(64, 16 * threads);
        List<Explanation> kept = new ArrayList<>(Math.min(n, keep));
        AttributionMeans means = new AttributionMeans(rows.numCols);
        for (int start = 0; start < n; start += block) {
            int end = Math.min(n, start + block);
            List<Explanation> done = explainer.explainRange(model, target, rows, start, end, seed, threads);
            if (writer != null) {
                writer.write(start, done);
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
}
