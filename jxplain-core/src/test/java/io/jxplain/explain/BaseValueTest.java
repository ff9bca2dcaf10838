package io.jxplain.explain;

import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;
import io.jxplain.testing.FunctionModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where each method's waterfall starts: {@link Explanation#BASE_VALUE}, and what base + Σφ reaches. */
class BaseValueTest {
    private static final Target OUT = Target.output(0);

    private static double sum(double[] v) {
        return Arrays.stream(v).sum();
    }

    @Test
    void occlusionStartsAtTheBaselinesValueAndAddsUpForAnAdditiveModel() {
        double[] theta = {1.5, -2.0, 0.5, 3.0};
        FunctionModel linear = FunctionModel.linear(theta, 0.7);
        double[] x = {0.4, -1.2, 2.0, 0.3};
        double[] x0 = {0.1, 0.2, -0.3, 0.5};
        Explanation e = Occlusion.builder().baseline(x0).build().explain(linear, OUT, x, 0L);
        assertEquals(linear.value(x0), e.diagnostics().get(Explanation.BASE_VALUE), 0.0, "f(x₀), evaluated");
        assertEquals(linear.value(x), e.diagnostics().get(Explanation.BASE_VALUE) + sum(e.attributions()), 1e-12,
                "a linear model is additive: f(x₀) + Σφ = f(x)");
        assertEquals(theta.length + 2, e.modelCalls(), "d occluded copies, x and x₀");
    }

    @Test
    void occlusionOfAnInteractingModelStartsAtTheBaselineButDoesNotAddUp() {
        FunctionModel product = new FunctionModel(2, "x0·x1", new FunctionModel.Formula() {
            @Override
            public double value(double[] a) {
                return a[0] * a[1];
            }

            @Override
            public void gradient(double[] a, double[] out) {
                out[0] = a[1];
                out[1] = a[0];
            }
        });
        double[] x = {2, 3};
        Explanation e = Occlusion.builder().build().explain(product, OUT, x, 0L);
        assertEquals(0.0, e.diagnostics().get(Explanation.BASE_VALUE), 0.0, "f(0, 0)");
        // φ = (6 − 0, 6 − 0): Σφ = 12 overshoots f(x) − f(0) = 6 by the interaction, which the report shows
        assertEquals(12.0, sum(e.attributions()), 1e-12);
    }

    @Test
    void slidingOcclusionStartsAtTheBaselinesValueToo() {
        double[] w = new double[36];
        for (int j = 0; j < 36; j++) {
            w[j] = (j % 7) - 3;
        }
        FunctionModel image = ImageExplanationTest.linearImage(w);
        double[] x = ImageExplanationTest.image(2L);
        double[] x0 = new double[36];
        Arrays.fill(x0, 0.25);
        Explanation e = Occlusion.builder().baseline(x0).sliding(2, 2).build().explain(image, OUT, x, 0L);
        assertEquals(image.value(x0), e.diagnostics().get(Explanation.BASE_VALUE), 0.0);
        assertEquals(9 + 2, e.modelCalls(), "nine 2×2 windows, x and x₀");
    }

    @Test
    void discretisedLimeStartsAtItsInterceptAndReachesAboutTheModelsValue() {
        FunctionModel step = FunctionModel.stepOnFirst(3);
        RandomGenerator rng = RandomStreams.stream(5L);
        DMatrixRMaj train = new DMatrixRMaj(2000, 3);
        for (int k = 0; k < train.data.length; k++) {
            train.data[k] = rng.nextGaussian();
        }
        double[] x = {1.2, 0.3, -0.4};
        Explanation e = Lime.builder().training(train).selection(Lime.Selection.NONE).build().explain(step, OUT, x, 6L);
        double base = e.diagnostics().get(Explanation.BASE_VALUE);
        assertEquals(e.intercept().getAsDouble(), base, 0.0);
        // x's representation is all ones, so base + Σφ is the surrogate at x; here it is close to f(x) = 1 (x₀ is in
        // the top quartile, where f is 1, and the other features do not matter)
        assertEquals(step.value(x), base + sum(e.attributions()), 0.05);
        assertTrue(base < 0.5, "the intercept is the surrogate away from x's bins: mostly f = 0 there, got " + base);
    }

    @Test
    void slopesDefineNoBaseValue() {
        FunctionModel linear = FunctionModel.linear(new double[] {1, 2}, 0);
        double[] x = {0.5, 0.5};
        for (Explainer slope : new Explainer[] {Gradient.builder().build(), SmoothGrad.builder().sigma2(0.1)
                .samples(50).build(),
                ContinuousLime.builder().sigma2(0.1).samples(50).build(),
                Lime.builder().discretize(false).selection(Lime.Selection.NONE).samples(100).build()}) {
            assertFalse(slope.explain(linear, OUT, x, 1L).diagnostics().containsKey(Explanation.BASE_VALUE),
                    slope.name());
        }
    }

