package io.jxplain.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.model.Model;
import io.jxplain.model.tree.DecisionTree;
import io.jxplain.model.tree.TreeEnsemble;
import io.jxplain.model.tree.XgboostModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TreeSHAP against XGBoost's own: fixtures/trees holds three XGBoost 1.7 models (regression, binary logistic, three
 * classes; made by make_xgboost_fixtures.py) with the margins XGBoost predicts on 40 rows and its pred_contribs.
 * jxplain reads the JSON in Java and must give the same margins and the same TreeSHAP values, bias included, to
 * 1e-6 (XGBoost computes in float32: its own rounding is below that). On a hand-made tree the values are also the
 * exact Shapley values of the covers' conditional expectation, computed by enumeration.
 */
class TreeShapTest {
    private static final Path FIXTURES = Path.of("..", "fixtures", "trees");

    @ParameterizedTest
    @ValueSource(strings = {"regression", "binary", "multiclass"})
    void matchesXgboostsPredictionsAndPredContribs(String name) throws IOException {
        TreeEnsemble model = XgboostModel.read(FIXTURES.resolve(name + ".json"));
        JsonNode expected = new ObjectMapper().readTree(FIXTURES.resolve(name + "-expected.json").toFile());
        int classes = expected.get("classes").asInt();
        JsonNode rows = expected.get("rows");
        int d = rows.get(0).size();
        assertEquals(d, model.inputSize());
        DMatrixRMaj x = new DMatrixRMaj(rows.size(), d);
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < d; j++) {
                x.set(i, j, rows.get(i).get(j).asDouble());
            }
        }
        DMatrixRMaj out = model.predict(x);
        List<Explanation> all = null;
        double worst = 0;
        for (int c = classes == 2 ? 1 : 0; c < classes; c++) {
            // a binary model's margin is its second logit; a regressor's only output is its margin
            Target target = classes == 1 ? Target.output(0) : Target.logit(c);
            all = TreeShap.builder().build().explainAll(model, target, x, 0L, 2);
            for (int i = 0; i < x.numRows; i++) {
                JsonNode margin = expected.get("margins").get(i);
                double xgbMargin = classes == 3 ? margin.get(c).asDouble() : margin.asDouble();
                // XGBoost sums its trees in float: each addition may round by half an ulp of the running sum
                double floatSums = model.trees().size() * Math.ulp((float) Math.abs(xgbMargin) * 2) / 2;
                assertEquals(xgbMargin, out.get(i, c), Math.max(1e-6, floatSums), name + " row " + i + " margin " + c);
                JsonNode contribs = classes == 3 ? expected.get("contributions").get(i).get(c)
                        : expected.get("contributions").get(i);
                Explanation e = all.get(i);
                for (int j = 0; j < d; j++) {
                    double diff = Math.abs(contribs.get(j).asDouble() - e.attributions()[j]);
                    worst = Math.max(worst, diff);
                    assertEquals(contribs.get(j).asDouble(), e.attributions()[j], 1e-6,
                            name + " row " + i + " class " + c + " feature " + j);
                }
                assertEquals(contribs.get(d).asDouble(), e.diagnostics().get(Attribution.BASE_VALUE), 1e-6,
                        name + " row " + i + " bias");
                assertEquals(0, e.diagnostics().get("efficiency_gap"), 1e-9, name + " row " + i + " adds up");
            }
        }
        assertTrue(worst > 0 || name.equals("regression"), "float32 against double differs somewhere: " + worst);
    }

    /**
     * Path-dependent TreeSHAP is the Shapley value of v(S) = E[f(x) | x_S] under the covers: at each split on a
     * feature outside S, the subtrees weighted by their covers. Enumerated here over all 2^d coalitions on a tree that
     * splits on one feature twice (which exercises UNWIND).
     */
    @Test
    void equalsTheShapleyValuesOfTheCoversConditionalExpectation() {
        DecisionTree.Split lt = DecisionTree.Split.LESS;
        // node: 0 x0<0.5 → 1, 2;  1 x1<0 → 3, 4;  2 x0<1.5 → 5, 6;  4 x2<2 → 7, 8
        int[] left = {1, 3, 5, -1, 7, -1, -1, -1, -1};
        int[] right = {2, 4, 6, -1, 8, -1, -1, -1, -1};
        int[] feature = {0, 1, 0, 0, 2, 0, 0, 0, 0};
        double[] threshold = {0.5, 0, 1.5, 0, 2, 0, 0, 0, 0};
        double[] value = {0, 0, 0, 1.0, 0, -2.0, 3.5, 0.25, -1.0};
        double[] cover = {100, 60, 40, 25, 35, 10, 30, 20, 15};
        DecisionTree tree = DecisionTree.of(left, right, feature, threshold, new DecisionTree.Split[] {lt, lt, lt, lt,
                lt, lt, lt, lt, lt}, value, cover, 3);
        TreeEnsemble model = TreeEnsemble.of(3, OutputKind.REGRESSION, new double[] {0.5}, List.of(tree), new int[] {0},
                false, "hand-made tree");
        for (double[] x : new double[][] {{0.2, -1, 3}, {0.2, 1, 1}, {1.0, 1, 1}, {2.0, -1, 5}}) {
            double[] phi = TreeShap.builder().build().explain(model, Target.output(0), x, 0L).attributions();
            double[] exact = shapley(tree, x, 0.5);
            for (int j = 0; j < 3; j++) {
                assertEquals(exact[j], phi[j], 1e-12, "feature " + j + " at " + java.util.Arrays.toString(x));
            }
        }
        assertEquals(0.5 + (25 * 1.0 + 20 * 0.25 + 15 * -1.0 + 10 * -2.0 + 30 * 3.5) / 100,
                TreeShap.builder().build().explain(model, Target.output(0), new double[] {0, 0, 0}, 0L).diagnostics()
                        .get(Attribution.BASE_VALUE), 1e-12);
    }

    private static double[] shapley(DecisionTree tree, double[] x, double base) {
        int d = x.length;
        double[] v = new double[1 << d];
        for (int s = 0; s < v.length; s++) {
            v[s] = base + expectation(tree, 0, x, s);
        }
        double[] phi = new double[d];
        for (int s = 0; s < v.length; s++) {
            int k = Integer.bitCount(s);
            for (int i = 0; i < d; i++) {
                if ((s & (1 << i)) == 0) {
                    phi[i] += (v[s | (1 << i)] - v[s]) / (d * ExactShapley.binomial(d - 1, k));
                }
            }
        }
        return phi;
    }

    /** E[f | x_S] at {@code node}: follow x on features in S, else weigh both children by their covers. */
    private static double expectation(DecisionTree tree, int node, double[] x, int s) {
        if (tree.isLeaf(node)) {
            return tree.value(node);
        }
        int f = tree.feature(node);
        if ((s & (1 << f)) != 0) {
            return expectation(tree, tree.goesLeft(node, x[f], false) ? tree.left(node) : tree.right(node), x, s);
        }
        return (tree.cover(tree.left(node)) * expectation(tree, tree.left(node), x, s)
                + tree.cover(tree.right(node)) * expectation(tree, tree.right(node), x, s)) / tree.cover(node);
    }

    /** Blocks of rows, threads and one row at a time give the same bits (each row adds the trees in one order). */
    @Test
    void sameValuesWhateverTheThreadsAndBlocks() throws IOException {
        TreeEnsemble model = XgboostModel.read(FIXTURES.resolve("multiclass.json"));
        DMatrixRMaj x = new DMatrixRMaj(150, 6);
        java.util.random.RandomGenerator rng = io.jxplain.random.RandomStreams.stream(3L);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextGaussian();
        }
        List<Explanation> one = TreeShap.builder().build().explainAll(model, Target.logit(1), x, 0L, 1);
        List<Explanation> two = TreeShap.builder().build().explainAll(model, Target.logit(1), x, 0L, 2);
        for (int i = 0; i < x.numRows; i++) {
            double[] alone = TreeShap.builder().build().explain(model, Target.logit(1),
                    java.util.Arrays.copyOfRange(x.data, i * 6, i * 6 + 6), 9L).attributions();
            assertTrue(java.util.Arrays.equals(one.get(i).attributions(), two.get(i).attributions())
                    && java.util.Arrays.equals(one.get(i).attributions(), alone), "row " + i);
        }
    }

    @Test
    void refusesWhatItCannotExplainExactly() throws IOException {
        TreeEnsemble binary = XgboostModel.read(FIXTURES.resolve("binary.json"));
        IllegalArgumentException probability = assertThrows(IllegalArgumentException.class, () -> TreeShap.builder()
                .build()
                .explain(binary, Target.probability(1), new double[6], 0L));
        assertTrue(probability.getMessage().contains("logit:1"), probability.getMessage());
        Model sum = Model.of(3, 1, OutputKind.REGRESSION, rows -> java.util.Arrays.stream(rows)
                .map(r -> new double[] {r[0] + r[1] + r[2]}).toArray(double[][]::new));
        IllegalArgumentException notTrees = assertThrows(IllegalArgumentException.class, () -> TreeShap.builder()
                .build()
                .explain(sum, Target.output(0), new double[3], 0L));
        assertTrue(notTrees.getMessage().contains("kernel-shap"), notTrees.getMessage());
    }

    @Test
    void malformedModelsAreRefusedNamingTheProblem(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String good = Files.readString(FIXTURES.resolve("regression.json"));
        String[][] cases = {
                {"\"left_children\":[1,", "\"left_children\":[0,", "child 0"},
                {"\"name\":\"reg:squarederror\"", "\"name\":\"rank:pairwise\"", "objective rank:pairwise"},
                {"\"name\":\"gbtree\"", "\"name\":\"dart\"", "dart"},
                {"\"num_class\":\"0\",\"num_feature\":\"6\"", "\"num_class\":\"0\",\"num_feature\":\"2\"", "splits on feature"},
                {"\"base_score\":\"2.5E-1\"", "\"base_score\":\"NaN\"", "base_score"},
                {"\"num_class\":\"0\"", "\"num_class\":\"900000000\"", "num_class 900000000"},
        };
        for (String[] c : cases) {
            assertTrue(good.contains(c[0]), "fixture has " + c[0]);
            Path file = dir.resolve("m.json");
            Files.writeString(file, good.replaceFirst(java.util.regex.Pattern.quote(c[0]), c[1]));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XgboostModel.read(file));
            assertTrue(e.getMessage().contains(c[2]) && e.getMessage().contains("m.json"), e.getMessage());
        }
        assertTrue(XgboostModel.looksLikeOne(FIXTURES.resolve("binary.json")));
        assertTrue(!XgboostModel.looksLikeOne(FIXTURES.resolve("binary-expected.json")));
    }

    @Test
    void backgroundFreeShapleyOfAStumpIsItsStepTimesTheOtherSidesShare() {
        // one split x0 < 0 with covers 30 / 70 and values 1 / 0: φ₀ = f(x) − E f
        DecisionTree stump = DecisionTree.of(new int[] {1, -1, -1}, new int[] {2, -1, -1}, new int[] {0, 0, 0},
                new double[] {0, 0, 0}, new DecisionTree.Split[] {DecisionTree.Split.LESS, null, null},
                new double[] {0, 1, 0}, new double[] {100, 30, 70}, 2);
        TreeEnsemble model = TreeEnsemble.of(2, OutputKind.REGRESSION, new double[] {0}, List.of(stump), new int[] {0},
                false, "stump");
        Explanation e = TreeShap.builder().build().explain(model, Target.output(0), new double[] {-1, 5}, 0L);
        assertEquals(0.7, e.attributions()[0], 1e-15);
        assertEquals(0, e.attributions()[1], 0.0);
        assertTrue(model.piecewiseConstant());
        assertEquals(0.7 + 0.3, e.attributions()[0] + e.diagnostics().get(Attribution.BASE_VALUE), 1e-15);
    }

    /**
     * The per-leaf tables and Algorithm 2 are two computations of one quantity: on random trees (features repeating
     * along paths, uneven covers, depth 1 to 9) they agree to rounding, and a tree too deep for tables (a chain of 40
     * splits) is explained by Algorithm 2 with values that still add up.
     */
    @Test
    void tablesAndAlgorithm2Agree() {
        java.util.random.RandomGenerator rng = io.jxplain.random.RandomStreams.stream(17L);
        for (int trial = 0; trial < 200; trial++) {
            int d = 1 + rng.nextInt(5);
            DecisionTree tree = io.jxplain.model.tree.RandomTrees.complete(rng, 1 + rng.nextInt(9), d, 0.05, true);
            TreeEnsemble model = TreeEnsemble.of(d, OutputKind.REGRESSION, new double[] {0}, List.of(tree),
                    new int[] {0}, false, "random tree");
            TreeShapTables tables = TreeShapTables.of(model);
            assertTrue(tables.has(0), "depth " + tree.depth() + " fits the tables");
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                x[j] = rng.nextGaussian();
            }
            double[] byTables = new double[d];
            tables.add(0, tree, x, 1, d, false, byTables, new int[tree.size()], new int[tree.size()]);
            double[] byPaths = new double[d];
            TreeShap.algorithm2(tree, x, false, byPaths);
            for (int j = 0; j < d; j++) {
                assertEquals(byPaths[j], byTables[j], 1e-12 * (1 + Math.abs(byPaths[j])), "trial " + trial + " feature " + j);
            }
        }
        int length = 40; // node 2i + 1 splits on, node 2i + 2 is a leaf: a chain too deep for tables
        int n = 2 * length + 1;
        int[] left = new int[n];
        int[] right = new int[n];
        int[] feature = new int[n];
        double[] threshold = new double[n];
        double[] value = new double[n];
        double[] cover = new double[n];
        DecisionTree.Split[] split = new DecisionTree.Split[n];
        java.util.Arrays.fill(left, -1);
        java.util.Arrays.fill(right, -1);
        int node = 0;
        cover[0] = 1 << 20;
        for (int i = 0; i < length; i++) {
            left[node] = node + 1;
            right[node] = node + 2;
            feature[node] = i % 35;
            threshold[node] = 0.01 * i;
            split[node] = DecisionTree.Split.LESS_OR_EQUAL;
            cover[node + 1] = cover[node] * 0.75;
            cover[node + 2] = cover[node] - cover[node + 1];
            value[node + 2] = i;
            node++;
            node++;
        }
        value[node - 1] = -5;
        DecisionTree chain = DecisionTree.of(left, right, feature, threshold, split, value, cover, 35);
        TreeEnsemble deep = TreeEnsemble.of(35, OutputKind.REGRESSION, new double[] {0}, List.of(chain), new int[] {0},
                false, "chain");
        assertTrue(!TreeShapTables.of(deep).has(0), "2^35 table entries are not built");
        Explanation e = TreeShap.builder().build().explain(deep, Target.output(0), new double[35], 0L);
        assertEquals(0, e.diagnostics().get("efficiency_gap"), 1e-9);
    }
}
