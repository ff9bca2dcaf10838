package io.jxplain.model;

import org.ejml.data.DMatrixRMaj;

/** The explained scalar f(xᵢ) for each row and its gradient ∇f(xᵢ) (n×d). */
public record TargetGradients(double[] values, DMatrixRMaj gradients) {
}
