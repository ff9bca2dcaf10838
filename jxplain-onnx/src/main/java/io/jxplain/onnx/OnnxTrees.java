package io.jxplain.onnx;

import ai.onnx.proto.OnnxMl;
import io.jxplain.model.OutputKind;
import io.jxplain.model.tree.DecisionTree;
import io.jxplain.model.tree.TreeEnsemble;
import org.ejml.data.DMatrixRMaj;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ONNX-ML {@code TreeEnsembleClassifier} or {@code TreeEnsembleRegressor} read from the graph's attributes (the
 * operator's documented semantics, as ONNX Runtime runs it), to rebuild in Java as a {@link TreeEnsemble} that
 * TreeSHAP explains exactly. Read by hand: ONNX Runtime runs the trees but exposes none of them, and no Java library
 * reads ONNX-ML trees. Either {@link #structure} holds the trees, or {@link #refusal} says why they cannot be rebuilt.
 *
 * <p>Rebuilt: a classifier whose classes each get their own votes (a forest; post_transform NONE → probabilities,
 * SOFTMAX → logits), ONNX's binary case (one score, class 1's; LOGISTIC → the logits 0 and the score, as XGBoost's
 * margin), a regressor (SUM or AVERAGE, NONE). The trees must read the model's own inputs: one [N, d] input, or one
 * input per column joined by a Concat (Identity and Cast pass through).
 */
final class OnnxTrees {
    /** One ONNX tree: its nodes (root first) and the leaf values it adds to each output it votes for. */
    private record Tree(int[] left, int[] right, int[] feature, double[] threshold, DecisionTree.Split[] split,
                        double[] hitrates, Map<Integer, Integer> indexOfNode, Map<Integer, double[]> votes) {
    }

    private record Structure(OutputKind kind, double[] base, List<Tree> trees, int inputs, boolean float32,
                             String operator) {
    }

    private final Structure structure;
    private final String refusal;

    private OnnxTrees(Structure structure, String refusal) {
        this.structure = structure;
        this.refusal = refusal;
    }

    /** The graph's tree ensemble, or why it cannot be rebuilt (no ensemble is a refusal too). */
    static OnnxTrees read(OnnxMl.GraphProto graph, OnnxSignature signature) {
        if (graph == null) {
            return refused("its graph is in an encoding these ONNX messages do not read");
        }
        List<OnnxMl.NodeProto> ensembles = graph.getNodeList().stream()
                .filter(n -> OnnxGraph.TREE_OPERATORS.contains(n.getOpType())).toList();
        if (ensembles.size() != 1) {
            return refused(ensembles.isEmpty() ? "it has no ONNX-ML tree ensemble"
                    : "it has " + ensembles.size() + " tree-ensemble nodes; one is rebuilt");
        }
        OnnxMl.NodeProto node = ensembles.get(0);
        try {
            int[] columnOf = columns(graph, node.getInput(0), signature);
            return new OnnxTrees(structure(node, columnOf, signature.inputSize()), null);
        } catch (IllegalArgumentException e) {
            return refused(e.getMessage());
        }
    }

    private static OnnxTrees refused(String why) {
        return new OnnxTrees(null, why);
    }

    /** Whether every tree carries its covers (nodes_hitrates). */
    boolean coversInFile() {
        return structure != null && structure.trees().stream().allMatch(t -> t.hitrates() != null);
    }

    /** Why the trees cannot be rebuilt; null when they can. */
    String refusal() {
        return refusal;
    }

    /**
     * The ensemble in Java: covers from the file's nodes_hitrates when it has them for every node, else counted from
     * {@code coverRows} (model inputs) as {@link TreeEnsemble#withCoversFrom} does.
     */
    TreeEnsemble rebuild(DMatrixRMaj coverRows, String description) {
        if (structure == null) {
            throw new IllegalStateException(refusal);
        }
        List<DecisionTree> trees = new ArrayList<>();
        List<Integer> outputs = new ArrayList<>();
        boolean counted = false;
        for (Tree t : structure.trees()) {
            double[] cover = t.hitrates();
            if (cover == null) {
                cover = new double[t.left().length];
                java.util.Arrays.fill(cover, 1); // a placeholder, replaced by counted covers below
                counted = true;
            }
            for (Map.Entry<Integer, double[]> vote : t.votes().entrySet()) {
                trees.add(DecisionTree.of(t.left(), t.right(), t.feature(), t.threshold(), t.split(), vote.getValue(),
                        cover, structure.inputs()));
                outputs.add(vote.getKey());
            }
        }
        TreeEnsemble ensemble = TreeEnsemble.of(structure.inputs(), structure.kind(), structure.base(), trees,
                outputs.stream().mapToInt(Integer::intValue).toArray(), structure.float32(), description + " (ONNX-ML "
                        + structure.operator() + (counted ? ", covers from " + coverRows.numRows + " rows" : "") + ")");
        return counted ? ensemble.withCoversFrom(coverRows) : ensemble;
    }

