package io.jxplain.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import io.jxplain.model.ImageShape;
import io.jxplain.model.NumericType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What jxplain reads off an ONNX graph's declared inputs and outputs, as the converters people use write them.
 * Inputs: one tensor (rank 2, [batch, features], or rank 4, [batch, channels, height, width]), or one tensor per
 * column ([batch, 1] each, what skl2onnx makes from a DataFrame), fed in order. Output: a float tensor ([batch, k] or
 * [batch]) or a ZipMap (a sequence of {class: probability} maps, skl2onnx's classifier output), chosen automatically
 * when there are several: labels (int64) are skipped, probabilities preferred. A dimension of -1 is dynamic.
 *
 * @param fed          the inputs fed, in the order their columns take in a row
 * @param inputType    their element type (float32 or float64; several inputs share one)
 * @param outputName   the explained output
 * @param outputShape  its declared shape (empty for a ZipMap)
 * @param zipMap       whether the output is a sequence of maps, read as probability columns in class order
 * @param inputs       every input of the graph, described
 * @param outputs      every output of the graph, described
 */
public record OnnxSignature(List<Fed> fed, NumericType inputType, String outputName, long[] outputShape,
                            boolean zipMap, List<String> inputs, List<String> outputs) {
    /** One fed input: its name, declared shape and how many of a row's features it takes. */
    public record Fed(String name, long[] shape, int width) {
    }

    /** The explained input's name; with one input per column, their names joined by commas. */
    public String inputName() {
        return String.join(",", fed.stream().map(Fed::name).toList());
    }

    /** The declared shape of the only fed input (with one input per column: [batch, d]). */
    public long[] inputShape() {
        return fed.size() == 1 ? fed.get(0).shape().clone() : new long[] {fixedBatch(), inputSize()};
    }

    /** The data columns the graph takes by name, one input each (empty when it takes one tensor of features). */
    public List<String> columnNames() {
        return fed.size() == 1 ? List.of() : fed.stream().map(Fed::name).toList();
    }

    /** Number of features d: the columns of all fed inputs. */
    public int inputSize() {
        return fed.stream().mapToInt(Fed::width).sum();
    }

    /** The batch size the graph insists on, or -1 when the batch dimension is dynamic. */
    public long fixedBatch() {
        return fed.get(0).shape()[0];
    }

    /** C×H×W for a rank-4 input. */
    public Optional<ImageShape> imageShape() {
        long[] shape = fed.get(0).shape();
        if (fed.size() != 1 || shape.length != 4) {
            return Optional.empty();
        }
        return Optional.of(new ImageShape((int) shape[1], (int) shape[2], (int) shape[3]));
    }

    /** k when the graph declares it, else -1 (then found by running the model once; always so for a ZipMap). */
    public long declaredOutputSize() {
        if (zipMap) {
            return -1;
        }
        return outputShape.length == 1 ? 1 : outputShape[1];
    }

    /**
     * Chooses the explained input(s) and output from the session's declarations; {@code input} / {@code output} may
     * be null: every input then, one column each when there are several, and the output chosen as above.
     */
    static OnnxSignature of(String model, Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs,
                            String input, String output) {
        List<Fed> fed = new ArrayList<>();
        NumericType type;
        if (input != null || inputs.size() == 1) {
            NodeInfo in = input != null ? named(model, "input", inputs, input) : inputs.values().iterator().next();
            TensorInfo inTensor = tensor(model, "input", in);
            long[] inShape = inTensor.getShape();
            if (inShape.length != 2 && inShape.length != 4) {
                throw new IllegalArgumentException(model + ": input '" + in.getName() + "' has rank " + inShape.length
                        + " " + Arrays.toString(inShape) + "; jxplain explains rank-2 [batch, features] and rank-4"
                        + " [batch, channels, height, width] inputs");
            }
            requireStaticFeatures(model, in.getName(), inShape);
            type = numericType(model, in.getName(), inTensor.type);
            long width = 1;
            for (int i = 1; i < inShape.length; i++) {
                width *= inShape[i];
            }
            fed.add(new Fed(in.getName(), inShape, Math.toIntExact(width)));
        } else {
            type = columnInputs(model, inputs, fed);
        }
        NodeInfo out = output != null ? named(model, "output", outputs, output) : chooseOutput(model, outputs);
        boolean zipMap = isZipMap(out);
        long[] outShape = new long[0];
        if (!zipMap) {
            TensorInfo outTensor = tensor(model, "output", out);
            outShape = outTensor.getShape();
            if (outShape.length != 1 && outShape.length != 2) {
                throw new IllegalArgumentException(model + ": output '" + out.getName() + "' has rank " + outShape.length
                        + " " + Arrays.toString(outShape) + "; jxplain explains [batch, k] or [batch] outputs");
            }
            numericType(model, out.getName(), outTensor.type);
        }
        return new OnnxSignature(List.copyOf(fed), type, out.getName(), outShape, zipMap, describeAll(inputs),
                describeAll(outputs));
    }

    /**
     * One input per column ([batch, 1] or [batch, k], as skl2onnx writes a DataFrame's columns): all numeric of one
     * element type; a string input is refused, naming it (its encoding happens inside the graph, where jxplain cannot
     * perturb it).
     */
    private static NumericType columnInputs(String model, Map<String, NodeInfo> inputs, List<Fed> fed) {
        List<String> text = new ArrayList<>();
        for (NodeInfo node : inputs.values()) {
            if (node.getInfo() instanceof TensorInfo t && t.type == OnnxJavaType.STRING) {
                text.add(node.getName());
            }
        }
        if (!text.isEmpty()) {
            throw new IllegalArgumentException(model + " takes text in input(s) " + text + ", which jxplain cannot"
                    + " perturb; encode those columns as numbers before the graph (e.g. one-hot columns) and export"
                    + " the model on the numbers");
        }
        NumericType type = null;
        for (NodeInfo node : inputs.values()) {
            TensorInfo t = tensor(model, "input", node);
            long[] shape = t.getShape();
            if (shape.length < 1 || shape.length > 2) {
                throw new IllegalArgumentException(model + " has " + inputs.size() + " inputs; input '" + node.getName()
                        + "' has shape " + Arrays.toString(shape) + ", but several inputs are read as columns"
                        + " ([batch, 1] each); choose the explained input by name");
            }
            requireStaticFeatures(model, node.getName(), shape);
            NumericType own = numericType(model, node.getName(), t.type);
            if (type != null && own != type) {
                throw new IllegalArgumentException(model + "'s inputs mix " + type + " and " + own
                        + "; jxplain feeds its columns in one element type");
            }
            type = own;
            fed.add(new Fed(node.getName(), shape, shape.length == 1 ? 1 : Math.toIntExact(shape[1])));
        }
        return type;
    }

    /**
     * The output to explain when none is named: the only candidate (a float tensor or a ZipMap; int64 labels are
     * not), else the one that holds probabilities (a ZipMap, or "prob" in its name).
     */
    private static NodeInfo chooseOutput(String model, Map<String, NodeInfo> outputs) {
        List<NodeInfo> candidates = new ArrayList<>();
        for (NodeInfo node : outputs.values()) {
            if (isZipMap(node) || node.getInfo() instanceof TensorInfo t
                    && (t.type == OnnxJavaType.FLOAT || t.type == OnnxJavaType.DOUBLE)) {
                candidates.add(node);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        List<NodeInfo> probabilities = candidates.stream().filter(n -> isZipMap(n)
                || n.getName().toLowerCase(Locale.ROOT).contains("prob")).toList();
        if (probabilities.size() == 1) {
            return probabilities.get(0);
        }
        throw new IllegalArgumentException(model + " has " + outputs.size() + " outputs " + outputs.keySet()
                + (candidates.isEmpty() ? ", none a float tensor or a map of probabilities"
                : ", of which " + candidates.size() + " could be explained")
                + "; choose the explained one by name (--output)");
    }

    /** A sequence of maps: what ZipMap makes of a classifier's probabilities. */
    private static boolean isZipMap(NodeInfo node) {
        return node.getInfo() instanceof SequenceInfo s && s.isSequenceOfMaps();
    }

    private static void requireStaticFeatures(String model, String name, long[] shape) {
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] < 1) {
                throw new IllegalArgumentException(model + ": input '" + name + "' has a dynamic dimension "
                        + i + " " + Arrays.toString(shape) + "; only the batch dimension may be dynamic");
            }
        }
    }

    private static NodeInfo named(String model, String what, Map<String, NodeInfo> nodes, String name) {
        NodeInfo node = nodes.get(name);
        if (node == null) {
            throw new IllegalArgumentException(model + " has no " + what + " named '" + name + "'; its "
                    + what + "s are " + nodes.keySet());
        }
        return node;
    }

    private static TensorInfo tensor(String model, String what, NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo t)) {
            throw new IllegalArgumentException(model + ": " + what + " '" + node.getName() + "' is "
                    + node.getInfo() + ", not a tensor; jxplain explains tensor inputs and outputs");
        }
        return t;
    }

    private static NumericType numericType(String model, String name, OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> NumericType.FLOAT32;
            case DOUBLE -> NumericType.FLOAT64;
            default -> throw new IllegalArgumentException(model + ": '" + name + "' holds " + type
                    + "; jxplain feeds and reads float32 or float64 tensors");
        };
    }

    private static List<String> describeAll(Map<String, NodeInfo> nodes) {
        List<String> all = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            all.add(node.getName() + ": " + describe(node));
        }
        return List.copyOf(all);
    }

    private static String describe(NodeInfo node) {
        if (node.getInfo() instanceof TensorInfo t) {
            return t.type.toString().toLowerCase(Locale.ROOT) + Arrays.toString(t.getShape());
        }
        if (isZipMap(node)) {
            return "sequence of maps (ZipMap: class → probability)";
        }
        return node.getInfo().toString();
    }
}
