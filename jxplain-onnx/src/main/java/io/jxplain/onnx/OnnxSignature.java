package io.jxplain.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import io.jxplain.model.ImageShape;
import io.jxplain.model.NumericType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What jxplain reads off an ONNX graph's declared inputs and outputs: the explained input (rank 2, [batch, features],
 * or rank 4, [batch, channels, height, width]) with its element type, and the explained output ([batch, k] or
 * [batch]). A dimension of -1 is dynamic (named or unknown in the file).
 */
public record OnnxSignature(String inputName, long[] inputShape, NumericType inputType, String outputName,
                            long[] outputShape, List<String> inputs, List<String> outputs) {

    /** Number of features d: the product of the input's non-batch dimensions. */
    public int inputSize() {
        long size = 1;
        for (int i = 1; i < inputShape.length; i++) {
            size *= inputShape[i];
        }
        return Math.toIntExact(size);
    }

    /** The batch size the graph insists on, or -1 when the batch dimension is dynamic. */
    public long fixedBatch() {
        return inputShape[0];
    }

    /** C×H×W for a rank-4 input. */
    public Optional<ImageShape> imageShape() {
        if (inputShape.length != 4) {
            return Optional.empty();
        }
        return Optional.of(new ImageShape((int) inputShape[1], (int) inputShape[2], (int) inputShape[3]));
    }

    /** k when the graph declares it, else -1 (then found by running the model once). */
    public long declaredOutputSize() {
        return outputShape.length == 1 ? 1 : outputShape[1];
    }

    /**
     * Chooses the explained input and output from the session's declarations; {@code input} / {@code output} may be
     * null when the graph has exactly one candidate.
     */
    static OnnxSignature of(String model, Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs,
                            String input, String output) {
        NodeInfo in = choose(model, "input", inputs, input);
        TensorInfo inTensor = tensor(model, "input", in);
        long[] inShape = inTensor.getShape();
        if (inShape.length != 2 && inShape.length != 4) {
            throw new IllegalArgumentException(model + ": input '" + in.getName() + "' has rank " + inShape.length
                    + " " + Arrays.toString(inShape) + "; jxplain explains rank-2 [batch, features] and rank-4"
                    + " [batch, channels, height, width] inputs");
        }
        for (int i = 1; i < inShape.length; i++) {
            if (inShape[i] < 1) {
                throw new IllegalArgumentException(model + ": input '" + in.getName() + "' has a dynamic dimension "
                        + i + " " + Arrays.toString(inShape) + "; only the batch dimension may be dynamic");
            }
        }
        NumericType type = numericType(model, in.getName(), inTensor.type);
        NodeInfo out = choose(model, "output", outputs, output);
        TensorInfo outTensor = tensor(model, "output", out);
        long[] outShape = outTensor.getShape();
        if (outShape.length != 1 && outShape.length != 2) {
            throw new IllegalArgumentException(model + ": output '" + out.getName() + "' has rank " + outShape.length
                    + " " + Arrays.toString(outShape) + "; jxplain explains [batch, k] or [batch] outputs");
        }
        numericType(model, out.getName(), outTensor.type);
        return new OnnxSignature(in.getName(), inShape, type, out.getName(), outShape,
                describeAll(inputs), describeAll(outputs));
    }

    private static NodeInfo choose(String model, String what, Map<String, NodeInfo> nodes, String name) {
        if (name != null) {
            NodeInfo node = nodes.get(name);
            if (node == null) {
                throw new IllegalArgumentException(model + " has no " + what + " named '" + name + "'; its "
                        + what + "s are " + nodes.keySet());
            }
            return node;
        }
        if (nodes.size() != 1) {
            throw new IllegalArgumentException(model + " has " + nodes.size() + " " + what + "s " + nodes.keySet()
                    + "; choose the explained one by name");
        }
        return nodes.values().iterator().next();
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
            return t.type.toString().toLowerCase(java.util.Locale.ROOT) + Arrays.toString(t.getShape());
        }
        return node.getInfo().toString();
    }
}