    /** The model column each of the ensemble's input features is, following Identity, Cast and a Concat of inputs. */
    private static int[] columns(OnnxMl.GraphProto graph, String tensor, OnnxSignature signature) {
        Map<String, OnnxMl.NodeProto> producer = new HashMap<>();
        for (OnnxMl.NodeProto n : graph.getNodeList()) {
            n.getOutputList().forEach(o -> producer.put(o, n));
        }
        Map<String, Integer> offsetOf = new LinkedHashMap<>();
        int offset = 0;
        for (OnnxSignature.Fed fed : signature.fed()) {
            offsetOf.put(fed.name(), offset);
            offset += fed.width();
        }
        List<String> parts = List.of(passThrough(tensor, producer));
        OnnxMl.NodeProto concat = producer.get(parts.get(0));
        if (concat != null && concat.getOpType().equals("Concat")) {
            parts = concat.getInputList().stream().map(p -> passThrough(p, producer)).toList();
        }
        List<Integer> columns = new ArrayList<>();
        for (String part : parts) {
            Integer start = offsetOf.get(part);
            if (start == null) {
                OnnxMl.NodeProto made = producer.get(part);
                throw new IllegalArgumentException("the trees read '" + part + "', computed by "
                        + (made == null ? "no input jxplain feeds" : "a " + made.getOpType() + " node")
                        + "; TreeSHAP needs trees that read the model's own inputs");
            }
            int width = signature.fed().stream().filter(f -> f.name().equals(part)).findFirst().orElseThrow().width();
            for (int j = 0; j < width; j++) {
                columns.add(start + j);
            }
        }
        return columns.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String passThrough(String tensor, Map<String, OnnxMl.NodeProto> producer) {
        OnnxMl.NodeProto n = producer.get(tensor);
        while (n != null && (n.getOpType().equals("Identity") || n.getOpType().equals("Cast"))) {
            tensor = n.getInput(0);
            n = producer.get(tensor);
        }
        return tensor;
    }

    private static Structure structure(OnnxMl.NodeProto node, int[] columnOf, int inputs) {
        Map<String, OnnxMl.AttributeProto> a = new HashMap<>();
        node.getAttributeList().forEach(attr -> a.put(attr.getName(), attr));
        boolean classifier = node.getOpType().equals("TreeEnsembleClassifier");
        if (!classifier && !node.getOpType().equals("TreeEnsembleRegressor")) {
            throw new IllegalArgumentException("its " + node.getOpType() + " node (ai.onnx.ml opset 5) is not read yet");
        }
        String post = a.containsKey("post_transform") ? a.get("post_transform").getS().toStringUtf8() : "NONE";
        String prefix = classifier ? "class_" : "target_";
        int[] voteTree = ints(a, prefix + "treeids");
        int[] voteNode = ints(a, prefix + "nodeids");
        int[] voteId = ints(a, prefix + "ids");
        double[] weight = reals(a, prefix + "weights");
        if (voteNode.length != voteTree.length || voteId.length != voteTree.length || weight.length != voteTree.length) {
            throw new IllegalArgumentException("its " + prefix + "* attributes differ in length");
        }
        int outputs;
        OutputKind kind;
        boolean binaryCase = false;
        if (classifier) {
            int classes = a.containsKey("classlabels_int64s") ? a.get("classlabels_int64s").getIntsCount()
                    : a.containsKey("classlabels_strings") ? a.get("classlabels_strings").getStringsCount() : 0;
            binaryCase = classes == 2 && java.util.Arrays.stream(voteId).distinct().count() == 1;
            outputs = classes;
            kind = switch (post) {
                case "NONE" -> {
                    if (binaryCase) {
                        throw new IllegalArgumentException("its binary classifier scores one class with post_transform"
                                + " NONE, which is not a sum of trees per class");
                    }
                    yield OutputKind.PROBABILITIES;
                }
                case "SOFTMAX" -> OutputKind.LOGITS;
                case "LOGISTIC" -> {
                    if (!binaryCase) {
                        throw new IllegalArgumentException("post_transform LOGISTIC on " + classes + " class scores is"
                                + " not a softmax of sums of trees");
                    }
                    yield OutputKind.LOGITS;
                }
                default -> throw new IllegalArgumentException("post_transform " + post + " is not read");
            };
        } else {
            outputs = a.containsKey("n_targets") ? (int) a.get("n_targets").getI() : 1;
            kind = OutputKind.REGRESSION;
            if (!post.equals("NONE")) {
                throw new IllegalArgumentException("a regressor's post_transform " + post + " is not read");
            }
        }
        if (outputs < 1) {
            throw new IllegalArgumentException("it declares " + outputs + " outputs");
        }
        double[] declaredBase = reals(a, "base_values");
        double[] base = new double[outputs];
        if (binaryCase) { // the one score is class 1's; class 0's logit stays 0
            base[1] = declaredBase.length > 0 ? declaredBase[0] : 0;
        } else if (declaredBase.length == outputs) {
            base = declaredBase;
        } else if (declaredBase.length != 0) {
            throw new IllegalArgumentException(declaredBase.length + " base values for " + outputs + " outputs");
        }
        String aggregate = a.containsKey("aggregate_function") ? a.get("aggregate_function").getS().toStringUtf8() : "SUM";
        if (!aggregate.equals("SUM") && !aggregate.equals("AVERAGE")) {
            throw new IllegalArgumentException("aggregate_function " + aggregate + " is not a sum of trees");
        }
        Map<Integer, Tree> trees = trees(a, columnOf);
        double scale = aggregate.equals("AVERAGE") ? 1.0 / trees.size() : 1.0;
        for (int v = 0; v < voteTree.length; v++) {
            Tree t = trees.get(voteTree[v]);
            Integer at = t == null ? null : t.indexOfNode().get(voteNode[v]);
            if (at == null || t.left()[at] != -1) {
                throw new IllegalArgumentException("a vote names node " + voteNode[v] + " of tree " + voteTree[v]
                        + ", which is not one of its leaves");
            }
            int output = binaryCase ? 1 : voteId[v];
            if (output < 0 || output >= outputs) {
                throw new IllegalArgumentException("a vote is for output " + voteId[v] + " of " + outputs);
            }
            t.votes().computeIfAbsent(output, k -> new double[t.left().length])[at] += weight[v] * scale;
        }
        // thresholds as floats: ONNX Runtime compares the input rounded to float; as doubles (_as_tensor) it does not
        boolean float32 = !a.containsKey("nodes_values_as_tensor");
        return new Structure(kind, base, List.copyOf(trees.values()), inputs, float32, node.getOpType());
    }

    private static Map<Integer, Tree> trees(Map<String, OnnxMl.AttributeProto> a, int[] columnOf) {
        int[] treeId = ints(a, "nodes_treeids");
        int[] nodeId = ints(a, "nodes_nodeids");
        int[] featureId = ints(a, "nodes_featureids");
        double[] value = reals(a, "nodes_values");
        List<String> mode = a.containsKey("nodes_modes") ? a.get("nodes_modes").getStringsList().stream()
                .map(com.google.protobuf.ByteString::toStringUtf8).toList() : List.of();
        int[] yes = ints(a, "nodes_truenodeids");
        int[] no = ints(a, "nodes_falsenodeids");
        double[] hitrates = reals(a, "nodes_hitrates");
        int n = treeId.length;
        for (int[] other : new int[][] {nodeId, featureId, yes, no}) {
            if (other.length != n) {
                throw new IllegalArgumentException("its nodes_* attributes differ in length");
            }
        }
        if (value.length != n || mode.size() != n) {
            throw new IllegalArgumentException("its nodes_* attributes differ in length");
        }
        boolean withHitrates = hitrates.length == n;
        Map<Integer, List<Integer>> byTree = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byTree.computeIfAbsent(treeId[i], k -> new ArrayList<>()).add(i);
        }
        Map<Integer, Tree> trees = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Integer>> e : byTree.entrySet()) {
            List<Integer> rows = e.getValue();
            Map<Integer, Integer> local = new HashMap<>();
            // the root is the node no other node names as a child; it becomes index 0
            java.util.Set<Integer> children = new java.util.HashSet<>();
            for (int i : rows) {
                if (!mode.get(i).equals("LEAF")) {
                    children.add(yes[i]);
                    children.add(no[i]);
                }
            }
            List<Integer> ordered = new ArrayList<>();
            rows.stream().filter(i -> !children.contains(nodeId[i])).forEach(ordered::add);
            if (ordered.size() != 1) {
                throw new IllegalArgumentException("tree " + e.getKey() + " has " + ordered.size() + " roots");
            }
            rows.stream().filter(i -> children.contains(nodeId[i])).forEach(ordered::add);
            for (int k = 0; k < ordered.size(); k++) {
                if (local.put(nodeId[ordered.get(k)], k) != null) {
                    throw new IllegalArgumentException("tree " + e.getKey() + " has node " + nodeId[ordered.get(k)]
                            + " twice");
                }
            }
            int size = ordered.size();
            int[] left = new int[size];
            int[] right = new int[size];
            int[] feature = new int[size];
            double[] threshold = new double[size];
            DecisionTree.Split[] split = new DecisionTree.Split[size];
            double[] hit = withHitrates ? new double[size] : null;
            for (int k = 0; k < size; k++) {
                int i = ordered.get(k);
                if (hit != null) {
                    hit[k] = hitrates[i];
                }
                if (mode.get(i).equals("LEAF")) {
                    left[k] = -1;
                    right[k] = -1;
                    continue;
                }
                split[k] = switch (mode.get(i)) {
                    case "BRANCH_LEQ" -> DecisionTree.Split.LESS_OR_EQUAL;
                    case "BRANCH_LT" -> DecisionTree.Split.LESS;
                    case "BRANCH_GTE" -> DecisionTree.Split.GREATER_OR_EQUAL;
                    case "BRANCH_GT" -> DecisionTree.Split.GREATER;
                    default -> throw new IllegalArgumentException("node mode " + mode.get(i) + " is not read");
                };
                Integer l = local.get(yes[i]);
                Integer r = local.get(no[i]);
                if (l == null || r == null) {
                    throw new IllegalArgumentException("node " + nodeId[i] + " of tree " + e.getKey()
                            + " has a child that is not in its tree");
                }
                left[k] = l;
                right[k] = r;
                if (featureId[i] < 0 || featureId[i] >= columnOf.length) {
                    throw new IllegalArgumentException("node " + nodeId[i] + " of tree " + e.getKey()
                            + " splits on feature " + featureId[i] + " of " + columnOf.length);
                }
                feature[k] = columnOf[featureId[i]];
                threshold[k] = value[i];
            }
            trees.put(e.getKey(), new Tree(left, right, feature, threshold, split, hit, local, new TreeMap<>()));
        }
        return trees;
    }

    private static int[] ints(Map<String, OnnxMl.AttributeProto> a, String name) {
        OnnxMl.AttributeProto attr = a.get(name);
        return attr == null ? new int[0] : attr.getIntsList().stream().mapToInt(Long::intValue).toArray();
    }

    /** A float list, or its double tensor twin ({@code name_as_tensor}, ai.onnx.ml opset 3). */
    private static double[] reals(Map<String, OnnxMl.AttributeProto> a, String name) {
        OnnxMl.AttributeProto attr = a.get(name);
        if (attr != null) {
            return attr.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray();
        }
        OnnxMl.AttributeProto tensor = a.get(name + "_as_tensor");
        if (tensor == null) {
            return new double[0];
        }
        OnnxMl.TensorProto t = tensor.getT();
        if (t.getDoubleDataCount() > 0) {
            return t.getDoubleDataList().stream().mapToDouble(Double::doubleValue).toArray();
        }
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[raw.remaining() / Double.BYTES];
        raw.asDoubleBuffer().get(out);
        return out;
    }
}
