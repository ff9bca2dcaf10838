package io.jxplain.model.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jxplain.model.OutputKind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a gradient-boosted tree model saved by XGBoost in its JSON format ({@code booster.save_model("m.json")},
 * XGBoost 1.0 and later) into a {@link TreeEnsemble}, in Java: no native XGBoost library is needed to predict or to
 * explain it. Parsed by hand over Jackson's tree because XGBoost4J, the only Java reader, loads the native library.
 * Regression objectives become a regression output; logistic ones two logits (0 and the margin); multi-class ones a
 * margin per class; the base score becomes the margin it starts from, as XGBoost's own prediction does. The feature
 * names a model trained on a data frame keeps become the ensemble's, so data columns are matched by name.
 */
public final class XgboostModel {
    private static final Set<String> REGRESSION = Set.of("reg:squarederror", "reg:linear", "reg:absoluteerror",
            "reg:pseudohubererror", "reg:quantileerror");
    private static final Set<String> LOGISTIC = Set.of("binary:logistic", "reg:logistic", "binary:logitraw");
    private static final Set<String> MULTICLASS = Set.of("multi:softprob", "multi:softmax");

    private XgboostModel() {
    }

    /** Whether {@code file} looks like an XGBoost JSON model: a JSON object whose first key is "learner". */
    public static boolean looksLikeOne(Path file) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(64);
            return new String(head, java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s", "")
                    .startsWith("{\"learner\"");
        } catch (IOException e) {
            return false;
        }
    }

    /** The ensemble saved in {@code file}, or an exception naming the file and what in it cannot be read. */
    public static TreeEnsemble read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /** The ensemble in a file's {@code bytes}; {@code name} names the file in messages. */
    public static TreeEnsemble read(byte[] bytes, String name) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw io.jxplain.io.InvalidJson.of(name, e);
        }
        try {
            return parse(root, name.substring(name.lastIndexOf('/') + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    static TreeEnsemble parse(JsonNode root, String name) {
        TreeEnsemble trees = trees(root, name);
        JsonNode names = root.get("learner").get("feature_names");
        if (names == null || names.size() == 0) {
            return trees;
        }
        List<String> list = new ArrayList<>();
        names.forEach(n -> list.add(n.asText()));
        return trees.withFeatureNames(list);
    }

    private static TreeEnsemble trees(JsonNode root, String name) {
        JsonNode learner = required(root, "learner");
        JsonNode booster = required(learner, "gradient_booster");
        String boosterName = required(booster, "name").asText();
        if (!boosterName.equals("gbtree")) {
            throw new IllegalArgumentException("the booster is " + boosterName + "; only gbtree (trees summed with"
                    + " equal weight) is read" + (boosterName.equals("dart") ? ": a dart model weights its trees" : ""));
        }
        JsonNode params = required(learner, "learner_model_param");
        int inputs = positive(params, "num_feature");
        int classes = Math.max(1, Integer.parseInt(required(params, "num_class").asText()));
        if (params.has("num_target") && Integer.parseInt(params.get("num_target").asText()) > 1) {
            throw new IllegalArgumentException("the model has several targets; one is read");
        }
        double baseScore = baseScore(required(params, "base_score").asText());
        String objective = required(required(learner, "objective"), "name").asText();
        JsonNode model = required(booster, "model");
        JsonNode trees = required(model, "trees");
        JsonNode treeInfo = required(model, "tree_info");
        if (treeInfo.size() != trees.size()) {
            throw new IllegalArgumentException(trees.size() + " trees but " + treeInfo.size() + " entries in tree_info");
        }
        if (classes > Math.max(1, trees.size())) { // a class with no tree of its own: num_class is wrong
            throw new IllegalArgumentException("num_class " + classes + " exceeds the " + trees.size() + " trees");
        }
        List<DecisionTree> parsed = new ArrayList<>(trees.size());
        int[] group = new int[trees.size()];
        for (int t = 0; t < trees.size(); t++) {
            try {
                parsed.add(tree(trees.get(t), inputs));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tree " + t + ": " + e.getMessage(), e);
            }
            group[t] = treeInfo.get(t).asInt();
        }
        String description = "XGBoost " + objective + " model " + name;
        if (REGRESSION.contains(objective)) {
            requireClasses(classes, 1, objective);
            return TreeEnsemble.of(inputs, OutputKind.REGRESSION, new double[] {baseScore}, parsed, group, true,
                    description);
        }
        if (LOGISTIC.contains(objective)) {
            requireClasses(classes, 1, objective);
            if (!(baseScore > 0 && baseScore < 1)) {
                throw new IllegalArgumentException("base_score " + baseScore + " of a logistic objective must lie in"
                        + " (0, 1)");
            }
            int[] second = new int[group.length];
            java.util.Arrays.fill(second, 1); // the margin is the second logit; the first is 0
            return TreeEnsemble.of(inputs, OutputKind.LOGITS, new double[] {0, -Math.log(1 / baseScore - 1)}, parsed,
                    second, true, description);
        }
        if (MULTICLASS.contains(objective)) {
            double[] base = new double[classes];
            java.util.Arrays.fill(base, baseScore); // softmax objectives add base_score to every margin unchanged
            return TreeEnsemble.of(inputs, OutputKind.LOGITS, base, parsed, group, true, description);
        }
        throw new IllegalArgumentException("objective " + objective + " is not read (its prediction is not a sum of"
                + " trees, or is a ranking); read are " + String.join(", ", new java.util.TreeSet<>(allObjectives())));
    }

    private static Set<String> allObjectives() {
        Set<String> all = new java.util.HashSet<>(REGRESSION);
        all.addAll(LOGISTIC);
        all.addAll(MULTICLASS);
        return all;
    }

    private static DecisionTree tree(JsonNode tree, int inputs) {
        int[] left = ints(tree, "left_children");
        int n = left.length;
        int[] right = ints(tree, "right_children");
        int[] feature = ints(tree, "split_indices");
        double[] conditions = floats(tree, "split_conditions");
        double[] cover = floats(tree, "sum_hessian");
        if (tree.has("split_type")) {
            for (int i = 0; i < tree.get("split_type").size(); i++) {
                if (tree.get("split_type").get(i).asInt() != 0 && left[i] != -1) {
                    throw new IllegalArgumentException("node " + i + " is a categorical split; only numerical splits"
                            + " are read");
                }
            }
        }
        DecisionTree.Split[] split = new DecisionTree.Split[n];
        java.util.Arrays.fill(split, DecisionTree.Split.LESS); // XGBoost: x < split_condition goes left
        // a leaf keeps its value in split_conditions (base_weights holds it before the learning rate)
        return DecisionTree.of(left, right, feature, conditions, split, conditions, cover, inputs);
    }

    private static int[] ints(JsonNode tree, String field) {
        JsonNode a = required(tree, field);
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asInt();
        }
        return v;
    }

    /** XGBoost stores float32 values; each is read back to the float it was, so thresholds compare as XGBoost's do. */
    private static double[] floats(JsonNode tree, String field) {
        JsonNode a = required(tree, field);
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            if (!a.get(i).isNumber()) {
                throw new IllegalArgumentException(field + "[" + i + "] is " + a.get(i) + ", not a number");
            }
            v[i] = (float) a.get(i).asDouble();
        }
        return v;
    }

    /** XGBoost 1.x writes base_score as "5E-1", 2.x as "[5E-1]". */
    private static double baseScore(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1).trim();
        }
        try {
            double v = (float) Double.parseDouble(t);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("base_score '" + text + "' is not one finite number");
    }

    private static void requireClasses(int classes, int expected, String objective) {
        if (classes != expected) {
            throw new IllegalArgumentException("objective " + objective + " with num_class " + classes);
        }
    }

    private static int positive(JsonNode node, String field) {
        int v;
        try {
            v = Integer.parseInt(required(node, field).asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is " + node.get(field) + ", not an integer");
        }
        if (v <= 0) {
            throw new IllegalArgumentException(field + " is " + v);
        }
        return v;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("no \"" + field + "\" where an XGBoost JSON model has one; is this a"
                    + " model saved by booster.save_model(\"….json\")?");
        }
        return v;
    }
}
