package io.jxplain.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.ExactShapley;
import io.jxplain.explain.Gradient;
import io.jxplain.model.FiniteDifferences;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.testing.ModelFixtures;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tree ensembles as scikit-learn's and XGBoost's converters export them (fixtures/models/make_trees.py): the label
 * output skipped, the ZipMap read as probability columns, one input per column fed by name, text inputs refused,
 * and gradients refused because a forest is piecewise constant.
 */
class TreeEnsembleOnnxTest {
    /** Inputs and the class probabilities make_trees.py computed by walking the trees itself. */
    record Expected(DMatrixRMaj inputs, DMatrixRMaj probabilities) {
        static Expected of(String model) throws IOException {
            JsonNode root = new ObjectMapper().readTree(ModelFixtures.path(model + ".expected.json").toFile());
            return new Expected(matrix(root.get("inputs")), matrix(root.get("probabilities")));
        }

        /** A JSON array of equal-length number arrays as a matrix. */
        static DMatrixRMaj matrix(JsonNode rows) {
            DMatrixRMaj m = new DMatrixRMaj(rows.size(), rows.get(0).size());
            for (int i = 0; i < rows.size(); i++) {
                for (int j = 0; j < rows.get(0).size(); j++) {
                    m.set(i, j, rows.get(i).get(j).asDouble());
                }
            }
            return m;
        }
    }

    private static void assertProbabilities(Expected expected, DMatrixRMaj actual, String model) {
        assertEquals(expected.probabilities().numCols, actual.numCols, model + ": one column per class");
        for (int k = 0; k < actual.data.length; k++) {
            // float32 arithmetic inside ONNX Runtime
            assertEquals(expected.probabilities().data[k], actual.data[k], 1e-6, model + ", entry " + k);
        }
    }

    @Test
    void aForestAndABoostedEnsembleWithZipMapAreReadAsProbabilitiesWithoutChoosingAnOutput() throws IOException {
        for (String name : List.of("forest-zipmap", "boosted-zipmap")) {
            try (OnnxModel model = OnnxModel.load(ModelFixtures.path(name + ".onnx"))) {
                assertEquals("output_probability", model.signature().outputName(), "the int64 label is skipped");
                assertTrue(model.signature().zipMap());
                assertEquals(OutputKind.PROBABILITIES, model.outputKind());
                assertEquals(2, model.outputSize());
                Expected expected = Expected.of(name);
                assertProbabilities(expected, model.predict(expected.inputs()), name);
                assertTrue(model.piecewiseConstant(), name);
                assertEquals(List.of("TreeEnsembleClassifier"), model.treeOperators());
            }
        }
    }

    @Test
    void aGraphWithOneInputPerColumnIsFedColumnByColumnInItsOrder() throws IOException {
        try (OnnxModel columns = OnnxModel.load(ModelFixtures.path("forest-columns.onnx"))) {
            assertEquals(List.of("a", "b", "c"), columns.signature().columnNames());
            assertEquals(3, columns.inputSize());
            Expected expected = Expected.of("forest-columns");
            assertProbabilities(expected, columns.predict(expected.inputs()), "forest-columns");
        }
    }

    @Test
    void textInputsAreRefusedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxModel.load(ModelFixtures.path("forest-string-column.onnx")));
        assertTrue(e.getMessage().contains("[city]") && e.getMessage().contains("text"), e.getMessage());
    }

    /** The Shapley values of the forest add up to p(x) − p(baseline); its gradients are refused, naming what suits. */
    @Test
    void shapleyValuesAddUpAndGradientsAreRefused() throws IOException {
        try (OnnxModel forest = OnnxModel.load(ModelFixtures.path("forest-zipmap.onnx"))) {
            Expected expected = Expected.of("forest-zipmap");
            double[] x = {expected.inputs().get(2, 0), expected.inputs().get(2, 1), expected.inputs().get(2, 2)};
            Explanation e = ExactShapley.builder().build().explain(forest, Target.probability(1), x, 0L);
            double sum = e.diagnostics().get(Explanation.BASE_VALUE);
            for (double v : e.attributions()) {
                sum += v;
            }
            assertEquals(expected.probabilities().get(2, 1), sum, 1e-6, "efficiency, to float32 precision");
            FiniteDifferences fd = FiniteDifferences.of(forest);
            assertTrue(fd.piecewiseConstant());
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Gradient.builder().build().explain(fd, Target.probability(1), x, 0L));
            assertTrue(refused.getMessage().contains("piecewise constant") && refused.getMessage().contains("kernel-shap"),
                    refused.getMessage());
        }
        try (OnnxModel mlp = OnnxModel.load(ModelFixtures.path("mlp.onnx"))) {
            assertFalse(mlp.piecewiseConstant(), "a network is not a tree ensemble");
        }
    }
}
