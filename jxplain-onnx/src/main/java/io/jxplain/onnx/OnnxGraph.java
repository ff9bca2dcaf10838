package io.jxplain.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What jxplain reads from an ONNX graph's nodes (ONNX Runtime's Java API lists inputs and outputs only). */
final class OnnxGraph {
    /** ONNX-ML's tree-ensemble operators: piecewise-constant functions of their inputs. */
    static final Set<String> TREE_OPERATORS = Set.of("TreeEnsembleClassifier", "TreeEnsembleRegressor", "TreeEnsemble");

    private OnnxGraph() {
    }

    /** The model's graph, or null when these messages cannot read it (ONNX Runtime loaded it: a newer encoding). */
    static OnnxMl.GraphProto parse(byte[] model) {
        try {
            return OnnxMl.ModelProto.parseFrom(model).getGraph();
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /** The tree-ensemble operators among the graph's nodes, sorted; empty for none or an unread graph (no claim). */
    static List<String> treeOperators(OnnxMl.GraphProto graph) {
        if (graph == null) {
            return List.of();
        }
        Set<String> found = new TreeSet<>();
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            if (TREE_OPERATORS.contains(node.getOpType())) {
                found.add(node.getOpType());
            }
        }
        return List.copyOf(found);
    }
}
