package io.jxplain.model;

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
}
