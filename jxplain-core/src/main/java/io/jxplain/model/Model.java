package io.jxplain.model;

import org.ejml.data.DMatrixRMaj;

import java.util.Optional;

/**
 * A function f: R^d → R^k evaluated on a batch: one call per n×d matrix, never one call per row.
 * Implementations must be safe to call from several threads at once.
 */
public interface Model {
    /** Number of input features d. */
    int inputSize();

    /** Number of outputs k. */
    int outputSize();

    /** What the outputs mean (logits, probabilities, regression values). */
    OutputKind outputKind();

    /**
     * Evaluates every row of {@code batch} (n×d) and returns the n×k outputs. A model reads its batches and never
     * writes them (here and in every other method): explainers and metrics pass rows without copying them.
     */
    DMatrixRMaj predict(DMatrixRMaj batch);

    /** The image shape of the input when the model takes images (attributions are then maps of that shape). */
    default Optional<ImageShape> imageShape() {
        return Optional.empty();
    }

    /**
     * The relative precision of the model's arithmetic: 2⁻⁵² for double-precision models (the default), 2⁻²³ for a
     * float32 ONNX or TorchScript model. Finite differences choose their step from it.
     */
    default double machineEpsilon() {
        return Math.ulp(1.0);
    }

    /**
     * Whether a row's outputs (and gradients) are bit-identical whatever batch the row is evaluated in. Deterministic
     * explainers then evaluate many instances in one model call: faster, same values. False unless the model
     * guarantees it (a native runtime may choose other kernels for other batch sizes).
     */
    default boolean rowsIndependentOfBatch() {
        return false;
    }

    /**
     * Whether the model is piecewise constant in its inputs (a tree ensemble): its gradient is then zero almost
     * everywhere and undefined at its steps, so gradient methods explain nothing and are refused on it. False
     * unless the model knows it is.
     */
    default boolean piecewiseConstant() {
        return false;
    }

    /**
     * The inputs that hold category codes ({@link CategoricalInputs}): gradients and continuous perturbations mean
     * nothing there. Empty unless the model knows.
     */
    default int[] categoricalInputs() {
        return new int[0];
    }

    /**
     * A model written in Java: {@code function} maps a batch of rows (n × inputs) to their outputs (n × outputs),
     * which mean {@code kind}. A black box: perturbation methods explain it directly, gradient methods through
     * {@link FiniteDifferences#of}. The function must be safe to call from several threads at once.
     */
    static Model of(int inputs, int outputs, OutputKind kind, java.util.function.UnaryOperator<double[][]> function) {
        return new FunctionOfRows(inputs, outputs, kind, function);
    }

    /** A short human-readable description, used in provenance and error messages. */
    default String describe() {
        return getClass().getSimpleName() + "(" + inputSize() + "→" + outputSize() + ")";
    }
}
