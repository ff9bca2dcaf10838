package io.jxplain.explain;

import io.jxplain.metric.LocalLipschitzEstimate;
import io.jxplain.model.Target;
import io.jxplain.model.OutputKind;
import io.jxplain.model.nn.Activation;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkBuilder;
import io.jxplain.random.RandomStreams;
import io.jxplain.testing.FunctionModel;
import io.jxplain.testing.TrainedModels;
import io.jxplain.theory.GradientNormBound;
import io.jxplain.theory.SmoothGradLipschitz;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stability certificates (Theorem 2 with the corrected constant), checked by search and by sampling. */
class CertifiedTest {
    private static final Target P1 = Target.probability(1);

    @Test
    void theRadiusIsTheWorstPairsGapOverRootTwoL() {
        Explanation exact = new Explanation(new double[] {3, -2, 0.5}, null, Double.NaN, 1,
                new Provenance("m", Map.of(), "f", "t", null, 0, "v"), Map.of());
        assertEquals(1 / Math.sqrt(2), Certified.radius(exact, 1.0, 1), 1e-15);      // (3 − 2)/(√2·1)
        assertEquals(1.5 / (Math.sqrt(2) * 2), Certified.radius(exact, 2.0, 2), 1e-15); // (2 − 0.5)/(√2·2)
        Explanation noisy = new Explanation(new double[] {3, -2, 0.5}, new double[] {0.3, 0.3, 0}, Double.NaN, 1,
                new Provenance("m", Map.of(), "f", "t", 1L, 10, "v"), Map.of());
        assertEquals(0.0, Certified.radius(noisy, 1.0, 1), 0.0, "overlapping 95% intervals certify nothing");
    }

    /**
     * On an MLP of the paper's shape (3→10→10→2 ELU, fixed random weights, so the features differ in importance): no
     * neighbour found by Bayesian optimisation beats L, and no sampled x′ within r changes the top feature.
     */
    @Test
    void theCertificateHoldsOnAnMlpOfThePapersShape() {
        Network mlp = NetworkBuilder.tabular(3).dense(10, Activation.ELU).dense(10, Activation.ELU)
                .dense(2, Activation.IDENTITY).build(OutputKind.LOGITS, 21L);
        double[] x = {0.5, -0.3, 0.8};
        Explainer sg = SmoothGrad.builder().samples(20_000).build();
        Explanation e = Certified.builder(sg).top(1).build().explain(mlp, P1, x, 11L);
        double lipschitz = e.diagnostics().get("lipschitz_bound");
        assertEquals(SmoothGradLipschitz.corrected(GradientNormBound.of(mlp, P1), 1.0), lipschitz, 1e-15);
        double radius = e.diagnostics().get("certified_radius");
        assertTrue(radius > 0.01, "a usable radius: " + radius + " " + e);
        double found = LocalLipschitzEstimate.builder().epsilon(0.5).budget(60).build().search(mlp, P1, sg, x, 12L)
                .value();
        assertTrue(found <= lipschitz, "the optimiser found slope " + found + " above L = " + lipschitz);
        int top = argmaxAbs(e.attributions());
        RandomGenerator rng = RandomStreams.stream(13L);
        for (int t = 0; t < 100; t++) {
            double[] direction = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            double norm = Math.sqrt(direction[0] * direction[0] + direction[1] * direction[1] + direction[2] * direction[2]);
            double r = radius * Math.cbrt(rng.nextDouble()); // uniform in the ball
            double[] y = new double[3];
            for (int j = 0; j < 3; j++) {
                y[j] = x[j] + r * direction[j] / norm;
            }
            assertEquals(top, argmaxAbs(sg.explain(mlp, P1, y, 11L).attributions()),
                    "the top feature changed at " + java.util.Arrays.toString(y));
        }
    }

    private static int argmaxAbs(double[] a) {
        int best = 0;
        for (int j = 1; j < a.length; j++) {
            if (Math.abs(a[j]) > Math.abs(a[best])) {
                best = j;
            }
        }
        return best;
    }

    @Test
    void certificatesNeedGaussianSmoothingOnABuiltInDenseNetwork() {
        Network mlp = TrainedModels.simulatedMlp();
        IllegalArgumentException noSigma = assertThrows(IllegalArgumentException.class,
                () -> Certified.builder(Gradient.builder().build()).top(1).build()
                        .explain(mlp, P1, new double[] {0, 0}, 1L));
        assertTrue(noSigma.getMessage().contains("gradient is not one"), noSigma.getMessage());
        // a smoothed method draws Gaussian neighbours too, but Theorem 2 bounds only the smoothed gradient
        Smoothed smoothIg = Smoothed.builder(IntegratedGradients.builder().build()).samples(20).sigma2(1.0).build();
        IllegalArgumentException smoothedIg = assertThrows(IllegalArgumentException.class,
                () -> Certified.builder(smoothIg).top(1).build().explain(mlp, P1, new double[] {0, 0}, 1L));
        assertTrue(smoothedIg.getMessage().contains("integrated-gradients-sg is not one"), smoothedIg.getMessage());
        Certified certified = Certified.builder(SmoothGrad.builder().build()).top(1).build();
        IllegalArgumentException blackBox = assertThrows(IllegalArgumentException.class,
                () -> certified.explain(FunctionModel.sinRidge(new double[] {1, 1}), Target.output(0),
                new double[] {0, 0}, 1L));
        assertTrue(blackBox.getMessage().contains("built-in network"), blackBox.getMessage());
    }
}
