package io.jxplain.explain;

import io.jxplain.sample.Perturbation;
import io.jxplain.internal.Checks;
import io.jxplain.internal.Parallel;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one verb of every attribution method: explain the target scalar of a model at an input. A user who knows
 * one explainer knows them all. Implementations are immutable and thread-safe.
 */
public interface Explainer {
    /** The method's name as used by the CLI and in provenance, e.g. "smoothgrad". */
    String name();

    /** The method's parameters, for provenance. */
    Map<String, Object> parameters();

    /** Whether the method draws random samples (and so reports standard errors). */
    boolean isStochastic();

    /**
     * The distribution of neighbours the method draws its explanation from (SmoothGrad's and C-LIME's N(x, Σ), a
     * smoothed method's noise), or empty for a method that draws none: what certificates and sample-size bounds ask,
     * instead of reading a parameter back out of the provenance.
     */
    default Optional<Perturbation> perturbation() {
        return Optional.empty();
    }

    /** Explains {@code target} of {@code model} at {@code x}, drawing randomness from {@code seed} alone. */
    Explanation explain(Model model, Target target, double[] x, long seed);

    /**
     * Explains row {@code i} of {@code rows} with that row's own stream, {@link RandomStreams#childSeed}(seed, i):
     * the same value whichever thread or batch computes it.
     */
    default Explanation explainRow(Model model, Target target, DMatrixRMaj rows, int i, long seed) {
        double[] x = Arrays.copyOfRange(rows.data, i * rows.numCols, (i + 1) * rows.numCols);
        return explain(model, target, x, RandomStreams.childSeed(seed, i));
    }

    /**
     * Explains row i of {@code rows} with the stream {@link RandomStreams#childSeed}(seed, keys[i]), on the calling
     * thread: for each row, what {@link #explainRow} gives at row index keys[i]. For callers whose rows carry their own
     * keys (a Spark partition); methods that batch rows do so here too.
     */
    default List<Explanation> explainKeyed(Model model, Target target, DMatrixRMaj rows, long[] keys, long seed) {
        Checks.requireFiniteRows("rows", rows, 0, rows.numRows, model.inputSize());
        if (keys.length != rows.numRows) {
            throw new IllegalArgumentException(keys.length + " keys for " + rows.numRows + " rows");
        }
        List<Explanation> out = new java.util.ArrayList<>(rows.numRows);
        for (int i = 0; i < rows.numRows; i++) {
            double[] x = Arrays.copyOfRange(rows.data, i * rows.numCols, (i + 1) * rows.numCols);
            out.add(explain(model, target, x, RandomStreams.childSeed(seed, keys[i])));
        }
        return out;
    }

    /** Explains every row, in parallel on all cores; bit-identical to {@link #explainRow} row by row. */
    default List<Explanation> explainAll(Model model, Target target, DMatrixRMaj rows, long seed) {
        return explainAll(model, target, rows, seed, Runtime.getRuntime().availableProcessors());
    }

    /** Explains every row on {@code threads} threads; the result does not depend on {@code threads}. */
    default List<Explanation> explainAll(Model model, Target target, DMatrixRMaj rows, long seed, int threads) {
        Checks.requireRows("rows", rows, model.inputSize());
        return explainRange(model, target, rows, 0, rows.numRows, seed, threads);
    }

    /**
     * The attributions alone of rows [from, to), row i with the stream of (seed, i): the values and model calls of
     * {@link #explainRange}, as one matrix, without an {@link Explanation} per row. For metrics, which explain
     * thousands of perturbed points and keep only the values.
     */
    default AttributionMatrix attributeRange(Model model, Target target, DMatrixRMaj rows, int from, int to, long seed,
                                             int threads) {
        return AttributionMatrix.of(explainRange(model, target, rows, from, to, seed, threads), model.inputSize());
    }

    /**
     * Explains rows {@code from} (inclusive) to {@code to} (exclusive) on {@code threads} threads, row i with the
     * stream of (seed, i): a long run can go block by block and get the same values as one call.
     */
    default List<Explanation> explainRange(Model model, Target target, DMatrixRMaj rows, int from, int to, long seed,
                                           int threads) {
        Checks.requirePositive("threads", threads);
        if (from < 0 || to > rows.numRows || from > to) {
            throw new IllegalArgumentException("row range [" + from + ", " + to + ") is outside 0.." + rows.numRows);
        }
        Explanation[] out = new Explanation[to - from];
        Parallel.forEachIndex(from, to, threads, i -> out[i - from] = explainRow(model, target, rows, i, seed));
        return List.of(out);
    }

    /**
     * Explains rows [from, to), row i for its own target {@code targets[i − from]} (its predicted class, say) with the
     * stream of (seed, i): each row's value is {@link #explainRow}'s with that target, whatever the grouping or thread
     * count. Rows that share a target are explained together ({@link #explainKeyed}), so batching methods still batch.
     */
    default List<Explanation> explainRange(Model model, Target[] targets, DMatrixRMaj rows, int from, int to,
                                           long seed, int threads) {
        Checks.requirePositive("threads", threads);
        if (from < 0 || to > rows.numRows || from > to || targets.length != to - from) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") of " + rows.numRows + " with "
                    + targets.length + " targets");
        }
        java.util.Map<Target, int[]> groups = io.jxplain.model.RowTargets.groups(targets);
        if (groups.size() <= 1) {
            return to == from ? List.of() : explainRange(model, targets[0], rows, from, to, seed, threads);
        }
        Explanation[] out = new Explanation[to - from];
        int d = rows.numCols;
        for (java.util.Map.Entry<Target, int[]> group : groups.entrySet()) {
            int[] members = group.getValue(); // positions in [from, to)
            int chunks = Math.min(threads, members.length);
            Parallel.forEachIndex(0, chunks, threads, c -> {
                int lo = members.length * c / chunks;
                int hi = members.length * (c + 1) / chunks;
                DMatrixRMaj part = new DMatrixRMaj(hi - lo, d);
                long[] keys = new long[hi - lo];
                for (int k = lo; k < hi; k++) {
                    System.arraycopy(rows.data, (from + members[k]) * d, part.data, (k - lo) * d, d);
                    keys[k - lo] = from + members[k];
                }
                List<Explanation> done = explainKeyed(model, group.getKey(), part, keys, seed);
                for (int k = lo; k < hi; k++) {
                    out[members[k]] = done.get(k - lo);
                }
            });
        }
        return List.of(out);
    }
}
