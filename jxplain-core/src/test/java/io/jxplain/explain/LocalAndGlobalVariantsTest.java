package io.jxplain.explain;

import io.jxplain.metric.Infidelity;
import io.jxplain.model.ImageShape;
import io.jxplain.model.Target;
import io.jxplain.sample.BaselinePerturbation;
import io.jxplain.random.RandomStreams;
import io.jxplain.sample.SquarePatchPerturbation;
import io.jxplain.testing.FunctionModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces Yeh et al.'s experiments combine: local and global variants, ball smoothing, clipped noisy baselines. */
class LocalAndGlobalVariantsTest {
    private static final Target OUT = Target.output(0);
    private final FunctionModel quadratic = FunctionModel.quadratic(new double[][] {{1, 0.5, 0}, {0.5, -2, 0.3}, {0, 0.3, 1.5}});
    private final double[] x = {0.7, -1.2, 0.4};

    @Test
    void pathAverageTimesInputIsIntegratedGradients() {
        Explanation ig = IntegratedGradients.builder().steps(10).quadrature(Quadrature.RIEMANN_LEFT).build()
                .explain(quadratic, OUT, x, 0L);
        Explanation local = TimesInput.builder(IntegratedGradients.builder().steps(10)
                .quadrature(Quadrature.RIEMANN_LEFT)
                .pathAverage().build()).build().explain(quadratic, OUT, x, 0L);
        assertArrayEquals(ig.attributions(), local.attributions(), 1e-15);
    }

    @Test
    void gradientTimesInputIsTheGlobalGradient() {
        assertArrayEquals(GradientTimesInput.builder().build().explain(quadratic, OUT, x, 0L).attributions(),
                TimesInput.builder(Gradient.builder().build()).build().explain(quadratic, OUT, x, 0L)
                        .attributions(), 0.0);
    }

    @Test
    void smoothingOverTheBallOfALinearModelGivesItsWeightsAndStaysInTheBall() {
        double[] w = {2, -1, 0.5};
        Explanation e = Smoothed.builder(Gradient.builder().build()).samples(30).uniform(0.2).build()
                .explain(FunctionModel.linear(w, 0), OUT, x, 1L);
        assertArrayEquals(w, e.attributions(), 1e-15);
        assertEquals(0.2, e.provenance().parameters().get("radius"));
        // the smoothed gradient of a quadratic over the ball is the gradient at x (odd noise terms average out)
        Explanation q = Smoothed.builder(Gradient.builder().build()).samples(20_000).uniform(0.2).build()
                .explain(quadratic, OUT, x, 2L);
        double[] exact = Gradient.builder().build().explain(quadratic, OUT, x, 0L).attributions();
        for (int j = 0; j < 3; j++) {
            assertEquals(exact[j], q.attribution(j), 4 * q.standardErrors()[j], "feature " + j);
        }
    }

    @Test
    void clippedNoisyBaselineStaysInRangeAndPilesUpAtZero() {
        BaselinePerturbation p = BaselinePerturbation.noisy(new double[400], 0.2).clippedTo(0, 1);
        DMatrixRMaj out = p.sample(new double[400], 5, RandomStreams.stream(3L));
        int zeros = 0;
        for (double v : out.data) {
            assertTrue(v >= 0 && v <= 1, "value " + v);
            zeros += v == 0 ? 1 : 0;
        }
        int n = out.data.length;
        assertEquals(n / 2.0, zeros, 4 * Math.sqrt(n * 0.25), "half the draws are negative and clip to 0");
        assertThrows(IllegalArgumentException.class, () -> p.clippedTo(1, 0));
    }

    /** For f = wᵀx and removal of square patches, w is exact locally and w ⊙ x exact globally: both have infidelity 0. */
    @Test
    void infidelityOfGlobalExplanationsCountsTheRemovedFeatures() {
        ImageShape shape = new ImageShape(1, 4, 4);
        double[] w = new double[16];
        double[] image = new double[16];
        for (int j = 0; j < 16; j++) {
            w[j] = Math.sin(j + 1.0);
            image[j] = 0.1 + 0.05 * j;
        }
        FunctionModel f = FunctionModel.linear(w, 0.3).withImageShape(shape);
        double[] global = new double[16];
        for (int j = 0; j < 16; j++) {
            global[j] = w[j] * image[j];
        }
        Infidelity.Builder infidelity = Infidelity.builder().perturbation(SquarePatchPerturbation.zeros(shape, 1, 2))
                .samples(200);
        Infidelity local = infidelity.build();
        Infidelity forGlobal = infidelity.forGlobalExplanations(true).build();
        assertEquals(0.0, local.evaluate(f, OUT, explanation(w), image, 4L).value(), 1e-24);
        assertEquals(0.0, forGlobal.evaluate(f, OUT, explanation(global), image, 4L).value(), 1e-24);
        assertTrue(local.evaluate(f, OUT, explanation(global), image, 4L).value() > 1e-4, "a global map read as local");
    }

    private static Explanation explanation(double[] phi) {
        return new Explanation(phi, null, Double.NaN, 0, new Provenance("given", java.util.Map.of(), "f", "output:0", null,
                0, "test"), java.util.Map.of());
    }
}
