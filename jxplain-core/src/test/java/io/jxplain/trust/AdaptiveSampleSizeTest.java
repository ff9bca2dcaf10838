package io.jxplain.trust;

import io.jxplain.explain.Adaptive;
import io.jxplain.explain.ContinuousLime;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.Gradient;
import io.jxplain.explain.KernelShap;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.metric.AdaptiveMetric;
import io.jxplain.metric.Estimate;
import io.jxplain.metric.Infidelity;
import io.jxplain.metric.MaxSensitivity;
import io.jxplain.model.Target;
import io.jxplain.sample.GaussianPerturbation;
import io.jxplain.model.nn.Network;
import io.jxplain.testing.FunctionModel;
import io.jxplain.testing.TrainedModels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdaptiveSampleSizeTest {
    private final double[] w = {0.8, -0.5};
    private final double[] x = {0.3, 0.9};

    @Test
    void doublesUntilTheLargestHalfWidthMeetsTheTarget() {
        Adaptive a = Adaptive.builder(n -> SmoothGrad.builder().samples(n).build()).initialSamples(25).precision(0.01)
                .build();
        Explanation e = a.explain(FunctionModel.sinRidge(w), Target.output(0), x, 4L);
        assertEquals(1.0, e.diagnostics().get("target_met"));
        double used = e.diagnostics().get("samples_used");
        double halfWidth = e.diagnostics().get("half_width");
        assertTrue(halfWidth <= 0.01, "half-width " + halfWidth);
        for (double se : e.standardErrors()) {
            assertTrue(1.96 * se <= 0.01 + 1e-12);
        }
        assertTrue(used >= 25 && Math.round(used / 25) == used / 25 && Long.bitCount(Math.round(used / 25)) == 1,
                "n = 25·2^k, got " + used);
        // one round fewer would not have met the target: the sampler does not overshoot by more than one doubling
        Explanation half = SmoothGrad.builder().samples((int) used / 2).build().explain(FunctionModel.sinRidge(w),
                Target.output(0), x, 4L);
        assertTrue(used == 25 || 1.96 * Math.max(half.standardErrors()[0], half.standardErrors()[1]) > 0.008,
                "the previous size was already precise: " + half);
        double calls = e.modelCalls();
        assertTrue(calls < 2 * used + 1, "all rounds together cost under twice the last: " + calls);
        // and the estimate is within its half-width of the exact expected gradient
        double[] exact = FunctionModel.sinRidgeSmoothGrad(w, x, 1.0);
        for (int j = 0; j < 2; j++) {
            assertEquals(exact[j], e.attribution(j), 2 * 0.01);
        }
    }

    @Test
    void aBudgetStopsTheSearchAndSaysTheTargetWasMissed() {
        Explanation e = Adaptive.builder(n -> ContinuousLime.builder().samples(n).build()).initialSamples(50)
                .precision(1e-6).budget(1000).build()
                .explain(FunctionModel.sinRidge(w), Target.output(0), x, 5L);
        assertEquals(0.0, e.diagnostics().get("target_met"));
        assertTrue(e.modelCalls() <= 1000, "calls " + e.modelCalls());
        assertTrue(e.diagnostics().get("half_width") > 1e-6);
    }

    @Test
    void theL2NormIsTheStricterTargetAndKernelShapWorksToo() {
        Explanation max = Adaptive.builder(n -> KernelShap.builder().samples(n).build()).initialSamples(20)
                .precision(0.02).build()
                .explain(FunctionModel.sinRidge(new double[] {0.5, 0.4, -0.3}), Target.output(0), new double[] {1, 2, 3}, 6L);
        Explanation l2 = Adaptive.builder(n -> KernelShap.builder().samples(n).build()).initialSamples(20)
                .precision(0.02).norm(Adaptive.Norm.L2).build()
                .explain(FunctionModel.sinRidge(new double[] {0.5, 0.4, -0.3}), Target.output(0), new double[] {1, 2, 3}, 6L);
        assertEquals(1.0, max.diagnostics().get("target_met"));
        assertEquals(1.0, l2.diagnostics().get("target_met"));
        assertTrue(l2.diagnostics().get("samples_used") >= max.diagnostics().get("samples_used"));
    }

    /** Agarwal et al. observe (§6.2) that their bounds are far too pessimistic: here, per explanation. */
    @Test
    void reportsTheSampleSizeProposition1WouldAskForBesideWhatSufficed() {
        Network mlp = TrainedModels.simulatedMlp();
        Explanation e = Adaptive.builder(n -> SmoothGrad.builder().samples(n).build()).initialSamples(50)
                .precision(0.01).build()
                .explain(mlp, Target.probability(1), new double[] {0.4, -0.2}, 7L);
        double theory = e.diagnostics().get("theory_samples");
        double used = e.diagnostics().get("samples_used");
        assertTrue(theory > 10 * used, "Proposition 1 asks " + theory + ", " + used + " sufficed");
        assertTrue(Double.isNaN(Adaptive.builder(n -> SmoothGrad.builder().samples(n).build()).initialSamples(50)
                .precision(0.01).build()
                .explain(FunctionModel.sinRidge(w), Target.output(0), x, 7L).diagnostics().get("theory_samples")));
    }

    @Test
    void monteCarloMetricsReachTheirPrecisionToo() {
        AdaptiveMetric infidelity = AdaptiveMetric.builder(n -> Infidelity.builder()
                .perturbation(GaussianPerturbation.isotropic(2, 0.25))
                .samples(n).build()).initialSamples(20).precision(0.002).budget(1_000_000).build();
        Estimate e = infidelity.evaluate(FunctionModel.sinRidge(w), Target.output(0), Gradient.builder()
                .build(), x, 8L);
        assertTrue(1.96 * e.standardError() <= 0.002, "half-width " + 1.96 * e.standardError());
        assertEquals(Boolean.TRUE, e.provenance().parameters().get("target_met"));
        assertTrue((Integer) e.provenance().parameters().get("samples_used") > 20);
        IllegalArgumentException max = assertThrows(IllegalArgumentException.class,
                () -> AdaptiveMetric.builder(n -> MaxSensitivity.builder().radius(0.1).samples(n).build())
                        .initialSamples(10).precision(0.01).budget(1000).build());
        assertTrue(max.getMessage().contains("no standard error"), max.getMessage());
    }

    @Test
    void exactMethodsAndBadTargetsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Adaptive.builder(n -> Gradient.builder().build()).initialSamples(10).precision(0.1).build());
        assertTrue(e.getMessage().contains("exact"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Adaptive.builder(n -> SmoothGrad.builder().samples(n)
                .build()).initialSamples(10).precision(0).build());
    }
}
