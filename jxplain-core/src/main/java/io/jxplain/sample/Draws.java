package io.jxplain.sample;

import org.ejml.data.DMatrixRMaj;

/**
 * One batch drawn from a {@link Perturbation}: the neighbours to evaluate the model on (n×d), the regressors a
 * surrogate explanation is fitted on (n×p: offsets a − x for continuous perturbations, masks for coalitions), and
 * optional sample weights (null: all equal).
 */
public record Draws(DMatrixRMaj neighbours, DMatrixRMaj regressors, double[] weights) {
    /** Refuses regressors or weights whose rows do not match the neighbours'. */
    public Draws {
        if (regressors.numRows != neighbours.numRows) {
            throw new IllegalArgumentException(regressors.numRows + " regressor rows for " + neighbours.numRows + " neighbours");
        }
        if (weights != null && weights.length != neighbours.numRows) {
            throw new IllegalArgumentException(weights.length + " weights for " + neighbours.numRows + " neighbours");
        }
    }
}
