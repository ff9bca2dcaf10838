package io.jxplain.torch;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import io.jxplain.internal.Checks;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Differentiable;
import io.jxplain.model.ImageShape;
import io.jxplain.model.NativeLifecycle;
import io.jxplain.model.NumericType;
import io.jxplain.model.OutputKind;
import io.jxplain.model.OutputKindProbe;
import io.jxplain.model.Target;
import io.jxplain.model.TargetGradients;
import org.ejml.data.DMatrixRMaj;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A TorchScript model run by PyTorch through DJL, as a {@link Differentiable} model: forward passes and exact input
 * gradients by autograd, in batches of at most {@code maxRowsPerCall} rows, fed in the element type of the model's
 * parameters (float32 or float64).
 *
 * <p>The module is put in eval mode once and kept there: gradients are taken with autograd on but without DJL's
 * training switch, so a dropout layer stays off. TorchScript files do not declare their input shape: give the
 * number of features, or the image shape C×H×W, and the model is checked on one row at load.
 *
 * <p>The PyTorch native library comes from the Maven artifact {@code ai.djl.pytorch:pytorch-native-cpu} (classifier
 * {@code linux-x86_64}); see {@link TorchRuntime} for the system properties that keep DJL offline.
 */
public final class TorchScriptModel implements Differentiable, AutoCloseable {
    private final String name;
    private final ai.djl.Model model;
    private final PtSymbolBlock block;
    private final int inputSize;
    private final ImageShape imageShape; // null: a flat [batch, features] input
    private final NumericType type;
    private final int outputSize;
    private final OutputKind outputKind;
    private final boolean outputKindDetected;
    private final int maxRowsPerCall;
    private final NativeLifecycle lifecycle;

