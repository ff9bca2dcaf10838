package io.jxplain.model;

import io.jxplain.internal.Checks;
import org.ejml.data.DMatrixRMaj;

import java.util.function.UnaryOperator;

/**
 * A model written as a Java function of a batch of rows ({@link Model#of}): every perturbation method explains it
 * as a black box, and gradient methods through {@link FiniteDifferences}. Each call's output is checked for shape.
 */
final class FunctionOfRows implements Model {
    private final int inputs;
    private final int outputs;
    private final OutputKind kind;
    private final UnaryOperator<double[][]> function;

    FunctionOfRows(int inputs, int outputs, OutputKind kind, UnaryOperator<double[][]> function) {
        Checks.requirePositive("inputs", inputs);
        Checks.requirePositive("outputs", outputs);
        if (kind == null || function == null) {
            throw new IllegalArgumentException("a model needs an output kind and a function");
        }
        this.inputs = inputs;
        this.outputs = outputs;
        this.kind = kind;
        this.function = function;
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int outputSize() {
        return outputs;
    }

    @Override
    public OutputKind outputKind() {
        return kind;
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj batch) {
        if (batch.numCols != inputs) {
            throw new IllegalArgumentException(describe() + " takes " + inputs + " features per row, got " + batch.numCols);
        }
        double[][] rows = new double[batch.numRows][inputs];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(batch.data, i * inputs, rows[i], 0, inputs);
        }
        double[][] out = function.apply(rows);
        if (out == null || out.length != rows.length) {
            throw new IllegalStateException(describe() + " returned " + (out == null ? "null" : out.length + " rows")
                    + " for a batch of " + rows.length);
        }
        DMatrixRMaj result = new DMatrixRMaj(rows.length, outputs);
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null || out[i].length != outputs) {
                throw new IllegalStateException(describe() + " returned " + (out[i] == null ? "no" : out[i].length)
                        + " outputs for row " + i + ", not " + outputs);
            }
            System.arraycopy(out[i], 0, result.data, i * outputs, outputs);
        }
        return result;
    }

    @Override
    public String describe() {
        return "Java function (" + inputs + "→" + outputs + ", " + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
