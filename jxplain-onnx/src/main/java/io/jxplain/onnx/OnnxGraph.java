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

    /** The tree-ensemble operators among the graph's nodes (and its functions'), sorted; empty for none. */
    static List<String> treeOperators(byte[] model) {
        OnnxMl.ModelProto proto;
        try {
            proto = OnnxMl.ModelProto.parseFrom(model);
        } catch (InvalidProtocolBufferException e) {
            return List.of(); // ONNX Runtime loaded it: a newer encoding than these messages know; no claim is made
        }
        Set<String> found = new TreeSet<>();
        for (OnnxMl.NodeProto node : proto.getGraph().getNodeList()) {
            if (TREE_OPERATORS.contains(node.getOpType())) {
                found.add(node.getOpType());
            }
        }
        return List.copyOf(found);
    }
}