    private TorchScriptModel(Builder b, ai.djl.Model model) {
        this.name = b.name;
        this.model = model;
        if (!(model.getBlock() instanceof PtSymbolBlock symbol)) {
            throw new IllegalArgumentException(b.name + " did not load as a TorchScript module");
        }
        this.block = symbol;
        this.imageShape = b.imageShape;
        this.inputSize = b.imageShape != null ? b.imageShape.size() : b.inputSize;
        this.type = parameterType(model, b.name);
        this.maxRowsPerCall = b.maxRowsPerCall;
        // the output-kind probe runs 16 rows of this width, in doubles and as the model's tensors
        io.jxplain.internal.HeapBudget.require(b.name + ": 16 probe rows of " + inputSize + " inputs",
                io.jxplain.internal.HeapBudget.doubles(32, inputSize));
        this.lifecycle = new NativeLifecycle("TorchScript " + b.name);
        JniUtils.enableInferenceMode(block); // eval(): dropout off, batch norm on running statistics
        // Only input gradients are wanted: frozen parameters also keep concurrent backward passes independent.
        model.getBlock().getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(false));
        this.outputSize = firstCall();
        if (b.outputKind != null) {
            this.outputKind = b.outputKind;
            this.outputKindDetected = false;
        } else {
            this.outputKind = OutputKindProbe.detect(this::forward, inputSize, outputSize);
            this.outputKindDetected = true;
        }
    }

    /** Loads a TorchScript file for inputs of {@code inputSize} features. */
    public static TorchScriptModel load(Path file, int inputSize) throws IOException {
        return builder(file).inputSize(inputSize).build();
    }

    public static Builder builder(Path file) {
        return new Builder(file, null, String.valueOf(file.getFileName()));
    }

    /** A model held in memory (e.g. shipped to a worker as bytes); {@code name} appears in messages. */
    public static Builder builder(byte[] bytes, String name) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("TorchScript model " + name + " is empty");
        }
        return new Builder(null, bytes.clone(), name);
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public OutputKind outputKind() {
        return outputKind;
    }

    /** True when the output kind was read off the model's outputs ({@link OutputKindProbe}), not given. */
    public boolean outputKindDetected() {
        return outputKindDetected;
    }

    @Override
    public Optional<ImageShape> imageShape() {
        return Optional.ofNullable(imageShape);
    }

    /** The element type of the parameters, which inputs are converted to. */
    public NumericType numericType() {
        return type;
    }

    @Override
    public double machineEpsilon() {
        return type.machineEpsilon();
    }

    @Override
    public String describe() {
        return "TorchScript " + name + " (" + inputSize + "→" + outputSize + ", " + type + ")";
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj batch) {
        checkWidth(batch);
        DMatrixRMaj result = new DMatrixRMaj(batch.numRows, outputSize);
        for (int start = 0; start < batch.numRows; start += maxRowsPerCall) {
            int end = Math.min(batch.numRows, start + maxRowsPerCall);
            DMatrixRMaj out = forward(slice(batch, start, end));
            System.arraycopy(out.data, 0, result.data, start * outputSize, out.data.length);
        }
        return result;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj batch, DMatrixRMaj outputGradients) {
        checkWidth(batch);
        if (outputGradients.numRows != batch.numRows || outputGradients.numCols != outputSize) {
            throw new IllegalArgumentException("output gradients must be " + batch.numRows + "×" + outputSize
                    + ", got " + outputGradients.numRows + "×" + outputGradients.numCols);
        }
        DMatrixRMaj result = new DMatrixRMaj(batch.numRows, inputSize);
        for (int start = 0; start < batch.numRows; start += maxRowsPerCall) {
            int end = Math.min(batch.numRows, start + maxRowsPerCall);
            DMatrixRMaj seeds = slice(outputGradients, start, end);
            DMatrixRMaj g = autograd(slice(batch, start, end), null, seeds).gradients();
            System.arraycopy(g.data, 0, result.data, start * inputSize, g.data.length);
        }
        return result;
    }

    /** One forward pass with autograd per chunk: the target's values and seeds come from that same pass. */
    @Override
    public TargetGradients targetGradients(Target target, DMatrixRMaj batch) {
        checkWidth(batch);
        double[] values = new double[batch.numRows];
        DMatrixRMaj grads = new DMatrixRMaj(batch.numRows, inputSize);
        for (int start = 0; start < batch.numRows; start += maxRowsPerCall) {
            int end = Math.min(batch.numRows, start + maxRowsPerCall);
            TargetGradients part = autograd(slice(batch, start, end), target, null);
            System.arraycopy(part.values(), 0, values, start, end - start);
            System.arraycopy(part.gradients().data, 0, grads.data, start * inputSize, part.gradients().data.length);
        }
        return new TargetGradients(values, grads);
    }

    /**
     * Forward with autograd on, then backward of Σᵢ uᵢ·f(xᵢ): with {@code target}, u is the target's seed read off
     * this pass's outputs; otherwise u = {@code seeds}.
     */
    private TargetGradients autograd(DMatrixRMaj rows, Target target, DMatrixRMaj seeds) {
        return lifecycle.call(() -> autogradOpen(rows, target, seeds));
    }

    private TargetGradients autogradOpen(DMatrixRMaj rows, Target target, DMatrixRMaj seeds) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = input(manager, rows);
            x.setRequiresGradient(true);
            boolean before = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
            try {
                NDArray out = call(x);
                DMatrixRMaj outputs = read(out, rows.numRows);
                double[] values = new double[rows.numRows];
                DMatrixRMaj u = seeds;
                if (target != null) {
                    u = new DMatrixRMaj(rows.numRows, outputSize);
                    target.valuesAndSeeds(outputKind, outputs, values, u);
                }
                NDArray weights = tensor(manager, u.data, new Shape(rows.numRows, outputSize)).reshape(out.getShape());
                NDArray objective = out.mul(weights).sum();
                // Straight to PyTorch's backward: DJL's GradientCollector allows one at a time per JVM.
                JniUtils.backward((PtNDArray) objective, (PtNDArray) objective.onesLike(), false, false);
                return new TargetGradients(values, DMatrixRMaj.wrap(rows.numRows, inputSize, toDoubles(x.getGradient())));
            } finally {
                JniUtils.setGradMode(before);
            }
        } catch (EngineException e) {
            throw new IllegalStateException(describe() + " failed in PyTorch: " + errorLine(e.getMessage()), e);
        }
    }

    private DMatrixRMaj forward(DMatrixRMaj rows) {
        return lifecycle.call(() -> forwardOpen(rows));
    }

    private DMatrixRMaj forwardOpen(DMatrixRMaj rows) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            return read(call(manager, rows), rows.numRows);
        } catch (EngineException e) {
            throw new IllegalStateException(describe() + " failed in PyTorch: " + errorLine(e.getMessage()), e);
        }
    }

    /**
     * Runs the module's forward on {@code rows} with autograd off for this thread. DJL's own inference call
     * runs under PyTorch's InferenceMode, whose tensors autograd later refuses ("Inference tensors cannot be saved
     * for backward"); so every call goes through DJL's training-flag path, with the grad mode set here instead.
     */
    private NDArray call(NDManager manager, DMatrixRMaj rows) {
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return call(input(manager, rows));
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    private NDArray call(NDArray x) {
        return IValueUtils.forward(block, new NDList(x), true).singletonOrThrow();
    }

    /** Runs one zero row: checks that the model takes the declared input and returns [1, k] or [1]. */
    private int firstCall() {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray out = call(manager, new DMatrixRMaj(1, inputSize));
            long[] shape = out.getShape().getShape();
            if (shape.length < 1 || shape.length > 2 || shape[0] != 1) {
                throw new IllegalArgumentException(name + " returns an output of shape " + out.getShape()
                        + " for one row; jxplain explains [batch, k] or [batch] outputs");
            }
            return shape.length == 1 ? 1 : Math.toIntExact(shape[1]);
        } catch (EngineException e) {
            throw new IllegalArgumentException(name + " rejects inputs of shape " + inputShape(1) + ": "
                    + errorLine(e.getMessage()), e);
        }
    }

    private NDArray input(NDManager manager, DMatrixRMaj rows) {
        return tensor(manager, rows.data, inputShape(rows.numRows));
    }

    /** The first shape.size() values of {@code data} in the model's element type. */
    private NDArray tensor(NDManager manager, double[] data, Shape shape) {
        int size = Math.toIntExact(shape.size());
        if (type == NumericType.FLOAT64) {
            return manager.create(data.length == size ? data : java.util.Arrays.copyOf(data, size), shape);
        }
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) data[i];
        }
        return manager.create(values, shape);
    }

    private Shape inputShape(int rows) {
        return imageShape == null ? new Shape(rows, inputSize)
                : new Shape(rows, imageShape.channels(), imageShape.height(), imageShape.width());
    }

    private DMatrixRMaj read(NDArray out, int rows) {
        long[] shape = out.getShape().getShape();
        if (shape.length < 1 || shape.length > 2 || shape[0] != rows) {
            throw new IllegalStateException(describe() + " returned an output of shape " + out.getShape()
                    + " for a batch of " + rows + " rows");
        }
        double[] values = toDoubles(out);
        return DMatrixRMaj.wrap(rows, values.length / rows, values);
    }

    private static double[] toDoubles(NDArray array) {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        float[] f = array.toType(DataType.FLOAT32, false).toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private void checkWidth(DMatrixRMaj batch) {
        if (batch.numCols != inputSize) {
            throw new IllegalArgumentException(describe() + " takes " + inputSize + " features per row, got "
                    + batch.numCols);
        }
    }

    private static DMatrixRMaj slice(DMatrixRMaj m, int start, int end) {
        if (start == 0 && end == m.numRows) {
            return m;
        }
        DMatrixRMaj s = new DMatrixRMaj(end - start, m.numCols);
        System.arraycopy(m.data, start * m.numCols, s.data, 0, s.data.length);
        return s;
    }

    /** float64 when any floating-point parameter is float64, float32 otherwise (and for parameter-free modules). */
    private static NumericType parameterType(ai.djl.Model model, String name) {
        NumericType type = NumericType.FLOAT32;
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            DataType t = p.getValue().getArray().getDataType();
            if (t == DataType.FLOAT64) {
                type = NumericType.FLOAT64;
            } else if (t != DataType.FLOAT32) {
                throw new IllegalArgumentException(name + ": parameter " + p.getKey() + " is " + t
                        + "; jxplain explains float32 or float64 TorchScript models");
            }
        }
        return type;
    }

    /** The line of a PyTorch error that says what went wrong: TorchScript puts it last, after a traceback. */
    private static String errorLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String[] lines = message.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.startsWith("RuntimeError:") || line.startsWith("ValueError:") || line.startsWith("TypeError:")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return lines[0].strip();
    }

    @Override
    public void close() {
        lifecycle.close(model::close);
    }

    /** Options of {@link TorchScriptModel}: the input's shape, what the output means, rows per call. */
    public static final class Builder {
        private final Path file;
        private final byte[] bytes;
        private final String name;
        private int inputSize;
        private ImageShape imageShape;
        private OutputKind outputKind;
        private int maxRowsPerCall = BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL;

        private Builder(Path file, byte[] bytes, String name) {
            this.file = file;
            this.bytes = bytes;
            this.name = name;
        }

        /** A flat input of {@code d} features: the model is called on [batch, d]. */
        public Builder inputSize(int d) {
            Checks.requirePositive("inputSize", d);
            this.inputSize = d;
            this.imageShape = null;
            return this;
        }

        /** An image input: the model is called on [batch, channels, height, width]. */
        public Builder imageShape(ImageShape shape) {
            this.imageShape = shape;
            this.inputSize = shape.size();
            return this;
        }

        /** What the outputs mean; when not given, read off the model by {@link OutputKindProbe}. */
        public Builder outputKind(OutputKind kind) {
            this.outputKind = kind;
            return this;
        }

        /** Cap on rows per forward pass (memory bound); default {@value BatchedEvaluation#DEFAULT_MAX_ROWS_PER_CALL}. */
        public Builder maxRowsPerCall(int rows) {
            Checks.requirePositive("maxRowsPerCall", rows);
            this.maxRowsPerCall = rows;
            return this;
        }

        public TorchScriptModel build() throws IOException {
            if (inputSize < 1) {
                throw new IllegalArgumentException(name + ": a TorchScript file does not declare its input shape;"
                        + " give the number of features or the image shape");
            }
            if (file != null && !Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "TorchScript model not found");
            }
            TorchRuntime.prepare();
            ai.djl.Model model;
            try {
                model = ai.djl.Model.newInstance(name, Device.cpu(), "PyTorch");
            } catch (EngineException e) {
                String cause = errorLine(e.getMessage()) + (e.getCause() == null ? "" : ": " + e.getCause().getMessage());
                throw new IllegalStateException(TorchRuntime.nativeLibraryMissing(cause), e);
            }
            try {
                // trainParam: DJL otherwise loads the parameters as inference tensors, which autograd cannot use
                // even for input gradients; they are frozen (requires_grad off) after loading.
                Map<String, Object> options = Map.of("trainParam", "true");
                if (bytes != null) {
                    model.load(new ByteArrayInputStream(bytes), options);
                } else {
                    model.load(file, null, options);
                }
                return new TorchScriptModel(this, model);
            } catch (MalformedModelException | EngineException e) {
                model.close();
                throw new IllegalArgumentException(name + " is not a TorchScript model PyTorch can load: "
                        + errorLine(e.getMessage()), e);
            } catch (RuntimeException | IOException e) {
                model.close();
                throw e;
            }
        }
    }
}
