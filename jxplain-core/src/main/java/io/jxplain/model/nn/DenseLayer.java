package io.jxplain.model.nn;

import org.ejml.data.DMatrixRMaj;

/** h ↦ act(W·h + b), with W of shape out×in. */
public record DenseLayer(DMatrixRMaj weights, double[] bias, Activation activation) {
    /** Refuses an empty weight matrix, a bias of the wrong length, or non-finite values. */
    public DenseLayer {
        if (weights.numRows == 0 || weights.numCols == 0) {
            throw new IllegalArgumentException("a dense layer needs a non-empty weight matrix");
        }
        if (bias.length != weights.numRows) {
            throw new IllegalArgumentException("bias has " + bias.length + " entries but the weight matrix has "
                    + weights.numRows + " rows");
        }
        for (double w : weights.data) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("layer weights must be finite, found " + w);
            }
        }
        for (double b : bias) {
            if (!Double.isFinite(b)) {
                throw new IllegalArgumentException("layer bias must be finite, found " + b);
            }
        }
    }

    /** The number of inputs (columns of W). */
    public int inputSize() {
        return weights.numCols;
    }

    /** The number of outputs (rows of W). */
    public int outputSize() {
        return weights.numRows;
    }

    DenseLayer copy() {
        return new DenseLayer(weights.copy(), bias.clone(), activation);
    }
}
