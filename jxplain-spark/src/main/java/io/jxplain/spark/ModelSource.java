package io.jxplain.spark;

import io.jxplain.model.FiniteDifferences;
import io.jxplain.model.ImageShape;
import io.jxplain.model.Model;
import io.jxplain.model.OutputKind;
import io.jxplain.model.nn.NetworkJson;
import io.jxplain.onnx.OnnxModel;
import io.jxplain.torch.TorchScriptModel;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A model as data, to ship to Spark executors: the file's bytes (jxplain JSON, ONNX or TorchScript) and how to read
 * them, never a live Java object (ONNX and PyTorch sessions are not serialisable). Executors open it once per JVM
 * ({@link ExecutorModels}). An ONNX model gets gradients by central finite differences, as in the CLI. A built-in
 * network brings its feature names and input standardisation, applied as the CLI does (explanations are in the
 * model's standardised input space).
 */
public final class ModelSource implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The formats: jxplain's networks, ONNX, TorchScript, and XGBoost's JSON models (read in Java). */
    public enum Format { BUILT_IN, ONNX, TORCHSCRIPT, XGBOOST }

    private final Format format;
    private final String name;
    private final byte[] bytes;
    private final String outputKind;  // null: as the model says or as detected
    private final String imageShape;  // TorchScript images
    private final int inputSize;      // TorchScript flat inputs (0: not given)
    private final String onnxOutput;  // null: the only output
    private final java.util.List<String> featureNames; // built-in networks that name their columns, else empty
    private final double[] inputMean;  // built-in networks trained on standardised data, else null
    private final double[] inputScale;
    private transient String cacheKey; // SHA-256 of the bytes, computed once per JVM (each task asks for it)

    private ModelSource(Format format, String name, byte[] bytes, String outputKind, String imageShape, int inputSize,
                        String onnxOutput) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("model " + name + " is empty");
        }
        this.format = format;
        this.name = name;
        this.bytes = bytes;
        this.outputKind = outputKind;
        this.imageShape = imageShape;
        this.inputSize = inputSize;
        this.onnxOutput = onnxOutput;
        io.jxplain.model.nn.NetworkFile file = networkFile();
        this.featureNames = file == null ? java.util.List.of() : new java.util.ArrayList<>(file.featureNames());
        this.inputMean = file != null && file.hasStandardization() ? file.inputMean().clone() : null;
        this.inputScale = file != null && file.hasStandardization() ? file.inputScale().clone() : null;
    }

    /**
     * Refuses a built-in network with categorical features: the Spark engine reads numeric columns only (the local
     * engine reads the categories' text).
     */
    public void requireNumericFeatures() {
        io.jxplain.model.nn.NetworkFile file = networkFile();
        if (file != null && file.hasCategories()) {
            throw new IllegalArgumentException(name + " has categorical features " + file.categories().keySet()
                    + ": the Spark engine reads numeric columns only; explain it with the local engine");
        }
    }

    /** A built-in network's file, with its feature names and standardisation; null for external formats. */
    public io.jxplain.model.nn.NetworkFile networkFile() {
        if (format != Format.BUILT_IN) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(io.jxplain.io.InvalidJson.of(name, e).getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
        try {
            return NetworkJson.fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** The columns a built-in network was trained on, in its input order (empty when it does not say). */
    public java.util.List<String> featureNames() {
        return java.util.List.copyOf(featureNames);
    }

    /** Maps a raw row to the model's input space: (x − mean)/scale for a network trained on standardised data. */
    double[] toModelInput(double[] raw) {
        if (inputMean == null) {
            return raw;
        }
        double[] x = new double[raw.length];
        for (int j = 0; j < raw.length; j++) {
            x[j] = (raw[j] - inputMean[j]) / inputScale[j];
        }
        return x;
    }

    /**
     * The format a file's extension names: .json (a jxplain network, or an XGBoost model when its first key is
     * "learner"), .onnx, .pt (also .pth, .torchscript).
     */
    public static Format formatOf(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder, not a model file");
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return io.jxplain.model.tree.XgboostModel.looksLikeOne(file) ? Format.XGBOOST : Format.BUILT_IN;
        }
        if (lower.endsWith(".onnx")) {
            return Format.ONNX;
        }
        if (lower.endsWith(".pt") || lower.endsWith(".pth") || lower.endsWith(".torchscript")) {
            return Format.TORCHSCRIPT;
        }
        throw new IllegalArgumentException(file + ": unknown model format; jxplain reads .json (its own networks, or"
                + " XGBoost's JSON models), .onnx (ONNX) and .pt (TorchScript)");
    }

    /** Reads a .json, .onnx or .pt file (chosen by extension; an XGBoost model by its first key). */
    public static ModelSource of(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder, not a model file");
        }
        Format format = formatOf(file);
        try {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "model file not found");
            }
            return new ModelSource(format, file.getFileName().toString(), Files.readAllBytes(file), null, null, 0, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the outputs mean, for an external model whose kind should not be detected. */
    public ModelSource withOutputKind(OutputKind kind) {
        return new ModelSource(format, name, bytes, kind.name(), imageShape, inputSize, onnxOutput);
    }

    /** A TorchScript model's input width (TorchScript files do not declare it). */
    public ModelSource withInputSize(int d) {
        return new ModelSource(format, name, bytes, outputKind, imageShape, d, onnxOutput);
    }

    /** A TorchScript image model's input shape. */
    public ModelSource withImageShape(ImageShape shape) {
        return new ModelSource(format, name, bytes, outputKind, shape.toString(), inputSize, onnxOutput);
    }

    /** The explained output of an ONNX graph with several. */
    public ModelSource withOnnxOutput(String output) {
        return new ModelSource(format, name, bytes, outputKind, imageShape, inputSize, output);
    }

    public Format format() {
        return format;
    }

    public String name() {
        return name;
    }

    /** Identifies the model and its reading options: executors cache one open model per key. */
    public String cacheKey() {
        String k = cacheKey;
        if (k == null) {
            k = digest();
            cacheKey = k;
        }
        return k;
    }

    private String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes);
            sha.update((format + "|" + outputKind + "|" + imageShape + "|" + inputSize + "|" + onnxOutput)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens the model, what explainers run on: an ONNX model wrapped in finite differences for its gradients. */
    public Model open() {
        Model m = openModel();
        return m instanceof OnnxModel onnx ? FiniteDifferences.of(onnx) : m;
    }

    /**
     * Opens the model as its format reads it (an {@link OnnxModel}, a {@link TorchScriptModel}, a built-in network or an
     * XGBoost model's {@link io.jxplain.model.tree.TreeEnsemble}).
     * The caller owns it: ONNX and TorchScript models hold native sessions, to be closed.
     */
    public Model openModel() {
        try {
            switch (format) {
                case BUILT_IN -> {
                    // a network with categories takes raw rows with codes (it encodes and standardises them itself)
                    io.jxplain.model.nn.NetworkFile file = networkFile();
                    return file.hasCategories() ? file.model() : file.network();
                }
                case XGBOOST -> {
                    return io.jxplain.model.tree.XgboostModel.read(bytes, name);
                }
                case ONNX -> {
                    OnnxModel.Builder b = OnnxModel.builder(bytes, name).output(onnxOutput);
                    if (outputKind != null) {
                        b.outputKind(OutputKind.valueOf(outputKind));
                    }
                    return b.build();
                }
                default -> {
                    TorchScriptModel.Builder b = TorchScriptModel.builder(bytes, name);
                    if (imageShape != null) {
                        b.imageShape(ImageShape.parse(imageShape));
                    } else if (inputSize > 0) {
                        b.inputSize(inputSize);
                    }
                    if (outputKind != null) {
                        b.outputKind(OutputKind.valueOf(outputKind));
                    }
                    return b.build();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }
}
