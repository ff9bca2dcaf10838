package io.jxplain.theory;

import io.jxplain.data.Dataset;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.model.Target;
import io.jxplain.model.TargetGradients;
import io.jxplain.model.nn.Network;
import io.jxplain.random.RandomStreams;
import io.jxplain.testing.FunctionModel;
import io.jxplain.testing.TrainedModels;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Theorem 2 (Agarwal et al. 2021): its constant ∇f_max/(2σ) is too small; √(2/π)·∇f_max/σ holds. */
class Theorem2LipschitzTest {

    /**
     * f = sin, σ = 1: ∇f_max = 1, SmoothGrad(x) = cos(x)·e^{−1/2}, whose slope at x = π/2 is e^{−1/2} ≈ 0.607.
     * Measured with the library: with common random numbers, [SG(x + h) − SG(x − h)] / 2h is the SmoothGrad of
     * the model a ↦ [sin(a + h) − sin(a − h)] / 2h (Proposition 2), which carries its own standard error.
     */
    @Test
    void theSineCounterexampleBreaksThePapersConstantAndRespectsTheCorrectedOne() {
        double h = 0.01;
        FunctionModel secant = new FunctionModel(1, "secant of sin", new FunctionModel.Formula() {
            @Override
            public double value(double[] a) {
                return (Math.sin(a[0] + h) - Math.sin(a[0] - h)) / (2 * h);
            }

            @Override
            public void gradient(double[] a, double[] out) {
                out[0] = (Math.cos(a[0] + h) - Math.cos(a[0] - h)) / (2 * h);
            }
        });
        Explanation slope = SmoothGrad.builder().samples(200_000).sigma2(1.0).build()
                .explain(secant, Target.output(0), new double[] {Math.PI / 2}, 1L);
        double ratio = Math.abs(slope.attribution(0));
        double se = slope.standardErrors()[0];
        double paper = SmoothGradLipschitz.paper(1.0, 1.0);
        double corrected = SmoothGradLipschitz.corrected(1.0, 1.0);
        assertEquals(Math.exp(-0.5) * Math.sin(h) / h, ratio, 4 * se, "the closed form e^{-1/2}·sin(h)/h");
        assertTrue(ratio - 4 * se > paper, "measured slope " + ratio + " ± " + se + " exceeds the paper's L = " + paper);
        assertTrue(ratio + 4 * se < corrected, "measured slope " + ratio + " stays below √(2/π) = " + corrected);
        assertEquals(1.0, SmoothGradLipschitz.pinsker(1.0, 1.0), 0.0);
    }

    /** The exact Lipschitz constant of SG for f = sin is σ·e^{−σ²/2}/σ; the corrected bound must hold at every σ. */
    @Test
    void theCorrectedConstantHoldsForTheSineAtEverySigmaAndThePapersFailsNearSigmaOne() {
        int failures = 0;
        for (double sigma = 0.05; sigma <= 5; sigma += 0.05) {
            double exact = Math.exp(-sigma * sigma / 2); // sup |d/dx cos(x)e^{−σ²/2}|
            assertTrue(exact <= SmoothGradLipschitz.corrected(1, sigma), "σ = " + sigma);
            if (exact > SmoothGradLipschitz.paper(1, sigma)) {
                failures++;
            }
        }
        assertTrue(failures > 0, "the paper's constant fails for some σ");
    }

    @Test
    void theNetworkGradientBoundIsNeverExceeded() {
        Network net = TrainedModels.simulatedMlp();
        Target t = Target.probability(1);
        double bound = GradientNormBound.of(net, t);
        RandomGenerator rng = RandomStreams.stream(3L);
        DMatrixRMaj x = new DMatrixRMaj(20_000, 2);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = 4 * rng.nextGaussian();
        }
        TargetGradients g = net.targetGradients(t, x);
        double max = 0;
        for (int i = 0; i < x.numRows; i++) {
            max = Math.max(max, Math.hypot(g.gradients().get(i, 0), g.gradients().get(i, 1)));
        }
        assertTrue(max <= bound, "max ‖∇f‖ " + max + " vs bound " + bound);
        assertTrue(max > 0, "the network is not constant");
    }

    /**
     * On the trained MLP, ‖SG(x) − SG(x′)‖/‖x − x′‖ (large n, common random numbers) over test points and random
     * nearby x′ stays below the corrected L = √(2/π)·∇f_max/σ, with ∇f_max bounded from the weights.
     */
    @Test
    void empiricalSmoothGradLipschitzRatiosOnTheTrainedMlpStayBelowTheCorrectedBound() {
        Network net = TrainedModels.simulatedMlp();
        Dataset test = TrainedModels.simulatedSplit().test();
        Target t = Target.probability(1);
        double sigma2 = 1.0;
        double limit = SmoothGradLipschitz.corrected(GradientNormBound.of(net, t), Math.sqrt(sigma2));
        SmoothGrad sg = SmoothGrad.builder().samples(20_000).sigma2(sigma2).build();
        RandomGenerator rng = RandomStreams.stream(5L);
        double worst = 0;
        for (int i = 0; i < 20; i++) {
            double[] x = test.row(i);
            double[] xp = {x[0] + 0.1 * rng.nextGaussian(), x[1] + 0.1 * rng.nextGaussian()};
            double[] a = sg.explain(net, t, x, 77L).attributions();
            double[] b = sg.explain(net, t, xp, 77L).attributions(); // same seed: common random numbers
            double ratio = Math.hypot(a[0] - b[0], a[1] - b[1]) / Math.hypot(x[0] - xp[0], x[1] - xp[1]);
            worst = Math.max(worst, ratio);
        }
        assertTrue(worst < limit, "worst ratio " + worst + " vs corrected L " + limit);
        assertTrue(worst > 0);
    }
}
