package io.jxplain.onnx;

import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.jxplain.internal.Checks;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.ImageShape;
import io.jxplain.model.NativeLifecycle;
import io.jxplain.model.Model;
import io.jxplain.model.NumericType;
import io.jxplain.model.OutputKind;
import io.jxplain.model.OutputKindProbe;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An ONNX model run by ONNX Runtime, as a black-box {@link Model}: every perturbation method applies directly,
 * gradient methods through {@link io.jxplain.model.FiniteDifferences}, and SmoothGrad's limit without any gradient
 * through {@link io.jxplain.explain.ClosedFormSmoothGrad} (Agarwal et al. 2021, Theorem 1).
 *
 * <p>Rows are fed in the element type the graph declares (float32 or float64), at most {@code maxRowsPerCall} per
 * session call. One session serves every thread (ONNX Runtime sessions are thread-safe); by default each call uses
 * one ONNX Runtime thread, since jxplain parallelises across instances and results then do not depend on the
 * thread count. Close the model to free the native session.
 */
public final class OnnxModel implements Model, AutoCloseable {
    private final String name;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final OnnxSignature signature;
    private final int outputSize;
    private final OutputKind outputKind;
    private final boolean outputKindDetected;
    private final int maxRowsPerCall;
    private final NativeLifecycle lifecycle;
    private final List<String> treeOperators;
    private final OnnxTrees trees;

    private OnnxModel(Builder b, OrtEnvironment environment, OrtSession session, OnnxSignature signature,
                      List<String> treeOperators, OnnxTrees trees) {
        this.name = b.name;
        this.treeOperators = treeOperators;
        this.trees = trees;
        this.environment = environment;
        this.session = session;
        this.signature = signature;
        this.maxRowsPerCall = b.maxRowsPerCall;
        this.lifecycle = new NativeLifecycle("ONNX " + b.name);
        long declared = signature.declaredOutputSize();
        this.outputSize = declared > 0 ? (int) declared : run(new DMatrixRMaj(1, signature.inputSize())).numCols;
        if (b.outputKind != null) {
            this.outputKind = b.outputKind;
            this.outputKindDetected = false;
        } else if (signature.zipMap()) { // a ZipMap's maps are class probabilities by definition
            this.outputKind = OutputKind.PROBABILITIES;
            this.outputKindDetected = true;
        } else {
            this.outputKind = OutputKindProbe.detect(this::run, signature.inputSize(), outputSize);
            this.outputKindDetected = true;
        }
    }

