package io.jxplain.explain;

import io.jxplain.internal.Checks;
import io.jxplain.internal.HeapBudget;
import io.jxplain.internal.Parallel;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Differentiable;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntToLongFunction;
import java.util.random.RandomGenerator;

/**
 * Validation and provenance in one place: every explainer checks its input the same way and records what
 * produced each explanation. Subclasses only compute the attribution. Public so that a list of jxplain's explainers
 * ({@code List.of(smoothGrad, kernelShap)}) has a type a user's code can name; extended only in this package (write
 * your own method by implementing {@link Explainer}).
 */
public abstract class BaseExplainer implements Explainer {
    /** Only this package's methods extend it. */
    BaseExplainer() {
    }

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
        requireRange(rows, from, to, threads);
        return explainRows(model, target, rows, from, to, i -> RandomStreams.childSeed(seed, i), threads);
    }

    /**
     * Refuses, before any work, a run whose per-explanation rows (samples, path steps, occlusions) cannot fit the
     * heap on {@code threads} threads: with 2·10⁹ samples the allocation would fail only after minutes.
     */
    private void requireMemory(Model model, int threads) {
        int d = model.inputSize();
        long held = rowsHeldPerInstance(d);
        if (held > 0) {
            HeapBudget.require(name() + ": " + held + " model rows (samples, steps or occlusions) of " + d
                    + " features per explanation, on " + threads + " thread(s)", HeapBudget.doubles(held, d + 1L, threads));
        }
    }

    /** The rows of d + 1 numbers one explanation holds at once (samples, a path); 0 when that is small. */
    long rowsHeldPerInstance(int d) {
        return modelRowsPerInstance(d);
    }

    /**
     * As {@link #explainRange}, without an explanation per row; a batching method's blocks are as large as one model
     * call allows (at least one per thread), since no per-row objects are built to spread over threads.
     */
    @Override
    public final AttributionMatrix attributeRange(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                                  long seed, int threads) {
        requireRange(rows, from, to, threads);
        validate(model, target);
        requireMemory(model, threads);
        Checks.requireFiniteRows("rows", rows, from, to, model.inputSize());
        IntToLongFunction seedOf = i -> RandomStreams.childSeed(seed, i);
        int instancesPerBlock = Math.max(INSTANCES_PER_BLOCK, (to - from + threads - 1) / threads);
        if (blockSize(model, instancesPerBlock) >= to - from && to > from) { // one block (a metric's points)
            return attributeBlock(model, target, rows, from, to, seedOf);
        }
        AttributionMatrix out = new AttributionMatrix(new DMatrixRMaj(to - from, rows.numCols), new long[to - from]);
        inBlocks(model, from, to, threads, instancesPerBlock,
                (start, end) -> copyInto(attributeBlock(model, target, rows, start, end, seedOf), out, start - from),
                i -> copyInto(attribute(model, target, row(rows, i), RandomStreams.stream(seedOf.applyAsLong(i))),
                        out, i - from));
        return out;
    }

    @Override
    public final List<Explanation> explainKeyed(Model model, Target target, DMatrixRMaj rows, long[] keys, long seed) {
        if (rows == null || keys == null || keys.length != rows.numRows) {
            throw new IllegalArgumentException((keys == null ? "no" : keys.length) + " keys for "
                    + (rows == null ? 0 : rows.numRows) + " rows");
        }
        return explainRows(model, target, rows, 0, rows.numRows, i -> RandomStreams.childSeed(seed, keys[i]), 1);
    }

    private static void requireRange(DMatrixRMaj rows, int from, int to, int threads) {
        Checks.requirePositive("threads", threads);
        if (rows == null || from < 0 || to > rows.numRows || from > to) {
            throw new IllegalArgumentException("row range [" + from + ", " + to + ") is outside 0.."
                    + (rows == null ? 0 : rows.numRows));
        }
    }

    /** Rows [from, to), row i with the stream seedOf(i): one by one, or in blocks for a method that batches rows. */
    private List<Explanation> explainRows(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                          IntToLongFunction seedOf, int threads) {
        validate(model, target);
        requireMemory(model, threads);
        Checks.requireFiniteRows("rows", rows, from, to, model.inputSize());
        ProvenanceHeader header = ProvenanceHeader.of(this, model, target);
        Explanation[] out = new Explanation[to - from];
        inBlocks(model, from, to, threads, INSTANCES_PER_BLOCK, (start, end) -> {
            Attribution[] a = attributeRows(model, target, rows, start, end, seedOf);
            for (int i = start; i < end; i++) {
                out[i - from] = header.explanation(a[i - start], isStochastic() ? seedOf.applyAsLong(i) : null);
            }
        }, i -> {
            long rowSeed = seedOf.applyAsLong(i);
            Attribution a = attribute(model, target, row(rows, i), RandomStreams.stream(rowSeed));
            out[i - from] = header.explanation(a, isStochastic() ? rowSeed : null);
        });
        return List.of(out);
    }

    /** Work on rows [start, end) of a batching method, in one model call. */
    private interface BlockTask {
        void run(int start, int end);
    }

    /**
     * Instances per block for a method that batches rows, on a model whose rows do not depend on their batch: at most
     * {@code instancesPerBlock} and one default model call (bounded memory). 0 for any other: one row at a time.
     */
    private int blockSize(Model model, int instancesPerBlock) {
        int perInstance = modelRowsPerInstance(model.inputSize());
        if (perInstance <= 0 || !model.rowsIndependentOfBatch()) {
            return 0;
        }
        return Math.max(1, Math.min(instancesPerBlock, BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL / perInstance));
    }

    /** Rows [from, to) on {@code threads} threads, by blocks of {@link #blockSize} instances, or one row at a time. */
    private void inBlocks(Model model, int from, int to, int threads, int instancesPerBlock, BlockTask block,
                          IntConsumer row) {
        int size = blockSize(model, instancesPerBlock);
        if (size > 0) {
            int blocks = (to - from + size - 1) / size;
            Parallel.forEachIndex(0, blocks, threads, b -> {
                int start = from + b * size;
                block.run(start, Math.min(to, start + size));
            });
        } else {
            Parallel.forEachIndex(from, to, threads, row);
        }
    }

    private static double[] row(DMatrixRMaj rows, int i) {
        return Arrays.copyOfRange(rows.data, i * rows.numCols, (i + 1) * rows.numCols);
    }

    private static void copyInto(Attribution a, AttributionMatrix out, int at) {
        System.arraycopy(a.values(), 0, out.values().data, at * out.values().numCols, out.values().numCols);
        out.modelCalls()[at] = a.modelCalls();
    }

    /** A block's rows into rows at … of {@code out}. */
    private static void copyInto(AttributionMatrix block, AttributionMatrix out, int at) {
        int d = out.values().numCols;
        System.arraycopy(block.values().data, 0, out.values().data, at * d, block.rows() * d);
        System.arraycopy(block.modelCalls(), 0, out.modelCalls(), at, block.rows());
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

    /**
     * The batching hook: the attributions of rows [from, to) of validated {@code rows}, row i with the stream of
     * seedOf(i) (a deterministic method draws nothing and ignores it), each equal to {@link #attribute} of that row.
     * A method that has it explains one row through it ({@link #oneRow}), so the two cannot differ.
     */
    Attribution[] attributeRows(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                IntToLongFunction seedOf) {
        throw new UnsupportedOperationException(name() + " explains one row at a time");
    }

    /** One row through the batching hook, for a deterministic method's {@link #attribute}. */
    final Attribution oneRow(Model model, Target target, double[] x) {
        return attributeRows(model, target, DMatrixRMaj.wrap(1, x.length, x), 0, 1, NO_DRAWS)[0];
    }

    /** The seeds a deterministic method is handed: it draws nothing, so asking for one is a bug. */
    static final IntToLongFunction NO_DRAWS = i -> {
        throw new IllegalStateException("a deterministic method asked for a random stream");
    };

    /**
     * {@link #attributeRows} of rows [from, to) as a new matrix; a method whose batched result already is a matrix
     * overrides this to skip the per-row objects.
     */
    AttributionMatrix attributeBlock(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                     IntToLongFunction seedOf) {
        Attribution[] a = attributeRows(model, target, rows, from, to, seedOf);
        AttributionMatrix out = new AttributionMatrix(new DMatrixRMaj(to - from, rows.numCols), new long[to - from]);
        for (int i = 0; i < a.length; i++) {
            copyInto(a[i], out, i);
        }
        return out;
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
