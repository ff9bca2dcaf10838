package io.jxplain.model;

import io.jxplain.kernel.RunningMoments;
import io.jxplain.Setting;
import io.jxplain.kernel.FiniteScan;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;

/**
 * Evaluates the explained scalar (and its gradient) on a matrix of any height, at most {@code maxRowsPerCall}
 * rows per model call, and rejects non-finite model output naming the row. Every explainer and metric goes
 * through here, so the memory cap and the finiteness check hold everywhere.
 */
public final class BatchedEvaluation {
    /** Default cap on rows per model call: bounded memory even for huge sample counts. */
    public static final int DEFAULT_MAX_ROWS_PER_CALL = 4096;
    /** The cap on rows per model call, as a setting of every method that calls the model in batches. */
    public static final Setting<Integer> MAX_ROWS_PER_CALL = Setting.atLeast("max-rows-per-call",
            DEFAULT_MAX_ROWS_PER_CALL, 1, "Cap on rows per model call (bounds memory; results do not depend on it).");

    private BatchedEvaluation() {
    }

    /** f(xᵢ) for every row. */
    public static double[] values(Model model, Target target, DMatrixRMaj batch, int maxRowsPerCall) {
        int n = batch.numRows;
        double[] values = new double[n];
        for (int start = 0; start < n; start += maxRowsPerCall) {
            int end = Math.min(n, start + maxRowsPerCall);
            DMatrixRMaj chunk = rows(batch, start, end);
            DMatrixRMaj out = model.predict(chunk);
            checkShape(model, out, end - start);
            boolean whole = start == 0 && end == n; // one call does it all: write straight into the result
            double[] part = whole ? values : new double[end - start];
            target.valuesAndSeeds(model.outputKind(), out, part, null);
            checkFinite(model, "output", part, chunk);
            if (!whole) {
                System.arraycopy(part, 0, values, start, part.length);
            }
        }
        return values;
    }

    /** f(xᵢ) and ∇f(xᵢ) for every row. */
    public static TargetGradients gradients(Differentiable model, Target target, DMatrixRMaj batch, int maxRowsPerCall) {
        int n = batch.numRows;
        int d = batch.numCols;
        double[] values = null;
        DMatrixRMaj grads = null;
        for (int start = 0; start < n; start += maxRowsPerCall) {
            int end = Math.min(n, start + maxRowsPerCall);
            DMatrixRMaj chunk = rows(batch, start, end);
            TargetGradients part = model.targetGradients(target, chunk);
            if (part.values().length != end - start || part.gradients().numRows != end - start
                    || part.gradients().numCols != d) {
                throw new IllegalStateException(model.describe() + " returned " + part.values().length
                        + " values and gradients of shape " + part.gradients().numRows + "×"
                        + part.gradients().numCols + " for a batch of " + (end - start) + "×" + d);
            }
            checkFinite(model, "output", part.values(), chunk);
            checkFiniteRows(model, part.gradients(), chunk);
            if (start == 0 && end == n) {
                return part; // one call did it all: no copy
            }
            if (values == null) {
                values = new double[n];
                grads = new DMatrixRMaj(n, d);
            }
            System.arraycopy(part.values(), 0, values, start, end - start);
            System.arraycopy(part.gradients().data, 0, grads.data, start * d, (end - start) * d);
        }
        return new TargetGradients(values, grads);
    }

    /**
     * f(xᵢ) for every row, and ∇f(xᵢ) of each group of {@code groupSize} consecutive rows added in row order to its
     * group's {@link RunningMoments} ({@link Differentiable#targetGradientMoments}), checked as {@link #gradients}:
     * a group whose sums turn non-finite is evaluated again row by row to name the offending row. Calls hold whole
     * groups when a group fits {@code maxRowsPerCall}, else pieces of one group.
     */
    public static double[] gradientMoments(Differentiable model, Target target, DMatrixRMaj batch, int groupSize,
                                           RunningMoments[] moments, int maxRowsPerCall) {
        Differentiable.requireGroups(batch, groupSize, moments);
        double[] values = new double[batch.numRows];
        int groupsPerCall = Math.max(1, maxRowsPerCall / groupSize);
        for (int g0 = 0; g0 < moments.length; g0 += groupsPerCall) {
            int g1 = Math.min(moments.length, g0 + groupsPerCall);
            if (groupSize <= maxRowsPerCall) {
                momentsCall(model, target, batch, g0 * groupSize, g1 * groupSize, groupSize,
                        Arrays.copyOfRange(moments, g0, g1), values);
                continue;
            }
            for (int start = g0 * groupSize; start < g1 * groupSize; start += maxRowsPerCall) {
                int end = Math.min(g1 * groupSize, start + maxRowsPerCall);
                momentsCall(model, target, batch, start, end, end - start, new RunningMoments[] {moments[g0]}, values);
            }
        }
        return values;
    }

    /** One checked model call for rows [start, end) made of groups of groupSize rows. */
    private static void momentsCall(Differentiable model, Target target, DMatrixRMaj batch, int start, int end,
                                    int groupSize, RunningMoments[] groups, double[] values) {
        DMatrixRMaj chunk = rows(batch, start, end);
        double[] part = model.targetGradientMoments(target, chunk, groupSize, groups);
        if (part.length != end - start) {
            throw new IllegalStateException(model.describe() + " returned " + part.length + " values for a batch of "
                    + (end - start) + " rows");
        }
        checkFinite(model, "output", part, chunk);
        for (int k = 0; k < groups.length; k++) {
            if (!groups[k].isFinite()) { // find the row: the gradients of this group's rows, checked
                DMatrixRMaj group = rows(chunk, k * groupSize, (k + 1) * groupSize);
                checkFiniteRows(model, model.targetGradients(target, group).gradients(), group);
            }
        }
        System.arraycopy(part, 0, values, start, end - start);
    }

    private static DMatrixRMaj rows(DMatrixRMaj batch, int start, int end) {
        if (start == 0 && end == batch.numRows) {
            return batch;
        }
        return CommonOps_DDRM.extract(batch, start, end, 0, batch.numCols);
    }

    private static void checkShape(Model model, DMatrixRMaj out, int rows) {
        if (out.numRows != rows || out.numCols != model.outputSize()) {
            throw new IllegalStateException(model.describe() + " returned " + out.numRows + "×" + out.numCols
                    + " outputs for " + rows + " rows; expected " + rows + "×" + model.outputSize());
        }
    }

    private static void checkFinite(Model model, String what, double[] values, DMatrixRMaj chunk) {
        int i = FiniteScan.firstNonFinite(values, 0, values.length);
        if (i >= 0) {
            throw new NonFiniteOutputException(model.describe(), what, values[i], row(chunk, i));
        }
    }

    private static void checkFiniteRows(Model model, DMatrixRMaj grads, DMatrixRMaj chunk) {
        int d = grads.numCols;
        int t = FiniteScan.firstNonFinite(grads.data, 0, grads.numRows * d);
        if (t >= 0) {
            throw new NonFiniteOutputException(model.describe(), "gradient", grads.data[t], row(chunk, t / d));
        }
    }

    private static double[] row(DMatrixRMaj m, int i) {
        return Arrays.copyOfRange(m.data, i * m.numCols, (i + 1) * m.numCols);
    }
}
