package io.jxplain.model.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jxplain.io.StagedFile;
import io.jxplain.model.ImageShape;
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
 *   "input_shape": [channels, height, width],                 // image networks only
 *   // an image network's layers start with image layers, then {"type": "flatten"}, then dense layers:
 *   //   {"type": "conv2d", "kernel": k, "stride": s, "padding": p, "W": [filters][channels][k][k], "b": [...], "activation": ...}
 *   //   {"type": "max_pool2d" | "avg_pool2d", "size": k, "stride": s}
 *   // dense layers may say {"type": "dense", ...}; without "type" a layer is dense
 *   "feature_names": [...], "target_name": "y",                 // optional
 *   "categories": {"colour": ["blue", "red"], ...},            // optional: features read as category codes, each
 *                                                              //   one input per level (one-hot) in its place
 *   "standardization": {"mean": [...], "scale": [...]},        // optional: inputs are (x − mean) / scale
 *   "provenance": {...}                                        // optional: how it was trained
 * }
 * </pre>
 * Dense layers compute h ← act(W·h + b); flattening is channel by channel, row by row (PyTorch's order). The Captum reference files in shared/reference (no "format" key,
 * activation "none", "explained_output") are read as well: their output is read as logits.
 */
public final class NetworkJson {
    /** The {@code format} field of jxplain's model files. */
    public static final String FORMAT = "jxplain-network";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NetworkJson() {
    }

    /** Writes the network file as one atomic replacement of {@code path} (a failed write leaves it as it was). */
    public static void write(NetworkFile file, Path path) throws IOException {
        ObjectNode json = toJson(file);
        StagedFile.write(path, out -> MAPPER.writeValue(out, json));
    }

    /** Writes the network file to {@code out} (which it closes). */
    public static void write(NetworkFile file, java.io.OutputStream out) throws IOException {
        MAPPER.writeValue(out, toJson(file));
    }

