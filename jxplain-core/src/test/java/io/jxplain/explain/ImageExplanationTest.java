package io.jxplain.explain;

import io.jxplain.model.ImageShape;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Activation;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkBuilder;
import io.jxplain.random.RandomStreams;
import io.jxplain.sample.SquarePatchPerturbation;
import io.jxplain.testing.FunctionModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.random.RandomGenerator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Explainers on image models: sliding-window occlusion, square removal, attribution maps, the whole catalogue. */
class ImageExplanationTest {
    private static final ImageShape SHAPE = new ImageShape(1, 6, 6);

    static Network cnn() {
        return NetworkBuilder.image(SHAPE).conv(3, 3, Activation.ELU).maxPool(2)
                .dense(2, Activation.IDENTITY).build(OutputKind.LOGITS, 31L);
    }

    static double[] image(long seed) {
        RandomGenerator rng = RandomStreams.stream(seed);
        double[] x = new double[SHAPE.size()];
        for (int j = 0; j < x.length; j++) {
            x[j] = 0.2 + rng.nextDouble(); // nonzero everywhere
        }
        return x;
    }

    /** f(a) = wᵀa on a 6×6 image, with its image shape declared. */
    static FunctionModel linearImage(double[] w) {
        return FunctionModel.linear(w, 0.0).withImageShape(SHAPE);
    }

    @Test
    void slidingOcclusionWithOnePixelWindowsIsFeatureOcclusion() {
        double[] x = image(1L);
        Explanation feature = Occlusion.builder().build().explain(cnn(), Target.probability(1), x, 0L);
        Explanation sliding = Occlusion.builder().sliding(1, 1).build().explain(cnn(), Target.probability(1), x, 0L);
        assertArrayEquals(feature.attributions(), sliding.attributions(), 1e-15);
    }

    @Test
    void nonOverlappingWindowsShareEachPatchsDropAndSumToFourTimesTheTotalForALinearModel() {
        double[] w = image(2L);
        double[] x = image(3L);
        Explanation e = Occlusion.builder().sliding(2, 2).build().explain(linearImage(w), Target.output(0), x, 0L);
        AttributionMap map = AttributionMap.of(e, SHAPE);
        assertEquals(map.get(0, 0, 0), map.get(0, 1, 1), 0.0); // one patch, one value
        double sum = 0;
        for (double v : e.attributions()) {
            sum += v;
        }
        assertEquals(4 * FunctionModel.dot(w, x), sum, 1e-12); // each of the 9 patches' drops counted on 4 pixels
        assertEquals(9 + 2, e.modelCalls(), "nine patches, x and the baseline");
    }

