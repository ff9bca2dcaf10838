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
 * output is the same for any block size or thread count.
 */
final class ExplainRun {
    private ExplainRun() {
    }

    static List<Explanation> run(Explainer explainer, Model model, Target target, DMatrixRMaj rows, long seed,
                                 int threads, ResultWriter writer, ProgressBar progress) throws IOException {
        int n = rows.numRows;
        int block = Math.max(64, 16 * threads);
        List<Explanation> all = new ArrayList<>(n);
        for (int start = 0; start < n; start += block) {
            int end = Math.min(n, start + block);
            List<Explanation> done = explainer.explainRange(model, target, rows, start, end, seed, threads);
            if (writer != null) {
                writer.write(start, done);
            }
            all.addAll(done);
            progress.advance(end - start);
        }
        return all;
    }
}