    /** The network file as a JSON tree, in the documented format. */
    public static ObjectNode toJson(NetworkFile file) {
        Network net = file.network();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("output", net.outputKind().name().toLowerCase(Locale.ROOT));
        root.put("elu_alpha", net.eluAlpha());
        ArrayNode layers = root.putArray("layers");
        net.imageShape().ifPresent(shape -> {
            ArrayNode dims = root.putArray("input_shape");
            dims.add(shape.channels()).add(shape.height()).add(shape.width());
        });
        for (ImageLayer layer : net.sharedImageLayers()) {
            writeImageLayer(layer, layers.addObject());
        }
        if (net.imageShape().isPresent()) {
            layers.addObject().put("type", "flatten");
        }
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
        if (!file.categories().isEmpty()) {
            ObjectNode c = root.putObject("categories");
            file.categories().forEach((name, levels) -> levels.forEach(c.putArray(name)::add));
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

    private static void writeImageLayer(ImageLayer layer, ObjectNode l) {
        if (layer instanceof Conv2D c) {
            l.put("type", "conv2d");
            l.put("kernel", c.kernel());
            l.put("stride", c.stride());
            l.put("padding", c.padding());
            ArrayNode w = l.putArray("W");
            int k = c.kernel();
            int t = 0;
            for (int o = 0; o < c.filters(); o++) {
                ArrayNode filter = w.addArray();
                for (int ch = 0; ch < c.inputShape().channels(); ch++) {
                    ArrayNode plane = filter.addArray();
                    for (int i = 0; i < k; i++) {
                        ArrayNode row = plane.addArray();
                        for (int j = 0; j < k; j++) {
                            row.add(c.weights()[t++]);
                        }
                    }
                }
            }
            ArrayNode b = l.putArray("b");
            for (double v : c.bias()) {
                b.add(v);
            }
            l.put("activation", c.activation().jsonName());
        } else if (layer instanceof Pooling2D p) {
            l.put("type", p.kind().jsonName());
            l.put("size", p.size());
            l.put("stride", p.stride());
        }
    }

    /** Reads a model file (jxplain's format, or a Captum reference network), naming the file in any error. */
    public static NetworkFile read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "model file not found");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(path.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw io.jxplain.io.InvalidJson.of(path.toString(), e);
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    /** Reads a model from its JSON tree. */
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
        List<ImageLayer> imageLayers = new ArrayList<>();
        List<DenseLayer> layers = new ArrayList<>();
        ImageShape shape = root.has("input_shape") ? readShape(root.get("input_shape")) : null;
        boolean flattened = shape == null;
        int index = 0;
        for (JsonNode l : root.get("layers")) {
            String type = l.path("type").asText("dense");
            String where = "layer " + index++ + " (" + type + ")";
            switch (type) {
                case "dense" -> {
                    if (!flattened) {
                        throw new IllegalArgumentException(where + ": image layers must end with {\"type\": \"flatten\"}");
                    }
                    layers.add(readLayer(l, where));
                }
                case "flatten" -> flattened = true;
                case "conv2d", "max_pool2d", "avg_pool2d" -> {
                    if (shape == null) {
                        throw new IllegalArgumentException(where + ": image layers need \"input_shape\": [channels, height, width]");
                    }
                    if (flattened) {
                        throw new IllegalArgumentException(where + ": image layers must come before \"flatten\"");
                    }
                    ImageLayer layer = type.equals("conv2d") ? readConv(l, shape, where) : readPooling(l, type, shape, where);
                    imageLayers.add(layer);
                    shape = layer.outputShape();
                }
                default -> throw new IllegalArgumentException(where + ": unknown layer type '" + type
                        + "' (dense, conv2d, max_pool2d, avg_pool2d, flatten)");
            }
        }
        if (root.has("input_shape") && imageLayers.isEmpty()) {
            throw new IllegalArgumentException("\"input_shape\" is given but there are no image layers");
        }
        Network network = new Network(imageLayers, layers, kind, alpha, true);
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
        Map<String, List<String>> categories = new LinkedHashMap<>();
        root.path("categories").fields().forEachRemaining(e -> {
            List<String> levels = new ArrayList<>();
            e.getValue().forEach(l -> levels.add(l.asText()));
            categories.put(e.getKey(), levels);
        });
        return new NetworkFile(network, names, target, mean, scale, provenance, categories);
    }

    private static OutputKind parseOutput(String text) {
        try {
            return OutputKind.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("output must be logits, probabilities or regression, got '" + text + "'");
        }
    }

    private static ImageShape readShape(JsonNode node) {
        if (!node.isArray() || node.size() != 3) {
            throw new IllegalArgumentException("\"input_shape\" must be [channels, height, width]");
        }
        return new ImageShape(node.get(0).asInt(), node.get(1).asInt(), node.get(2).asInt());
    }

    private static Conv2D readConv(JsonNode l, ImageShape shape, String where) {
        JsonNode w = l.get("W");
        if (w == null || !w.isArray() || w.size() == 0) {
            throw new IllegalArgumentException(where + ": \"W\" must be an array [filters][channels][k][k]");
        }
        int k = l.path("kernel").asInt(w.path(0).path(0).size());
        int filters = w.size();
        double[] weights = new double[filters * shape.channels() * k * k];
        int t = 0;
        for (int o = 0; o < filters; o++) {
            JsonNode filter = w.get(o);
            if (filter.size() != shape.channels()) {
                throw new IllegalArgumentException(where + ": filter " + o + " has " + filter.size() + " channels, the input "
                        + shape + " has " + shape.channels());
            }
            for (int c = 0; c < shape.channels(); c++) {
                for (int i = 0; i < k; i++) {
                    JsonNode row = filter.get(c).get(i);
                    if (row == null || row.size() != k) {
                        throw new IllegalArgumentException(where + ": W[" + o + "][" + c + "] must be " + k + "×" + k);
                    }
                    for (int j = 0; j < k; j++) {
                        weights[t++] = number(row.get(j), where + " W[" + o + "][" + c + "][" + i + "][" + j + "]");
                    }
                }
            }
        }
        double[] b = vector(l.get("b"), where + " b");
        return new Conv2D(shape, filters, k, l.path("stride").asInt(1), l.path("padding").asInt(0), weights, b,
                Activation.parse(l.path("activation").asText("identity")));
    }

    private static Pooling2D readPooling(JsonNode l, String type, ImageShape shape, String where) {
        if (!l.has("size")) {
            throw new IllegalArgumentException(where + ": pooling needs \"size\"");
        }
        int size = l.get("size").asInt();
        Pooling2D.Kind kind = type.equals("max_pool2d") ? Pooling2D.Kind.MAX : Pooling2D.Kind.AVERAGE;
        return new Pooling2D(shape, kind, size, l.path("stride").asInt(size));
    }

    private static DenseLayer readLayer(JsonNode l, String where) {
        JsonNode w = l.get("W");
        if (w == null || !w.isArray() || w.size() == 0 || !w.get(0).isArray()) {
            throw new IllegalArgumentException(where + ": \"W\" must be a non-empty matrix (out × in)");
        }
        int rows = w.size();
        int cols = w.get(0).size();
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows; i++) {
            JsonNode row = w.get(i);
            if (row.size() != cols) {
                throw new IllegalArgumentException(where + ": row " + i + " of W has " + row.size()
                        + " entries, expected " + cols);
            }
            for (int j = 0; j < cols; j++) {
                m.set(i, j, number(row.get(j), where + " W[" + i + "][" + j + "]"));
            }
        }
        double[] b = vector(l.get("b"), where + " b");
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
