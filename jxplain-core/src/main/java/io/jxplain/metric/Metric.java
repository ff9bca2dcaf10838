package io.jxplain.metric;

import io.jxplain.internal.Checks;
import io.jxplain.internal.Parallel;
import io.jxplain.explain.Explainer;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Measures an explainer at an input: one verb, {@code evaluate}, for every metric, as {@code explain} is for every
 * explainer. Implementations are immutable and thread-safe; randomness comes from the seed alone.
 */
public interface Metric {
    /** The metric's name (its catalogue name, e.g. {@code infidelity}). */
    String name();

    /** Its settings, for provenance. */
    Map<String, Object> parameters();

    /** The metric of {@code explainer}'s explanation of {@code model} at x, its randomness from {@code seed}. */
    Estimate evaluate(Model model, Target target, Explainer explainer, double[] x, long seed);

    /** Every row, row i from the stream (seed, i): the same values whatever the thread count. */
    default List<Estimate> evaluateAll(Model model, Target target, Explainer explainer, DMatrixRMaj rows, long seed,
                                       int threads) {
        Checks.requireRows("rows", rows, model.inputSize());
        return evaluateRange(model, target, explainer, rows, 0, rows.numRows, seed, threads);
    }

    /** Rows {@code from} to {@code to} (exclusive), row i from the stream (seed, i): block-by-block runs agree with one call. */
    default List<Estimate> evaluateRange(Model model, Target target, Explainer explainer, DMatrixRMaj rows, int from,
                                         int to, long seed, int threads) {
        InstanceBlocks.requireRange(rows, from, to);
        Estimate[] out = new Estimate[to - from];
        int d = rows.numCols;
        Parallel.forEachIndex(from, to, threads, i -> out[i - from] = evaluate(model, target, explainer,
                Arrays.copyOfRange(rows.data, i * d, (i + 1) * d), RandomStreams.childSeed(seed, i)));
        return List.of(out);
    }
}