    /** Loads {@code file} with the defaults: its only input and output, output kind detected. */
    public static OnnxModel load(Path file) throws IOException {
        return builder(file).build();
    }

    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /** A model held in memory (e.g. shipped to a worker as bytes); {@code name} appears in messages. */
    public static Builder builder(byte[] bytes, String name) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("ONNX model " + name + " is empty");
        }
        return new Builder(bytes, name);
    }

    @Override
    public int inputSize() {
        return signature.inputSize();
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
        return signature.imageShape();
    }

    /**
     * True when the graph holds tree-ensemble operators (ONNX-ML {@code TreeEnsembleClassifier}/{@code Regressor}):
     * piecewise constant, so its gradient is zero almost everywhere and finite differences only see its steps.
     */
    @Override
    public boolean piecewiseConstant() {
        return !treeOperators.isEmpty();
    }

    /** The graph's tree-ensemble operators, if any (what {@link #piecewiseConstant()} is read from). */
    public List<String> treeOperators() {
        return treeOperators;
    }

    /**
     * Why {@link #treeEnsemble} cannot rebuild this graph's trees (no ensemble, an operator setting it does not read,
     * trees fed by other nodes); empty when it can.
     */
    public Optional<String> treeEnsembleProblem() {
        return trees == null ? Optional.of("it has no ONNX-ML tree ensemble") : Optional.ofNullable(trees.refusal());
    }

    /** Whether every node of the graph's tree ensemble carries a cover (nodes_hitrates); else covers come from rows. */
    public boolean treeCoversInFile() {
        return trees != null && trees.coversInFile();
    }

    /**
     * The graph's tree ensemble rebuilt in Java, which {@link io.jxplain.explain.TreeShap} explains exactly: its
     * classifier's probabilities become logits when a softmax or logistic follows the trees (TreeSHAP explains those
     * sums, as XGBoost's pred_contribs does). Covers come from the file's {@code nodes_hitrates}, else from
     * {@code coverRows} (what skl2onnx files need: a background or the explained rows). Before it is returned, its
     * outputs are checked against ONNX Runtime's on up to 256 of {@code coverRows}.
     *
     * @param coverRows rows in this model's input order: the covers' data when the file has none, and the check's
     * @return the ensemble, whose outputs are this model's (or their logits) to float precision
     * @throws IllegalArgumentException when the graph has no ensemble jxplain rebuilds (saying why), or when the
     *                                  rebuilt one does not reproduce this model's outputs
     */
    public io.jxplain.model.tree.TreeEnsemble treeEnsemble(DMatrixRMaj coverRows) {
        Optional<String> problem = treeEnsembleProblem();
        if (problem.isPresent()) {
            throw new IllegalArgumentException(describe() + " cannot be rebuilt as a tree ensemble: " + problem.get());
        }
        io.jxplain.internal.Checks.requireFiniteRows("coverRows", coverRows, 0, coverRows.numRows, inputSize());
        if (coverRows.numRows == 0) {
            throw new IllegalArgumentException("coverRows is empty; the rebuilt trees are checked on rows");
        }
        io.jxplain.model.tree.TreeEnsemble ensemble = trees.rebuild(coverRows, "ONNX " + name);
        if (ensemble.outputSize() != outputSize) {
            throw new IllegalArgumentException(describe() + ": the rebuilt trees have " + ensemble.outputSize()
                    + " outputs but the explained output has " + outputSize);
        }
        DMatrixRMaj probe = org.ejml.dense.row.CommonOps_DDRM.extract(coverRows, 0,
                Math.min(256, coverRows.numRows), 0, coverRows.numCols);
        DMatrixRMaj expected = predict(probe);
        DMatrixRMaj rebuilt = ensemble.predict(probe);
        boolean softmax = ensemble.outputKind() == OutputKind.LOGITS && outputKind == OutputKind.PROBABILITIES;
        // ONNX Runtime adds the leaves in float: a rounding error per tree at most
        double tolerance = 4 * (ensemble.trees().size() + 2) * Math.ulp(1.0f);
        for (int i = 0; i < probe.numRows; i++) {
            double[] row = java.util.Arrays.copyOfRange(rebuilt.data, i * outputSize, (i + 1) * outputSize);
            if (softmax) {
                double sum = io.jxplain.model.Softmax.shiftedExponentials(row, 0, outputSize, row, 0);
                for (int k = 0; k < outputSize; k++) {
                    row[k] /= sum;
                }
            }
            for (int k = 0; k < outputSize; k++) {
                double want = expected.get(i, k);
                if (!(Math.abs(row[k] - want) <= tolerance * (1 + Math.abs(want)))) {
                    throw new IllegalArgumentException(describe() + ": its trees, rebuilt in Java, give " + row[k]
                            + " for output " + k + " of row " + i + " where ONNX Runtime gives " + want
                            + "; the graph does more than its tree ensemble (use shapley-exact or kernel-shap)");
                }
            }
        }
        return ensemble;
    }

    @Override
    public double machineEpsilon() {
        return signature.inputType().machineEpsilon();
    }

    /** Names, shapes and element types of the graph's inputs and outputs, and which are explained. */
    public OnnxSignature signature() {
        return signature;
    }

    @Override
    public String describe() {
        return "ONNX " + name + " (" + inputSize() + "→" + outputSize + ", " + signature.inputType() + ")";
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj batch) {
        if (batch.numCols != inputSize()) {
            throw new IllegalArgumentException(describe() + " takes " + inputSize() + " features per row, got "
                    + batch.numCols);
        }
        int n = batch.numRows;
        long fixed = signature.fixedBatch();
        int perCall = fixed > 0 ? (int) fixed : maxRowsPerCall;
        if (n <= perCall && fixed <= 0) {
            return run(batch);
        }
        DMatrixRMaj result = new DMatrixRMaj(n, outputSize);
        int d = batch.numCols;
        for (int start = 0; start < n; start += perCall) {
            int rows = fixed > 0 ? perCall : Math.min(perCall, n - start);
            int real = Math.min(rows, n - start);
            DMatrixRMaj chunk = new DMatrixRMaj(rows, d);
            System.arraycopy(batch.data, start * d, chunk.data, 0, real * d);
            for (int pad = real; pad < rows; pad++) { // a fixed batch size is filled up with copies of the last row
                System.arraycopy(batch.data, (start + real - 1) * d, chunk.data, pad * d, d);
            }
            DMatrixRMaj out = run(chunk);
            System.arraycopy(out.data, 0, result.data, start * outputSize, real * outputSize);
        }
        return result;
    }

    /** One session call on all rows of {@code batch}. */
    private DMatrixRMaj run(DMatrixRMaj batch) {
        return lifecycle.call(() -> runOpen(batch));
    }

    private DMatrixRMaj runOpen(DMatrixRMaj batch) {
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try {
            int offset = 0;
            for (OnnxSignature.Fed fed : signature.fed()) {
                long[] shape = fed.shape().clone();
                shape[0] = batch.numRows;
                inputs.put(fed.name(), tensor(batch, offset, fed.width(), shape));
                offset += fed.width();
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(signature.outputName()))) {
                OnnxValue value = result.get(0);
                if (value instanceof OnnxSequence maps && signature.zipMap()) {
                    return readMaps(maps, batch.numRows);
                }
                if (!(value instanceof OnnxTensor out)) {
                    throw new IllegalStateException(describe() + ": output '" + signature.outputName()
                            + "' is not a tensor");
                }
                return read(out, batch.numRows);
            }
        } catch (OrtException e) {
            throw new IllegalStateException(describe() + " failed in ONNX Runtime: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Columns [offset, offset + width) of every row, as a tensor of {@code shape} in the graph's element type. */
    private OnnxTensor tensor(DMatrixRMaj batch, int offset, int width, long[] shape) throws OrtException {
        int n = batch.numRows;
        int d = batch.numCols;
        boolean whole = offset == 0 && width == d;
        if (signature.inputType() == NumericType.FLOAT64) {
            double[] values = whole ? batch.data : new double[n * width];
            for (int i = 0; !whole && i < n; i++) {
                System.arraycopy(batch.data, i * d + offset, values, i * width, width);
            }
            return OnnxTensor.createTensor(environment, DoubleBuffer.wrap(values, 0, n * width), shape);
        }
        float[] values = new float[n * width];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                values[i * width + j] = (float) batch.data[i * d + offset + j];
            }
        }
        return OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape);
    }

    /**
     * A ZipMap output, one {class: probability} map per row, as probability columns in the order of the classes
     * (sorted: the converters label classes in sorted order, as scikit-learn's {@code classes_}).
     */
    private DMatrixRMaj readMaps(OnnxSequence maps, int rows) throws OrtException {
        List<? extends OnnxValue> elements = maps.getValue();
        if (elements.size() != rows) {
            throw new IllegalStateException(describe() + ": output '" + signature.outputName() + "' has "
                    + elements.size() + " maps for a batch of " + rows + " rows");
        }
        List<Object> classes = null;
        DMatrixRMaj result = null;
        for (int i = 0; i < rows; i++) {
            Map<?, ?> row = ((OnnxMap) elements.get(i)).getValue();
            if (classes == null) {
                classes = new ArrayList<>(row.keySet());
                classes.sort(null); // Long or String keys: their natural order
                result = new DMatrixRMaj(rows, classes.size());
            }
            if (row.size() != classes.size()) {
                throw new IllegalStateException(describe() + ": row " + i + "'s map has " + row.size() + " classes, the"
                        + " first row's " + classes.size());
            }
            for (int c = 0; c < classes.size(); c++) {
                Object p = row.get(classes.get(c));
                if (!(p instanceof Number number)) {
                    throw new IllegalStateException(describe() + ": row " + i + " has no probability for class "
                            + classes.get(c));
                }
                result.data[i * classes.size() + c] = number.doubleValue();
            }
        }
        return result;
    }

    private DMatrixRMaj read(OnnxTensor out, int rows) {
        long[] shape = out.getInfo().getShape();
        long count = 1;
        for (long s : shape) {
            count *= s;
        }
        if (shape.length < 1 || shape.length > 2 || shape[0] != rows) {
            throw new IllegalStateException(describe() + ": output '" + signature.outputName() + "' has shape "
                    + java.util.Arrays.toString(shape) + " for a batch of " + rows + " rows");
        }
        int k = Math.toIntExact(count / Math.max(1, rows));
        DMatrixRMaj result = new DMatrixRMaj(rows, k);
        switch (out.getInfo().type) {
            case FLOAT -> {
                FloatBuffer buffer = out.getFloatBuffer();
                for (int i = 0; i < result.data.length; i++) {
                    result.data[i] = buffer.get(i);
                }
            }
            case DOUBLE -> out.getDoubleBuffer().get(result.data, 0, result.data.length);
            default -> throw new IllegalStateException(describe() + ": output holds " + out.getInfo().type);
        }
        return result;
    }

    /** Waits for calls in progress, then frees the native session; later calls fail with a clear message. */
    @Override
    public void close() {
        lifecycle.close(() -> {
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("closing " + describe() + ": " + e.getMessage(), e);
            }
        });
    }

    /** Options of {@link OnnxModel}: which input and output, what the output means, rows per call, threads. */
    public static final class Builder {
        private final Path file;
        private final String name;
        private byte[] bytes;
        private String input;
        private String output;
        private OutputKind outputKind;
        private int maxRowsPerCall = BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL;
        private int intraOpThreads = 1;

        private Builder(Path file) {
            this.file = file;
            this.name = file == null ? "model" : String.valueOf(file.getFileName());
        }

        private Builder(byte[] bytes, String name) {
            this.file = null;
            this.bytes = bytes.clone();
            this.name = name;
        }

        /** The explained input, when the graph has several. */
        public Builder input(String name) {
            this.input = name;
            return this;
        }

        /** The explained output, when the graph has several. */
        public Builder output(String name) {
            this.output = name;
            return this;
        }

        /** What the outputs mean; when not given, read off the model by {@link OutputKindProbe}. */
        public Builder outputKind(OutputKind kind) {
            this.outputKind = kind;
            return this;
        }

        /** Cap on rows per session call (memory bound); default {@value BatchedEvaluation#DEFAULT_MAX_ROWS_PER_CALL}. */
        public Builder maxRowsPerCall(int rows) {
            Checks.requirePositive("maxRowsPerCall", rows);
            this.maxRowsPerCall = rows;
            return this;
        }

        /** ONNX Runtime's threads inside one call (default 1: jxplain parallelises across instances). */
        public Builder intraOpThreads(int threads) {
            Checks.requirePositive("intraOpThreads", threads);
            this.intraOpThreads = threads;
            return this;
        }

        public OnnxModel build() throws IOException {
            byte[] model = bytes != null ? bytes : readFile();
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession session;
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(intraOpThreads);
                options.setInterOpNumThreads(1);
                session = env.createSession(model, options);
            } catch (OrtException e) {
                throw new IllegalArgumentException(name + " is not a model ONNX Runtime can load: "
                        + firstLine(e.getMessage()), e);
            }
            try {
                OnnxSignature signature = OnnxSignature.of(name, session.getInputInfo(), session.getOutputInfo(),
                        input, output);
                ai.onnx.proto.OnnxMl.GraphProto graph = OnnxGraph.parse(model);
                List<String> treeOperators = OnnxGraph.treeOperators(graph);
                return new OnnxModel(this, env, session, signature, treeOperators,
                        treeOperators.isEmpty() ? null : OnnxTrees.read(graph, signature));
            } catch (OrtException | RuntimeException e) {
                try {
                    session.close();
                } catch (OrtException ignored) {
                    // the original error is the one worth reporting
                }
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }

        private byte[] readFile() throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "ONNX model not found");
            }
            return Files.readAllBytes(file);
        }

        private static String firstLine(String message) {
            if (message == null) {
                return "unknown error";
            }
            int newline = message.indexOf('\n');
            return newline < 0 ? message : message.substring(0, newline);
        }
    }
}
