package io.jxplain.model;

import io.jxplain.kernel.RunningMoments;
import org.ejml.data.DMatrixRMaj;

/** A model whose input gradients are available exactly (built-in networks, autograd engines). */
public interface Differentiable extends Model {
    /**
     * Vector–Jacobian product, batched: for each row i of {@code batch}, returns Jᵢᵀ·uᵢ where Jᵢ (k×d) is the
     * Jacobian of the outputs at that row and uᵢ is row i of {@code outputGradients} (n×k). Result: n×d.
     */
    DMatrixRMaj backward(DMatrixRMaj batch, DMatrixRMaj outputGradients);

    /**
     * The explained scalar and its input gradient for every row. The default runs one forward pass and one
     * backward pass; implementations may fuse them. The returned arrays belong to the caller (never reused buffers).
     */
    default TargetGradients targetGradients(Target target, DMatrixRMaj batch) {
        DMatrixRMaj outputs = predict(batch);
        double[] values = new double[batch.numRows];
        DMatrixRMaj seeds = new DMatrixRMaj(batch.numRows, outputSize());
        target.valuesAndSeeds(outputKind(), outputs, values, seeds);
        return new TargetGradients(values, backward(batch, seeds));
    }

    /**
     * The explained scalar at every row, with the input gradients of rows [k·groupSize, (k + 1)·groupSize) added to
     * {@code moments[k]} in row order: the same as adding each row of {@link #targetGradients} to its group's moments
     * (this default does exactly that); a model may do it without writing the gradients out. Unchecked: use
     * {@link BatchedEvaluation#gradientMoments}, which rejects non-finite output. It is what smoothed gradients
     * (SmoothGrad, {@code Smoothed} over a gradient) are reduced through; a built-in network fuses it into its
     * backward pass, the same bits as this default and measured 1.3× faster on the breast-cancer network
     * (400 rows × 1 000 samples), which is why the contract keeps it beside {@link #targetGradients}.
     */
    default double[] targetGradientMoments(Target target, DMatrixRMaj batch, int groupSize, RunningMoments[] moments) {
        requireGroups(batch, groupSize, moments);
        TargetGradients tg = targetGradients(target, batch);
        int d = batch.numCols;
        if (tg.values().length != batch.numRows || tg.gradients().numRows != batch.numRows
                || tg.gradients().numCols != d) {
            throw new IllegalStateException(describe() + " returned " + tg.values().length + " values and gradients of "
                    + "shape " + tg.gradients().numRows + "×" + tg.gradients().numCols + " for a batch of "
                    + batch.numRows + "×" + d);
        }
        for (int r = 0; r < batch.numRows; r++) {
            moments[r / groupSize].add(tg.gradients().data, r * d);
        }
        return tg.values();
    }

    /** Throws unless the batch is {@code moments.length} groups of {@code groupSize} rows, each moments of its width. */
    static void requireGroups(DMatrixRMaj batch, int groupSize, RunningMoments[] moments) {
        if (groupSize < 1 || (long) groupSize * moments.length != batch.numRows) {
            throw new IllegalArgumentException(moments.length + " groups of " + groupSize + " rows do not make a batch of "
                    + batch.numRows + " rows");
        }
        for (RunningMoments m : moments) {
            if (m.dimension() != batch.numCols) {
                throw new IllegalArgumentException("moments of " + m.dimension() + " features for a batch of "
                        + batch.numCols + " columns");
            }
        }
    }
}
