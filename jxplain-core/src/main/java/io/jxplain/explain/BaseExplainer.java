package io.jxplain.explain;

import io.jxplain.Checks;
import io.jxplain.Parallel;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Differentiable;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.sample.RandomStreams;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Validation and provenance in one place: every explainer checks its input the same way and records what
 * produced each explanation. Subclasses only compute the attribution.
 */
abstract class BaseExplainer implements Explainer {
    /** At most this many instances per block when a method batches rows (blocks also go to threads). */
    static final int INSTANCES_PER_BLOCK = 64;

    @Override
    public final Explanation explain(Model model, Target target, double[] x, long seed) {
        validate(model, target);
        Checks.requireVector("x", x, model.inputSize());
        Attribution a = attribute(model, target, x.clone(), RandomStreams.stream(seed));
        return ProvenanceHeader.of(this, model, target).explanation(a, isStochastic() ? seed : null);
    }

    /**
     * Row i with the stream of (seed, i), as {@link #explain}; the provenance strings are built once, and a method
     * that batches rows ({@link #modelRowsPerInstance}) explains blocks of rows in one model call when the model's
     * rows do not depend on their batch (same values as row by row: the blocks only change speed).
     */
    @Override
    public final List<Explanation> explainRange(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                                long seed, int threads) {
        Checks.requirePositive("threads", threads);
        if (rows == null || from < 0 || to > rows.numRows || from > to) {
            throw new IllegalArgumentException("row range [" + from + ", " + to + ") is outside 0.."
                    + (rows == null ? 0 : rows.numRows));
        }
        return explainRows(model, target, rows, from, to, i -> RandomStreams.childSeed(seed, i), threads);
    }

    @Override
    public final List<Explanation> explainKeyed(Model model, Target target, DMatrixRMaj rows, long[] keys, long seed) {
        if (rows == null || keys == null || keys.length != rows.numRows) {
            throw new IllegalArgumentException((keys == null ? "no" : keys.length) + " keys for "
                    + (rows == null ? 0 : rows.numRows) + " rows");
        }
        return explainRows(model, target, rows, 0, rows.numRows, i -> RandomStreams.childSeed(seed, keys[i]), 1);
    }

    /** Rows [from, to), row i with the stream seedOf(i): one by one, or in blocks for a method that batches rows. */
    private List<Explanation> explainRows(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                          java.util.function.IntToLongFunction seedOf, int threads) {
        validate(model, target);
        Checks.requireFiniteRows("rows", rows, from, to, model.inputSize());
        ProvenanceHeader header = ProvenanceHeader.of(this, model, target);
        Explanation[] out = new Explanation[to - from];
        int perInstance = modelRowsPerInstance(model.inputSize());
        if (perInstance > 0 && model.rowsIndependentOfBatch()) {
            // blocks of at most one default model call (bounded memory), and of 64 instances (work for every thread)
            int size = Math.max(1,
                    Math.min(INSTANCES_PER_BLOCK, BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL / perInstance));
            int blocks = (to - from + size - 1) / size;
            Parallel.forEachIndex(0, blocks, threads, b -> {
                int start = from + b * size;
                int end = Math.min(to, start + size);
                Attribution[] a = attributeRows(model, target, rows, start, end, seedOf);
                for (int i = start; i < end; i++) {
                    out[i - from] = header.explanation(a[i - start], isStochastic() ? seedOf.applyAsLong(i) : null);
                }
            });
        } else {
            int d = rows.numCols;
            Parallel.forEachIndex(from, to, threads, i -> {
                long rowSeed = seedOf.applyAsLong(i);
                double[] x = Arrays.copyOfRange(rows.data, i * d, (i + 1) * d);
                Attribution a = attribute(model, target, x, RandomStreams.stream(rowSeed));
                out[i - from] = header.explanation(a, isStochastic() ? rowSeed : null);
            });
        }
        return List.of(out);
    }

    private static void validate(Model model, Target target) {
        if (model == null || target == null) {
            throw new IllegalArgumentException("model and target are required");
        }
        target.validateFor(model);
    }

    /**
     * For a method that computes the attributions of many instances from one batched model call (gradients at all
     * of them, all their occlusions, all their integration paths, all their samples) in {@link #attributeRows}: the
     * model rows it evaluates per instance of d features. 0 (the default): the method explains one row at a time.
     */
    int modelRowsPerInstance(int d) {
        return 0;
    }

    /** The attributions of rows [from, to) of validated {@code rows}, each equal to {@link #attribute} of that row. */
    Attribution[] attributeRows(Model model, Target target, DMatrixRMaj rows, int from, int to) {
        throw new UnsupportedOperationException(name() + " explains one row at a time");
    }

    /** As above, for a random method: row i equal to {@link #attribute} with the stream of seedOf(i). */
    Attribution[] attributeRows(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                java.util.function.IntToLongFunction seedOf) {
        return attributeRows(model, target, rows, from, to);
    }

    /** Computes the attribution of a validated input. */
    abstract Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng);

    /** Gradient methods need exact gradients; black-box models get a clear message naming the alternative. */
    final Differentiable requireDifferentiable(Model model) {
        if (model instanceof Differentiable diff) {
            return diff;
        }
        throw new IllegalArgumentException(name() + " needs input gradients, but " + model.describe()
                + " is a black box; use closed-form (gradient-free SmoothGrad, Theorem 1) or clime instead");
    }
}