    /** A background of n rows drawn N(0.3, 1) per feature, d wide. */
    private static DMatrixRMaj background(int n, int d, long seed) {
        RandomGenerator rng = RandomStreams.stream(seed);
        DMatrixRMaj b = new DMatrixRMaj(n, d);
        for (int k = 0; k < b.data.length; k++) {
            b.data[k] = 0.3 + rng.nextGaussian();
        }
        return b;
    }

    private static double meanValue(io.jxplain.model.Model model, Target target, DMatrixRMaj rows) {
        return Arrays.stream(io.jxplain.model.BatchedEvaluation.values(model, target, rows, 4096)).average().orElseThrow();
    }

    /**
     * KernelSHAP, exact Shapley values and occlusion under one background: exact Shapley values add up from
     * E f(background) to f(x); KernelSHAP agrees with them within 4 of its standard errors, feature by feature, and
     * starts from the same base; occlusion starts there too and, for a linear model, adds up.
     */
    @Test
    void underABackgroundTheShapleyValuesAddUpFromItsMeanAndKernelShapConvergesToThem() {
        io.jxplain.model.nn.Network net = ExplainerConformanceTest.network();
        Target p1 = Target.probability(1);
        int d = net.inputSize();
        DMatrixRMaj bg = background(25, d, 11L);
        double[] x = {0.8, -0.5, 1.1}; // the conformance network takes 3 inputs
        double fx = io.jxplain.model.BatchedEvaluation.values(net, p1, DMatrixRMaj.wrap(1, d, x.clone()), 1)[0];
        double expected = meanValue(net, p1, bg);
        Explanation exact = ExactShapley.builder().background(bg).build().explain(net, p1, x, 0L);
        assertEquals(expected, exact.diagnostics().get(Explanation.BASE_VALUE), 1e-12, "v(∅) = E f(background)");
        assertEquals(fx, expected + sum(exact.attributions()), 1e-12, "efficiency from the background's mean");
        Explanation ks = KernelShap.builder().samples(4000).background(bg).build().explain(net, p1, x, 3L);
        assertEquals(expected, ks.diagnostics().get(Explanation.BASE_VALUE), 1e-12);
        for (int j = 0; j < d; j++) {
            double se = ks.standardErrors()[j];
            assertTrue(Math.abs(ks.attribution(j) - exact.attribution(j)) <= 4 * se + 1e-12, "feature " + j + ": "
                    + ks.attribution(j) + " ± " + se + " against the exact " + exact.attribution(j));
        }
        Explanation occlusion = Occlusion.builder().background(bg).build().explain(net, p1, x, 0L);
        assertEquals(expected, occlusion.diagnostics().get(Explanation.BASE_VALUE), 1e-12);
        assertEquals(25 * (d + 1) + 1, occlusion.modelCalls(), "per background row d copies and the row; then x");

        double[] theta = {1.5, -2.0, 0.5, 3.0};
        FunctionModel linear = FunctionModel.linear(theta, 0.2);
        DMatrixRMaj bg4 = background(10, 4, 12L);
        double[] x4 = {0.4, -1.2, 2.0, 0.3};
        Explanation lin = Occlusion.builder().background(bg4).build().explain(linear, OUT, x4, 0L);
        for (int j = 0; j < 4; j++) {
            double mean = 0;
            for (int k = 0; k < 10; k++) {
                mean += bg4.get(k, j) / 10;
            }
            assertEquals(theta[j] * (x4[j] - mean), lin.attribution(j), 1e-12, "θⱼ(xⱼ − mean bⱼ)");
        }
        assertEquals(linear.value(x4), lin.diagnostics().get(Explanation.BASE_VALUE) + sum(lin.attributions()), 1e-12);
    }

    @Test
    void aOneRowBackgroundIsTheBaseline() {
        io.jxplain.model.nn.Network net = ExplainerConformanceTest.network();
        int d = net.inputSize();
        double[] x0 = background(1, d, 13L).data;
        double[] x = background(1, d, 14L).data;
        Target p1 = Target.probability(1);
        org.junit.jupiter.api.Assertions.assertArrayEquals(ExactShapley.builder().baseline(x0).build()
                .explain(net, p1, x, 0L)
                .attributions(), ExactShapley.builder().background(DMatrixRMaj.wrap(1, d, x0)).build()
                .explain(net, p1, x, 0L)
                .attributions(), 0.0);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Occlusion.builder().background(background(3, 36, 1L)).sliding(2, 2).build());
    }
}
