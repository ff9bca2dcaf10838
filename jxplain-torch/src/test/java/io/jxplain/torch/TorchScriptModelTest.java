package io.jxplain.torch;

import io.jxplain.explain.ClosedFormSmoothGrad;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.ImageShape;
import io.jxplain.model.NonFiniteOutputException;
import io.jxplain.model.NumericType;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkJson;
import io.jxplain.onnx.OnnxModel;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TorchScriptModelTest {
    /** float32 arithmetic in two engines over a few dozen terms of size ≤ 10. */
    private static final double FLOAT32_TOLERANCE = 64 * 10 * Math.ulp(1.0f);

    @Test
    void float64MlpGivesPyTorchsOutputsAndGradientsInEvalMode() throws Exception {
        Expected expected = ModelFixtures.expected("mlp");
        try (TorchScriptModel torch = TorchScriptModel.load(ModelFixtures.path("mlp.pt"), 6)) {
            assertEquals(NumericType.FLOAT64, torch.numericType());
            assertEquals(3, torch.outputSize());
            assertEquals(OutputKind.LOGITS, torch.outputKind());
            DMatrixRMaj first = torch.predict(expected.inputs());
            assertArrayEquals(expected.outputs().data, first.data, 1e-12);
            assertArrayEquals(first.data, torch.predict(expected.inputs()).data, 0.0,
                    "dropout must be off: two passes give the same outputs");
            for (int c = 0; c < 3; c++) {
                DMatrixRMaj g = torch.targetGradients(Target.output(c), expected.inputs()).gradients();
                assertArrayEquals(expected.gradients().get("output:" + c).data, g.data, 1e-12, "output " + c);
                assertArrayEquals(first.data, torch.predict(expected.inputs()).data, 0.0,
                        "a gradient pass must not switch the module to training mode");
            }
        }
    }

    @Test
    void theThreeLoadersAgreeOnOutputsAndGradients() throws Exception {
        Expected expected = ModelFixtures.expected("mlp");
        DMatrixRMaj x = expected.inputs();
        Network builtIn = NetworkJson.read(ModelFixtures.path("mlp.json")).network();
        try (TorchScriptModel torch = TorchScriptModel.load(ModelFixtures.path("mlp.pt"), 6);
             OnnxModel onnx = OnnxModel.load(ModelFixtures.path("mlp.onnx"))) {
            assertArrayEquals(builtIn.predict(x).data, torch.predict(x).data, 1e-12);
            assertArrayEquals(builtIn.predict(x).data, onnx.predict(x).data, 1e-12);
            Target t = Target.probability(1);
            assertArrayEquals(builtIn.targetGradients(t, x).gradients().data,
                    torch.targetGradients(t, x).gradients().data, 1e-12);
        }
        Expected images = ModelFixtures.expected("cnn-f32");
        Network cnn = NetworkJson.read(ModelFixtures.path("cnn-f32.json")).network();
        try (TorchScriptModel torch = TorchScriptModel.builder(ModelFixtures.path("cnn-f32.pt"))
                .imageShape(new ImageShape(1, 8, 8)).build()) {
            assertEquals(NumericType.FLOAT32, torch.numericType());
            assertArrayEquals(images.outputs().data, torch.predict(images.inputs()).data, FLOAT32_TOLERANCE);
            assertArrayEquals(cnn.predict(images.inputs()).data, torch.predict(images.inputs()).data, FLOAT32_TOLERANCE);
            Target t = Target.logit(2);
            assertArrayEquals(cnn.targetGradients(t, images.inputs()).gradients().data,
                    torch.targetGradients(t, images.inputs()).gradients().data, FLOAT32_TOLERANCE);
        }
    }

    @Test
    void backwardIsTheVectorJacobianProduct() throws Exception {
        Expected expected = ModelFixtures.expected("mlp");
        DMatrixRMaj x = expected.inputs();
        DMatrixRMaj seeds = new DMatrixRMaj(x.numRows, 3);
        for (int i = 0; i < x.numRows; i++) {
            seeds.set(i, i % 3, 1.0);
        }
        try (TorchScriptModel torch = TorchScriptModel.builder(ModelFixtures.path("mlp.pt")).inputSize(6)
                .maxRowsPerCall(2).build()) {
            DMatrixRMaj g = torch.backward(x, seeds);
            for (int i = 0; i < x.numRows; i++) {
                for (int j = 0; j < 6; j++) {
                    assertEquals(expected.gradients().get("output:" + (i % 3)).get(i, j), g.get(i, j), 1e-12);
                }
            }
        }
    }

    @Test
    void probabilitiesModelIsDetectedAndDifferentiated() throws Exception {
        Expected expected = ModelFixtures.expected("mlp-probabilities-f32");
        try (TorchScriptModel torch = TorchScriptModel.load(ModelFixtures.path("mlp-probabilities-f32.pt"), 6)) {
            assertEquals(OutputKind.PROBABILITIES, torch.outputKind());
            assertTrue(torch.outputKindDetected());
            DMatrixRMaj g = torch.targetGradients(Target.probability(2), expected.inputs()).gradients();
            assertArrayEquals(expected.gradients().get("output:2").data, g.data, FLOAT32_TOLERANCE);
        }
    }

    /**
     * SmoothGrad with autograd (TorchScript) and the gradient-free closed form Σ⁻¹·cov(a, f(a)) (ONNX, Theorem 1)
     * estimate the same vector: every difference within 3.8 combined standard errors (Bonferroni, 1% over 30 pairs).
     */
    @Test
    void smoothGradOfTorchAgreesWithTheGradientFreeClosedFormOfOnnx() throws Exception {
        DMatrixRMaj x = ModelFixtures.expected("mlp").inputs();
        Target t = Target.probability(1);
        try (TorchScriptModel torch = TorchScriptModel.load(ModelFixtures.path("mlp.pt"), 6);
             OnnxModel onnx = OnnxModel.load(ModelFixtures.path("mlp.onnx"))) {
            List<Explanation> sg = SmoothGrad.builder().samples(2000).sigma2(0.25).build().explainAll(torch, t, x, 11L, 2);
            List<Explanation> cf = ClosedFormSmoothGrad.builder().samples(20000).sigma2(0.25).build()
                    .explainAll(onnx, t, x, 12L, 2);
            for (int i = 0; i < x.numRows; i++) {
                for (int j = 0; j < 6; j++) {
                    double se = Math.hypot(sg.get(i).standardErrors()[j], cf.get(i).standardErrors()[j]);
                    double diff = Math.abs(sg.get(i).attribution(j) - cf.get(i).attribution(j));
                    assertTrue(diff <= 3.8 * se, "row " + i + " feature " + j + ": |Δ| = " + diff + ", SE " + se);
                }
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        DMatrixRMaj x = ModelFixtures.expected("mlp").inputs();
        try (TorchScriptModel torch = TorchScriptModel.load(ModelFixtures.path("mlp.pt"), 6)) {
            var sg = SmoothGrad.builder().samples(100).sigma2(1.0).build();
            List<Explanation> one = sg.explainAll(torch, Target.probability(0), x, 3L, 1);
            List<Explanation> two = sg.explainAll(torch, Target.probability(0), x, 3L, 2);
            for (int i = 0; i < one.size(); i++) {
                assertArrayEquals(one.get(i).attributions(), two.get(i).attributions(), 0.0);
            }
        }
    }

    @Test
    void aClosedModelRefusesCallsInsteadOfCrashing() throws Exception {
        TorchScriptModel torch = TorchScriptModel.load(ModelFixtures.path("mlp.pt"), 6);
        torch.close();
        torch.close();
        var e = assertThrows(IllegalStateException.class,
                () -> torch.targetGradients(Target.output(0), new DMatrixRMaj(1, 6)));
        assertEquals("TorchScript mlp.pt is closed", e.getMessage());
    }

    @Test
    void loadsFromBytes() throws Exception {
        byte[] bytes = Files.readAllBytes(ModelFixtures.path("mlp.pt"));
        try (TorchScriptModel torch = TorchScriptModel.builder(bytes, "shipped.pt").inputSize(6).build()) {
            assertEquals(3, torch.outputSize());
            assertTrue(torch.describe().contains("shipped.pt"));
        }
    }

    @Test
    void badModelsGiveOneClearError() {
        assertThrows(NoSuchFileException.class, () -> TorchScriptModel.load(Path.of("missing.pt"), 6));
        var notTorch = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptModel.load(ModelFixtures.path("mlp.onnx"), 6));
        assertTrue(notTorch.getMessage().startsWith("mlp.onnx is not a TorchScript model PyTorch can load"),
                notTorch.getMessage());
        var width = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptModel.load(ModelFixtures.path("mlp.pt"), 5));
        assertTrue(width.getMessage().startsWith("mlp.pt rejects inputs of shape (1, 5): mat1 and mat2 shapes cannot be multiplied"), width.getMessage());
        var rank = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptModel.load(ModelFixtures.path("rank5.pt"), 8));
        assertTrue(rank.getMessage().startsWith("rank5.pt rejects inputs of shape"), rank.getMessage());
        var shape = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptModel.builder(ModelFixtures.path("mlp.pt")).build());
        assertTrue(shape.getMessage().contains("does not declare its input shape"), shape.getMessage());
    }

    @Test
    void nonFiniteOutputsNameTheModelAndTheRow() throws Exception {
        try (TorchScriptModel nan = TorchScriptModel.load(ModelFixtures.path("nan.pt"), 6)) {
            DMatrixRMaj rows = new DMatrixRMaj(12, 6);
            for (int j = 0; j < 6; j++) {
                rows.set(2 * j, j, -100);
                rows.set(2 * j + 1, j, 100);
            }
            var e = assertThrows(NonFiniteOutputException.class,
                    () -> BatchedEvaluation.values(nan, Target.output(0), rows, 100));
            assertTrue(e.getMessage().startsWith("TorchScript nan.pt (6→1, float32) returned a non-finite output"),
                    e.getMessage());
        }
    }
}
