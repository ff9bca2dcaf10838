package io.jxplain.sample;

import io.jxplain.explain.Certified;
import io.jxplain.explain.ClosedFormSmoothGrad;
import io.jxplain.explain.ContinuousLime;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.Gradient;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.metric.Estimate;
import io.jxplain.metric.Infidelity;
import io.jxplain.metric.MaxSensitivity;
import io.jxplain.model.Target;
import io.jxplain.testing.FunctionModel;
import io.jxplain.testing.TrainedModels;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new perturbation plugs into the explainers and metrics that draw neighbours by writing one class: Laplace noise,
 * below, in SmoothGrad, C-LIME, infidelity and max-sensitivity, each checked against what it must give.
 */
class NewPerturbationTest {
    private static final Target OUT = Target.output(0);
    private static final double[] W = {0.8, -1.2, 0.5};
    private static final double[] X = {0.3, -0.4, 1.1};

    /** x + b·ℓ, ℓ with independent standard Laplace coordinates (inverse CDF of a uniform): the one class. */
    static final class LaplacePerturbation implements Perturbation {
        private final double scale;

        LaplacePerturbation(double scale) {
            this.scale = scale;
        }

        @Override
        public int dimension() {
            return ANY_DIMENSION;
        }

        @Override
        public void sample(double[] x, int n, RandomGenerator rng, DMatrixRMaj out) {
            int d = x.length;
            out.reshape(n, d);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double u = rng.nextDouble() - 0.5;
                    out.data[i * d + j] = x[j] - scale * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
                }
            }
        }

        @Override
        public String name() {
            return "laplace";
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of("scale", scale);
        }
    }

    private final Perturbation laplace = new LaplacePerturbation(0.6);

    @Test
    void smoothGradUnderLaplaceNoiseIsTheLaplaceSmoothedGradient() {
        Explanation e = SmoothGrad.builder().samples(4000).perturbation(laplace).build()
                .explain(FunctionModel.sinRidge(W), OUT, X, 11L);
        // E∇sin(wᵀa) = w·cos(wᵀx)·Π 1/(1 + b²wⱼ²): the Laplace characteristic function, as E cos under N gives e^{−…}
        double damp = Math.cos(FunctionModel.dot(W, X));
        for (double w : W) {
            damp /= 1 + 0.36 * w * w;
        }
        for (int j = 0; j < 3; j++) {
            assertEquals(W[j] * damp, e.attribution(j), 5 * e.standardErrors()[j], "feature " + j);
        }
        assertEquals("laplace", e.provenance().parameters().get("perturbation"));
        assertEquals(0.6, e.provenance().parameters().get("scale"));
        double[] theta = {1.5, -2, 0.25};
        double[] linear = SmoothGrad.builder().samples(50).perturbation(laplace).build()
                .explain(FunctionModel.linear(theta, 3), OUT, X, 1L).attributions();
        for (int j = 0; j < 3; j++) {
            assertEquals(theta[j], linear[j], 1e-12, "every sampled gradient of a linear model is θ");
        }
    }

    @Test
    void climeUnderLaplaceNoiseRecoversALinearModel() {
        double[] theta = {1.5, -2, 0.25};
        Explanation e = ContinuousLime.builder().samples(50).perturbation(laplace).build()
                .explain(FunctionModel.linear(theta, 3), OUT, X, 2L);
        for (int j = 0; j < 3; j++) {
            assertEquals(theta[j], e.attribution(j), 1e-9, "a noiseless linear fit is exact, whatever the noise");
        }
    }

    @Test
    void infidelityAndMaxSensitivityUnderLaplaceNoise() {
        double[] theta = {1.5, -2, 0.25};
        FunctionModel linear = FunctionModel.linear(theta, 3);
        Estimate exact = Infidelity.builder().perturbation(laplace).samples(200).build()
                .evaluate(linear, OUT, Gradient.builder().build(), X, 3L);
        assertEquals(0.0, exact.value(), 1e-20, "Iᵀθ = f(x) − f(x − I) for every I: no infidelity");
        Estimate wrong = Infidelity.builder().perturbation(laplace).samples(200).build().evaluate(linear, OUT,
                Gradient.builder().absolute(true).build(), X, 3L);
        assertTrue(wrong.value() > 1, "|θ| is not θ: " + wrong.value());
        assertEquals(0.0, MaxSensitivity.builder().perturbation(laplace).samples(30).build()
                .evaluate(linear, OUT, Gradient.builder().build(), X, 4L).value(),
                0.0, "a constant gradient does not move");
        double moved = MaxSensitivity.builder().perturbation(laplace).samples(30).build()
                .evaluate(FunctionModel.sinRidge(W), OUT, Gradient.builder().build(), X,
                4L).value();
        assertTrue(moved > 0.05, "the sine ridge's gradient moves: " + moved);
        assertEquals("laplace", MaxSensitivity.builder().perturbation(laplace).samples(30).build().parameters()
                .get("perturbation"));
    }

    @Test
    void whatHoldsOnlyForGaussianNoiseRefusesAnyOther() {
        IllegalArgumentException closedForm = assertThrows(IllegalArgumentException.class, () ->
                ClosedFormSmoothGrad.builder().perturbation(laplace).build()
                        .explain(FunctionModel.sinRidge(W), OUT, X, 1L));
        assertTrue(closedForm.getMessage().contains("needs a Gaussian perturbation, not laplace"), closedForm.getMessage());
        IllegalArgumentException certificate = assertThrows(IllegalArgumentException.class, () ->
                Certified.builder(SmoothGrad.builder().perturbation(laplace).build()).top(1).build()
                        .explain(TrainedModels.simulatedMlp(),
                        Target.probability(1), new double[] {0, 0}, 1L));
        assertTrue(certificate.getMessage().contains("Theorem 2"), certificate.getMessage());
    }
}
