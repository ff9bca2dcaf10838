package io.jxplain.model;

import io.jxplain.internal.Checks;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * Makes any black-box {@link Model} {@link Differentiable} by central differences, so gradient methods run on ONNX
 * models and remote services: ∂f/∂xⱼ ≈ (f(x + hⱼeⱼ) − f(x − hⱼeⱼ)) / 2hⱼ with hⱼ = step·scaleⱼ (default step (3ε)^{1/3}
 * for the model's machine epsilon ε — 8.7e-6 in double, 7.1e-3 in float32 — which balances truncation error O(h²)
 * against round-off O(ε/h); scale 1 suits standardised features). Costs 2d model rows per input row, sent in batches of at most {@code maxRowsPerCall}.
 */
public final class FiniteDifferences implements Differentiable {
    private final Model model;
    private final double[] steps;
    private final int maxRowsPerCall;

    private FiniteDifferences(Model model, double[] steps, int maxRowsPerCall) {
        this.model = model;
        this.steps = steps;
        this.maxRowsPerCall = maxRowsPerCall;
    }

    /** Step (3ε)^{1/3} on every feature, ε the model's {@link Model#machineEpsilon()}. */
    public static FiniteDifferences of(Model model) {
        double[] scales = new double[model.inputSize()];
        Arrays.fill(scales, 1.0);
        return of(model, defaultStep(model), scales);
    }

    /** (3ε)^{1/3}: minimises the bound h²·|f'''|/6 + ε·|f|/h on the central difference's error for |f'''| ≈ |f|. */
    public static double defaultStep(Model model) {
        return Math.cbrt(3 * model.machineEpsilon());
    }

    /** Step {@code step·scales[j]} on feature j (e.g. the features' standard deviations). */
    public static FiniteDifferences of(Model model, double step, double[] scales) {
        Checks.requirePositive("step", step);
        Checks.requireVector("scales", scales, model.inputSize());
        double[] h = new double[scales.length];
        for (int j = 0; j < h.length; j++) {
            Checks.requirePositive("scales[" + j + "]", scales[j]);
            h[j] = step * scales[j];
        }
        return new FiniteDifferences(model, h, BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL);
    }

    @Override
    public int inputSize() {
        return model.inputSize();
    }

    @Override
    public int outputSize() {
        return model.outputSize();
    }

    @Override
    public OutputKind outputKind() {
        return model.outputKind();
    }

    @Override
    public java.util.Optional<ImageShape> imageShape() {
        return model.imageShape();
    }

    @Override
    public double machineEpsilon() {
        return model.machineEpsilon();
    }

    /** Each row's differences come from that row's own shifted copies: batch-independent when the model is. */
    /** The wrapped model's: a tree ensemble stays one, and its gradients are refused ({@link #backward}). */
    @Override
    public boolean piecewiseConstant() {
        return model.piecewiseConstant();
    }

    @Override
    public int[] categoricalInputs() {
        return model.categoricalInputs();
    }

    /**
     * Why gradients of a model with category codes among its inputs are refused, and what to use instead.
     */
    public static String categoriesHaveNoGradient(Model model) {
        return model.describe() + " takes category codes: a gradient, a small step or a Gaussian perturbation of a"
                + " code is not a category; use a method that keeps each feature at x's value or a reference row's:"
                + " kernel-shap, shapley-exact, occlusion (best with a background) or lime (with training rows)";
    }

    /**
     * Why gradients of a piecewise-constant model are refused, and what to use instead: the one message of the
     * library and the command line.
     */
    public static String gradientsMeaningless(Model model) {
        return model.describe() + " is piecewise constant (a tree ensemble): its gradient is 0 almost everywhere and"
                + " undefined at its steps, so gradient methods (and finite differences) explain nothing; use a method"
                + " that needs function values only: shapley-exact, kernel-shap, occlusion, lime, clime or closed-form";
    }

    @Override
    public boolean rowsIndependentOfBatch() {
        return model.rowsIndependentOfBatch();
    }

    /** The model whose gradients these differences approximate. */
    public Model model() {
        return model;
    }

    /** The step hⱼ of feature j. */
    public double step(int j) {
        return steps[j];
    }

    @Override
    public String describe() {
        return "finite differences of " + model.describe();
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj batch) {
        return model.predict(batch);
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj batch, DMatrixRMaj outputGradients) {
        if (model.piecewiseConstant()) {
            throw new IllegalArgumentException(gradientsMeaningless(model));
        }
        if (model.categoricalInputs().length > 0) {
            throw new IllegalArgumentException(categoriesHaveNoGradient(model));
        }
        int n = batch.numRows;
        int d = batch.numCols;
        int k = outputSize();
        DMatrixRMaj result = new DMatrixRMaj(n, d);
        int rowsPerInput = 2 * d;
        int inputsPerCall = Math.max(1, maxRowsPerCall / rowsPerInput);
        for (int start = 0; start < n; start += inputsPerCall) {
            int end = Math.min(n, start + inputsPerCall);
            DMatrixRMaj shifted = new DMatrixRMaj((end - start) * rowsPerInput, d);
            for (int i = start; i < end; i++) {
                for (int j = 0; j < d; j++) {
                    int plus = ((i - start) * rowsPerInput + 2 * j) * d;
                    int minus = plus + d;
                    System.arraycopy(batch.data, i * d, shifted.data, plus, d);
                    System.arraycopy(batch.data, i * d, shifted.data, minus, d);
                    shifted.data[plus + j] += steps[j];
                    shifted.data[minus + j] -= steps[j];
                }
            }
            DMatrixRMaj out = model.predict(shifted);
            for (int i = start; i < end; i++) {
                for (int j = 0; j < d; j++) {
                    int plus = ((i - start) * rowsPerInput + 2 * j) * k;
                    int minus = plus + k;
                    double s = 0;
                    for (int o = 0; o < k; o++) {
                        double derivative = (out.data[plus + o] - out.data[minus + o]) / (2 * steps[j]);
                        s += outputGradients.data[i * k + o] * derivative;
                    }
                    result.data[i * d + j] = s;
                }
            }
        }
        return result;
    }
}