    @Test
    void slidingOcclusionNeedsAnImageModelAndAWindowThatFits() {
        FunctionModel flat = FunctionModel.linear(new double[36], 0);
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
                () -> Occlusion.builder().sliding(2, 1).build().explain(flat, Target.output(0), image(1L), 0L));
        assertTrue(e1.getMessage().contains("needs an image model"), e1.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> Occlusion.builder().sliding(7, 1).build().explain(cnn(), Target.probability(1), image(1L), 0L));
        assertTrue(e2.getMessage().contains("exceeds the image"), e2.getMessage());
    }

    @Test
    void squarePatchesAreWholeSquaresAtUniformPositions() {
        SquarePatchPerturbation p = SquarePatchPerturbation.zeros(new ImageShape(2, 5, 5), 3);
        double[] x = new double[50];
        java.util.Arrays.fill(x, 1.0);
        int n = 9000;
        DMatrixRMaj out = p.sample(x, n, RandomStreams.stream(4L));
        int[] counts = new int[9];
        for (int i = 0; i < n; i++) {
            int top = -1;
            int left = -1;
            int zeros = 0;
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 5; y++) {
                    for (int xx = 0; xx < 5; xx++) {
                        if (out.get(i, (c * 5 + y) * 5 + xx) == 0) {
                            zeros++;
                            if (top < 0) {
                                top = y;
                                left = xx;
                            }
                        }
                    }
                }
            }
            assertEquals(18, zeros, "a 3×3 square in both channels");
            for (int c = 0; c < 2; c++) {
                for (int y = top; y < top + 3; y++) {
                    for (int xx = left; xx < left + 3; xx++) {
                        assertEquals(0.0, out.get(i, (c * 5 + y) * 5 + xx));
                    }
                }
            }
            counts[top * 3 + left]++;
        }
        double se = Math.sqrt(n * (1 / 9.0) * (8 / 9.0)); // binomial standard error of each count
        for (int k = 0; k < 9; k++) {
            assertEquals(n / 9.0, counts[k], 4 * se, "position " + k);
        }
    }

    @Test
    void squareRemovalRecoversALinearModelsGlobalAttributionWhenPatchesSpanEveryPixel() {
        double[] w = image(5L);
        double[] x = image(6L);
        Explanation e = InfidelityOptimal.builder().squareRemoval(1, 2).samples(2000).build()
                .explain(linearImage(w), Target.output(0), x, 7L);
        for (int j = 0; j < 36; j++) {
            assertEquals(w[j] * x[j], e.attribution(j), 1e-9, "pixel " + j);
        }
        // with 3×3 patches alone (16 positions < 36 pixels) only the projection of w onto the patches is identified
        Explanation coarse = InfidelityOptimal.builder().squareRemoval(3).samples(2000).build()
                .explain(linearImage(w), Target.output(0), x, 7L);
        double gap = 0;
        for (int j = 0; j < 36; j++) {
            gap += Math.abs(coarse.attribution(j) - w[j] * x[j]);
        }
        assertTrue(gap > 0.1, "3×3 patches cannot identify every pixel: L1 gap " + gap);
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class, () -> InfidelityOptimal
                .builder().squareRemoval(2).build().explain(FunctionModel.linear(w, 0), Target.output(0), x, 7L));
        assertTrue(flat.getMessage().contains("needs an image model"), flat.getMessage());
    }

    @Test
    void attributionMapsSumChannelsPerPixel() {
        ImageShape rgb = new ImageShape(3, 2, 2);
        double[] values = new double[12];
        for (int j = 0; j < 12; j++) {
            values[j] = j;
        }
        double[][] pixels = AttributionMap.of(values, rgb).pixels();
        assertEquals(0 + 4 + 8, pixels[0][0], 0.0);
        assertEquals(3 + 7 + 11, pixels[1][1], 0.0);
        assertThrows(IllegalArgumentException.class, () -> AttributionMap.of(new double[5], rgb));
    }

    static Stream<Explainer> catalogue() {
        return ExplainerConformanceTest.explainers().filter(e -> !(e instanceof ExactShapley));
    }

    /** Every explainer runs on an image network and gives a map of the image's shape; exact Shapley refuses d = 36. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyExplainerGivesAnAttributionMapOnAnImageNetwork(Explainer explainer) {
        Network net = cnn();
        double[] x = image(8L);
        Explanation e = explainer.explain(net, Target.probability(1), x, 9L);
        double[][] pixels = AttributionMap.of(e, net.imageShape().orElseThrow()).pixels();
        assertEquals(6, pixels.length);
        double l1 = 0;
        for (double v : e.attributions()) {
            assertTrue(Double.isFinite(v));
            l1 += Math.abs(v);
        }
        assertTrue(l1 > 0, "a non-zero map");
        assertArrayEquals(e.attributions(), explainer.explain(net, Target.probability(1), x, 9L).attributions(), 0.0);
    }

    @Test
    void kernelShapWithTooFewCoalitionsForAnImageStaysEfficientAndSaysSo() {
        Explanation e = KernelShap.builder().samples(30).build().explain(cnn(), Target.probability(1), image(8L), 3L);
        assertEquals(1.0, e.diagnostics().get("rank_deficient"));
        assertEquals(0.0, e.diagnostics().get("efficiency_gap"), 1e-12);
        assertTrue(Double.isNaN(e.standardErrors()[0]));
        Explanation enough = KernelShap.builder().samples(3000).build()
                .explain(cnn(), Target.probability(1), image(8L), 3L);
        assertEquals(0.0, enough.diagnostics().get("rank_deficient"));
    }

    @Test
    void exactShapleyRefusesImagesWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExactShapley.builder().build().explain(cnn(), Target.probability(1), image(8L), 0L));
        assertTrue(e.getMessage().contains("use kernel-shap"), e.getMessage());
    }
}
