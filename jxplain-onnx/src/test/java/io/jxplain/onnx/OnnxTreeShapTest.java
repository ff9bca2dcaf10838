package io.jxplain.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jxplain.testing.ModelFixtures;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.TreeShap;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.model.tree.TreeEnsemble;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ONNX-ML tree ensembles rebuilt in Java for exact TreeSHAP: XGBoost's trees written as ONNX classifiers and a
 * regressor with their covers in nodes_hitrates (fixtures/trees/make_onnx_fixtures.py) give XGBoost's own
 * pred_contribs; a skl2onnx-style forest without covers takes them from rows, and its values add up.
 */
class OnnxTreeShapTest {
    private static final Path TREES = Path.of("..", "fixtures", "trees");

    private static DMatrixRMaj matrix(JsonNode rows) {
        return TreeEnsembleOnnxTest.Expected.matrix(rows);
    }

    @ParameterizedTest
    @ValueSource(strings = {"regression", "binary", "multiclass"})
    void xgboostTreesWrittenAsOnnxGiveXgboostsPredContribs(String name) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(TREES.resolve(name + "-expected.json").toFile());
        int classes = expected.get("classes").asInt();
        DMatrixRMaj x = matrix(expected.get("rows"));
        try (OnnxModel onnx = OnnxModel.load(TREES.resolve(name + ".onnx"))) {
            TreeEnsemble trees = onnx.treeEnsemble(x);
            assertEquals(classes == 1 ? OutputKind.REGRESSION : OutputKind.LOGITS, trees.outputKind());
            assertEquals(classes == 2 ? 2 : Math.max(1, classes), trees.outputSize());
            for (int c = classes == 2 ? 1 : 0; c < Math.max(1, classes); c++) {
                Target target = classes == 1 ? Target.output(0) : Target.logit(c);
                List<Explanation> all = TreeShap.builder().build().explainAll(trees, target, x, 0L, 2);
                for (int i = 0; i < x.numRows; i++) {
                    JsonNode contribs = classes == 3 ? expected.get("contributions").get(i).get(c)
                            : expected.get("contributions").get(i);
                    Explanation e = all.get(i);
                    for (int j = 0; j < x.numCols; j++) {
                        assertEquals(contribs.get(j).asDouble(), e.attributions()[j], 1e-6,
                                name + " row " + i + " class " + c + " feature " + j);
                    }
                    // the bias: XGBoost's E f under the covers, which the hitrates carried over
                    assertEquals(contribs.get(x.numCols).asDouble(), e.diagnostics().get(Explanation.BASE_VALUE),
                            1e-6, name + " row " + i + " bias");
                }
            }
        }
    }

    @Test
    void aForestWithoutCoversTakesThemFromRowsAndItsValuesAddUpToTheProbability() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(ModelFixtures.path("forest-zipmap.expected.json").toFile());
        DMatrixRMaj x = matrix(expected.get("inputs"));
        DMatrixRMaj p = matrix(expected.get("probabilities"));
        try (OnnxModel onnx = OnnxModel.load(ModelFixtures.path("forest-zipmap.onnx"))) {
            TreeEnsemble trees = onnx.treeEnsemble(x);
            assertEquals(OutputKind.PROBABILITIES, trees.outputKind(), "a forest's averaged votes are probabilities");
            assertTrue(trees.describe().contains("covers from 12 rows"), trees.describe());
            DMatrixRMaj rebuilt = trees.predict(x);
            for (int k = 0; k < p.data.length; k++) {
                // the file stores each leaf's vote as a float: p/3 rounded, three times over
                assertEquals(p.data[k], rebuilt.data[k], 3 * Math.ulp(1.0f), "walked by make_trees.py, entry " + k);
            }
            // E f under row-counted covers: in each tree the rows' leaves plus one pseudo-row split evenly at every
            // node, over rows + 1
            double rowsSum = 0;
            for (int i = 0; i < x.numRows; i++) {
                rowsSum += rebuilt.get(i, 1);
            }
            double pseudo = 0;
            for (int t = 0; t < trees.trees().size(); t++) {
                if (trees.outputOf(t) == 1) {
                    pseudo += evenSplitMean(trees.trees().get(t), 0, 1.0);
                }
            }
            double expectedBase = (rowsSum + pseudo) / (x.numRows + 1);
            for (int i = 0; i < x.numRows; i++) {
                Explanation e = TreeShap.builder().build().explain(trees, Target.probability(1),
                        java.util.Arrays.copyOfRange(x.data, i * 3, i * 3 + 3), 0L);
                double sum = java.util.Arrays.stream(e.attributions()).sum();
                double base = e.diagnostics().get(Explanation.BASE_VALUE);
                assertEquals(expectedBase, base, 1e-12, "E f of the counted covers");
                assertEquals(rebuilt.get(i, 1) - base, sum, 1e-12, "row " + i + " adds up to p(x) − E f");
            }
        }
    }

    /** A tree's mean leaf value when every split sends half the weight each way. */
    private static double evenSplitMean(io.jxplain.model.tree.DecisionTree tree, int node, double weight) {
        return tree.isLeaf(node) ? weight * tree.value(node)
                : evenSplitMean(tree, tree.left(node), weight / 2) + evenSplitMean(tree, tree.right(node), weight / 2);
    }

    @Test
    void aBoostedClassifiersSoftmaxIsExplainedAsItsMarginAndItsColumnsAsTheirInputs() throws IOException {
        JsonNode boosted = new ObjectMapper().readTree(ModelFixtures.path("boosted-zipmap.expected.json").toFile());
        DMatrixRMaj x = matrix(boosted.get("inputs"));
        try (OnnxModel onnx = OnnxModel.load(ModelFixtures.path("boosted-zipmap.onnx"))) {
            TreeEnsemble trees = onnx.treeEnsemble(x); // checked against ONNX Runtime's probabilities inside
            assertEquals(OutputKind.LOGITS, trees.outputKind());
            assertEquals(0.25, trees.base(1), 1e-7, "the base value is the margin's start");
        }
        JsonNode forest = new ObjectMapper().readTree(ModelFixtures.path("forest-columns.expected.json").toFile());
        DMatrixRMaj columns = matrix(forest.get("inputs"));
        try (OnnxModel onnx = OnnxModel.load(ModelFixtures.path("forest-columns.onnx"))) {
            TreeEnsemble trees = onnx.treeEnsemble(columns); // a Concat of the inputs a, b, c
            DMatrixRMaj p = matrix(forest.get("probabilities"));
            DMatrixRMaj rebuilt = trees.predict(columns);
            for (int k = 0; k < p.data.length; k++) {
                assertEquals(p.data[k], rebuilt.data[k], 3 * Math.ulp(1.0f), "entry " + k);
            }
        }
    }

    @Test
    void aModelWithoutTreesOrEmptyRowsIsRefusedByName() throws IOException {
        try (OnnxModel mlp = OnnxModel.load(ModelFixtures.path("mlp.onnx"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> mlp.treeEnsemble(new DMatrixRMaj(1, mlp.inputSize())));
            assertTrue(e.getMessage().contains("has no ONNX-ML tree ensemble"), e.getMessage());
        }
        try (OnnxModel forest = OnnxModel.load(ModelFixtures.path("forest-zipmap.onnx"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> forest.treeEnsemble(new DMatrixRMaj(0, 3)));
            assertTrue(e.getMessage().contains("coverRows is empty"), e.getMessage());
        }
    }
}
