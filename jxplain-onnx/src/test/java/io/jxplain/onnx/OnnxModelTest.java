package io.jxplain.onnx;

import io.jxplain.explain.KernelShap;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.Occlusion;
import io.jxplain.model.FiniteDifferences;
import io.jxplain.model.NonFiniteOutputException;
import io.jxplain.model.NumericType;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkJson;
import io.jxplain.testing.ModelFixtures;
import io.jxplain.testing.ModelFixtures.Expected;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxModelTest {
    /** float32 arithmetic in two engines (PyTorch, ONNX Runtime) over a few dozen terms of size ≤ 10. */
    private static final double FLOAT32_TOLERANCE = 64 * 10 * Math.ulp(1.0f);

    @Test
    void float64MlpReproducesPyTorchAndTheBuiltInNetwork() throws Exception {
        Expected expected = ModelFixtures.expected("mlp");
        Network builtIn = NetworkJson.read(ModelFixtures.path("mlp.json")).network();
        try (OnnxModel onnx = OnnxModel.load(ModelFixtures.path("mlp.onnx"))) {
            assertEquals(6, onnx.inputSize());
            assertEquals(3, onnx.outputSize());
            assertEquals(NumericType.FLOAT64, onnx.signature().inputType());
            assertEquals(OutputKind.LOGITS, onnx.outputKind(), "logits do not sum to one on the probe");
            assertTrue(onnx.outputKindDetected());
            DMatrixRMaj out = onnx.predict(expected.inputs());
            assertArrayEquals(expected.outputs().data, out.data, 1e-12);
            assertArrayEquals(builtIn.predict(expected.inputs()).data, out.data, 1e-12);
        }
    }

    @Test
    void float32ProbabilitiesAreDetectedAndFedAsFloat32() throws Exception {
        Expected expected = ModelFixtures.expected("mlp-probabilities-f32");
        try (OnnxModel onnx = OnnxModel.load(ModelFixtures.path("mlp-probabilities-f32.onnx"))) {
            assertEquals(NumericType.FLOAT32, onnx.signature().inputType());
            assertEquals(Math.ulp(1.0f), onnx.machineEpsilon());
            assertEquals(OutputKind.PROBABILITIES, onnx.outputKind());
            assertArrayEquals(expected.outputs().data, onnx.predict(expected.inputs()).data, FLOAT32_TOLERANCE);
        }
        try (OnnxModel declared = OnnxModel.builder(ModelFixtures.path("mlp-probabilities-f32.onnx"))
                .outputKind(OutputKind.LOGITS).build()) {
            assertEquals(OutputKind.LOGITS, declared.outputKind(), "a declared kind wins over the probe");
            assertFalse(declared.outputKindDetected());
        }
    }

    @Test
    void imageModelHasItsShapeAndMatchesTheBuiltInCnn() throws Exception {
        Expected expected = ModelFixtures.expected("cnn-f32");
        Network builtIn = NetworkJson.read(ModelFixtures.path("cnn-f32.json")).network();
        try (OnnxModel onnx = OnnxModel.load(ModelFixtures.path("cnn-f32.onnx"))) {
            assertEquals("1x8x8", onnx.imageShape().orElseThrow().toString());
            assertEquals(64, onnx.inputSize());
            DMatrixRMaj out = onnx.predict(expected.inputs());
            assertArrayEquals(expected.outputs().data, out.data, FLOAT32_TOLERANCE);
            assertArrayEquals(builtIn.predict(expected.inputs()).data, out.data, FLOAT32_TOLERANCE);
        }
    }

    @Test
    void rowsPerCallCapDoesNotChangeAnyValue() throws Exception {
        DMatrixRMaj rows = ModelFixtures.expected("mlp").inputs();
        try (OnnxModel whole = OnnxModel.load(ModelFixtures.path("mlp.onnx"));
             OnnxModel capped = OnnxModel.builder(ModelFixtures.path("mlp.onnx")).maxRowsPerCall(2).build()) {
            assertArrayEquals(whole.predict(rows).data, capped.predict(rows).data, 0.0);
        }
    }

    @Test
    void finiteDifferenceGradientsMatchAutogradWithinTheirTruncationError() throws Exception {
        checkFiniteDifferences("mlp", Target.logit(1), "output:1");
        checkFiniteDifferences("mlp-probabilities-f32", Target.probability(2), "output:2");
    }

    /**
     * The central difference D(h) = f' + f'''h²/6 + O(h⁴) + round-off ε|f|/h; D(2h) − D(h) ≈ 3·(f'''h²/6) estimates
     * the truncation term (Richardson), so |D(h) − f'| must stay below |D(2h) − D(h)|/3 plus twice the round-off.
     */
    private static void checkFiniteDifferences(String name, Target target, String gradientKey) throws Exception {
        Expected expected = ModelFixtures.expected(name);
        try (OnnxModel onnx = OnnxModel.load(ModelFixtures.path(name + ".onnx"))) {
            FiniteDifferences fd = FiniteDifferences.of(onnx);
            double h = fd.step(0);
            double[] scales = new double[onnx.inputSize()];
            java.util.Arrays.fill(scales, 1.0);
            FiniteDifferences fd2 = FiniteDifferences.of(onnx, 2 * h, scales);
            DMatrixRMaj x = expected.inputs();
            double[] g1 = io.jxplain.model.BatchedEvaluation.gradients(fd, target, x, 4096).gradients().data;
            double[] g2 = io.jxplain.model.BatchedEvaluation.gradients(fd2, target, x, 4096).gradients().data;
            double[] autograd = expected.gradients().get(gradientKey).data;
            double maxOutput = 0;
            for (double v : expected.outputs().data) {
                maxOutput = Math.max(maxOutput, Math.abs(v));
            }
            double roundOff = 2 * onnx.machineEpsilon() * maxOutput / h;
            for (int i = 0; i < g1.length; i++) {
                double bound = Math.abs(g2[i] - g1[i]) / 3 * 2 + 2 * roundOff;
                assertTrue(Math.abs(g1[i] - autograd[i]) <= bound, name + " gradient " + i + ": finite difference "
                        + g1[i] + " vs autograd " + autograd[i] + ", bound " + bound);
            }
        }
    }

    @Test
    void perturbationExplainersRunOnTheBlackBoxAndMatchTheBuiltInNetwork() throws Exception {
        Network builtIn = NetworkJson.read(ModelFixtures.path("mlp.json")).network();
        DMatrixRMaj rows = ModelFixtures.expected("mlp").inputs();
        try (OnnxModel onnx = OnnxModel.load(ModelFixtures.path("mlp.onnx"))) {
            Target t = Target.probability(1);
            for (io.jxplain.explain.Explainer method : List.of(Occlusion.builder().build(), KernelShap.builder()
                    .samples(64).build())) {
                List<Explanation> a = method.explainAll(onnx, t, rows, 7L, 2);
                List<Explanation> b = method.explainAll(builtIn, t, rows, 7L, 1);
                for (int i = 0; i < a.size(); i++) {
                    assertArrayEquals(b.get(i).attributions(), a.get(i).attributions(), 1e-10, method.name());
                }
            }
        }
    }

    @Test
    void aClosedModelRefusesCallsInsteadOfCrashing() throws Exception {
        OnnxModel onnx = OnnxModel.load(ModelFixtures.path("mlp.onnx"));
        onnx.close();
        onnx.close(); // idempotent
        var e = assertThrows(IllegalStateException.class, () -> onnx.predict(new DMatrixRMaj(1, 6)));
        assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
    }

    @Test
    void loadsFromBytes() throws Exception {
        byte[] bytes = Files.readAllBytes(ModelFixtures.path("mlp.onnx"));
        try (OnnxModel onnx = OnnxModel.builder(bytes, "shipped.onnx").build()) {
            assertEquals(6, onnx.inputSize());
            assertTrue(onnx.describe().contains("shipped.onnx"));
        }
    }

    @Test
    void badModelsGiveOneClearError() {
        assertThrows(NoSuchFileException.class, () -> OnnxModel.load(Path.of("no-such-model.onnx")));
        var notOnnx = assertThrows(IllegalArgumentException.class,
                () -> OnnxModel.load(ModelFixtures.path("not-a-model.onnx")));
        assertTrue(notOnnx.getMessage().startsWith("not-a-model.onnx is not a model ONNX Runtime can load"),
                notOnnx.getMessage());
        var rank = assertThrows(IllegalArgumentException.class, () -> OnnxModel.load(ModelFixtures.path("rank5.onnx")));
        assertTrue(rank.getMessage().contains("rank 5"), rank.getMessage());
        var name = assertThrows(IllegalArgumentException.class,
                () -> OnnxModel.builder(ModelFixtures.path("mlp.onnx")).input("pixels").build());
        assertTrue(name.getMessage().contains("no input named 'pixels'"), name.getMessage());
    }

    @Test
    void wrongFeatureCountAndNonFiniteOutputsAreNamed() throws Exception {
        try (OnnxModel onnx = OnnxModel.load(ModelFixtures.path("mlp.onnx"))) {
            var e = assertThrows(IllegalArgumentException.class, () -> onnx.predict(new DMatrixRMaj(2, 5)));
            assertTrue(e.getMessage().contains("takes 6 features per row, got 5"), e.getMessage());
        }
        try (OnnxModel nan = OnnxModel.load(ModelFixtures.path("nan.onnx"))) {
            assertEquals(OutputKind.REGRESSION, nan.outputKind());
            double[] negative = findRowWithNegativeLinearPart(nan);
            var e = assertThrows(NonFiniteOutputException.class,
                    () -> Occlusion.builder().build().explain(nan, Target.output(0), negative, 1L));
            assertTrue(e.getMessage().contains("ONNX nan.onnx"), e.getMessage());
        }
    }

    /** log(w·x + b) is NaN where w·x + b &lt; 0: one of ±(large) unit vectors gets there. */
    private static double[] findRowWithNegativeLinearPart(OnnxModel nan) {
        for (int j = 0; j < 6; j++) {
            for (double s : new double[] {-100, 100}) {
                double[] x = new double[6];
                x[j] = s;
                double y = nan.predict(DMatrixRMaj.wrap(1, 6, x)).get(0, 0);
                if (Double.isNaN(y)) {
                    return x;
                }
            }
        }
        throw new AssertionError("the fixture's linear part is never negative");
    }
}
