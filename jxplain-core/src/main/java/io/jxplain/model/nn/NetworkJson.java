package io.jxplain.model.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jxplain.model.OutputKind;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The network JSON format (version 1):
 * <pre>
 * {
 *   "format": "jxplain-network", "version": 1,
 *   "output": "logits" | "probabilities" | "regression",   // probabilities: softmax after the last layer
 *   "elu_alpha": 1.0,
 *   "layers": [ {"W": [[...], ...] (out × in), "b": [...], "activation": "elu"|"relu"|"tanh"|"sigmoid"|"identity"}, ... ],
 *   "feature_names": [...], "target_name": "y",                 // optional
 *   "standardization": {"mean": [...], "scale": [...]},        // optional: inputs are (x − mean) / scale
 *   "provenance": {...}                                        // optional: how it was trained
 * }
 * </pre>
 * Layers compute h ← act(W·h + b). The Captum reference files in shared/reference (no "format" key,
 * activation "none", "explained_output") are read as well: their output is read as logits.
 */
public final class NetworkJson {
    public static final String FORMAT = "jxplain-network";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NetworkJson() {
    }

    public static void write(NetworkFile file, Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        MAPPER.writeValue(path.toFile(), toJson(file));
    }

    public static ObjectNode toJson(NetworkFile file) {
        Network net = file.network();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("output", net.outputKind().name().toLowerCase(Locale.ROOT));
        root.put("elu_alpha", net.eluAlpha());
        ArrayNode layers = root.putArray("layers");
        for (DenseLayer layer : net.sharedLayers()) {
            ObjectNode l = layers.addObject();
            ArrayNode w = l.putArray("W");
            DMatrixRMaj m = layer.weights();
            for (int i = 0; i < m.numRows; i++) {
                ArrayNode row = w.addArray();
                for (int j = 0; j < m.numCols; j++) {
                    row.add(m.get(i, j));
                }
            }
            ArrayNode b = l.putArray("b");
            for (double v : layer.bias()) {
                b.add(v);
            }
            l.put("activation", layer.activation().jsonName());
        }
        if (!file.featureNames().isEmpty()) {
            ArrayNode names = root.putArray("feature_names");
            file.featureNames().forEach(names::add);
        }
        if (file.targetName() != null) {
            root.put("target_name", file.targetName());
        }
        if (file.hasStandardization()) {
            ObjectNode s = root.putObject("standardization");
            ArrayNode mean = s.putArray("mean");
            for (double v : file.inputMean()) {
                mean.add(v);
            }
            ArrayNode scale = s.putArray("scale");
            for (double v : file.inputScale()) {
                scale.add(v);
            }
        }
        if (!file.provenance().isEmpty()) {
            root.set("provenance", MAPPER.valueToTree(file.provenance()));
        }
        return root;
    }

    public static NetworkFile read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "model file not found");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(path.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(path + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    public static NetworkFile fromJson(JsonNode root) {
        if (root == null || !root.isObject() || !root.has("layers")) {
            throw new IllegalArgumentException("not a network file: no \"layers\" array");
        }
        if (root.has("format") && !FORMAT.equals(root.get("format").asText())) {
            throw new IllegalArgumentException("unknown format '" + root.get("format").asText() + "'");
        }
        if (root.has("version") && root.get("version").asInt() != 1) {
            throw new IllegalArgumentException("unsupported format version " + root.get("version").asInt());
        }
        OutputKind kind = root.has("output")
                ? parseOutput(root.get("output").asText())
                : OutputKind.LOGITS;
        double alpha = root.path("elu_alpha").asDouble(1.0);
        List<DenseLayer> layers = new ArrayList<>();
        int index = 0;
        for (JsonNode l : root.get("layers")) {
            layers.add(readLayer(l, index++));
        }
        Network network = new Network(layers, kind, alpha, true);
        List<String> names = new ArrayList<>();
        root.path("feature_names").forEach(n -> names.add(n.asText()));
        String target = root.hasNonNull("target_name") ? root.get("target_name").asText() : null;
        double[] mean = null;
        double[] scale = null;
        JsonNode s = root.get("standardization");
        if (s != null && s.has("mean") && s.has("scale")) {
            mean = vector(s.get("mean"), "standardization.mean");
            scale = vector(s.get("scale"), "standardization.scale");
            for (double v : scale) {
                if (!(v > 0)) {
                    throw new IllegalArgumentException("standardization.scale must be positive, found " + v);
                }
            }
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        if (root.has("provenance")) {
            provenance.putAll(MAPPER.convertValue(root.get("provenance"), Map.class));
        }
        return new NetworkFile(network, names, target, mean, scale, provenance);
    }

    private static OutputKind parseOutput(String text) {
        try {
            return OutputKind.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("output must be logits, probabilities or regression, got '" + text + "'");
        }
    }

    private static DenseLayer readLayer(JsonNode l, int index) {
        JsonNode w = l.get("W");
        if (w == null || !w.isArray() || w.size() == 0 || !w.get(0).isArray()) {
            throw new IllegalArgumentException("layer " + index + ": \"W\" must be a non-empty matrix (out × in)");
        }
        int rows = w.size();
        int cols = w.get(0).size();
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows; i++) {
            JsonNode row = w.get(i);
            if (row.size() != cols) {
                throw new IllegalArgumentException("layer " + index + ": row " + i + " of W has " + row.size()
                        + " entries, expected " + cols);
            }
            for (int j = 0; j < cols; j++) {
                m.set(i, j, number(row.get(j), "layer " + index + " W[" + i + "][" + j + "]"));
            }
        }
        double[] b = vector(l.get("b"), "layer " + index + " b");
        String act = l.path("activation").asText("identity");
        return new DenseLayer(m, b, Activation.parse(act));
    }

    private static double[] vector(JsonNode node, String what) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(what + " must be an array of numbers");
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(node.get(i), what + "[" + i + "]");
        }
        return v;
    }

    private static double number(JsonNode node, String what) {
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException(what + " must be a number, got " + node);
        }
        return node.asDouble();
    }
}
