package io.jxplain.theory;

import io.jxplain.sample.GaussianPerturbation;
import io.jxplain.sample.Perturbation;
import io.jxplain.data.Dataset;
import io.jxplain.explain.ClosedFormSmoothGrad;
import io.jxplain.explain.ContinuousLime;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.testing.FunctionModel;
import io.jxplain.testing.TrainedModels;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Theorem 1 (Agarwal et al. 2021): SmoothGrad, C-LIME and Σ⁻¹·cov(a, f(a)) have the same expectation. Each
 * estimator must land within 4 of its own standard errors of the common value, per feature.
 */
class Theorem1ConvergenceTest {
    private static final double Z = 4.0;

    private static List<Explainer> estimators(int n, double sigma2, DMatrixRMaj covariance) {
        Perturbation p = covariance == null ? Perturbation.gaussian(sigma2) : GaussianPerturbation.withCovariance(covariance);
        return List.of(
                SmoothGrad.builder().samples(n).perturbation(p).build(),
                ContinuousLime.builder().samples(n).perturbation(p).build(),
                ClosedFormSmoothGrad.builder().samples(n).perturbation(p).build());
    }

    @Test
    void allThreeConvergeToTheClosedFormExpectedGradientOfASineRidge() {
        double[] w = {0.8, -0.5, 0.3};
        double[] x = {0.2, 0.1, -0.4};
        FunctionModel f = FunctionModel.sinRidge(w);
        double[] truth = FunctionModel.sinRidgeSmoothGrad(w, x, 1.0);
        for (Explainer e : estimators(20_000, 1.0, null)) {
            assertWithinStandardErrors(e.explain(f, Target.output(0), x, 3L), truth, 0.0);
        }
    }

    @Test
    void theTheoremHoldsForANonDiagonalCovariance() {
        double[] w = {1.0, 0.6};
        double[] x = {0.4, -0.3};
        DMatrixRMaj sigma = new DMatrixRMaj(new double[][] {{0.8, 0.3}, {0.3, 0.5}});
        double quad = w[0] * w[0] * 0.8 + 2 * w[0] * w[1] * 0.3 + w[1] * w[1] * 0.5;
        double[] truth = FunctionModel.sinRidgeExpectedGradient(w, x, quad);
        FunctionModel f = FunctionModel.sinRidge(w);
        for (Explainer e : estimators(20_000, 1.0, sigma)) {
            assertWithinStandardErrors(e.explain(f, Target.output(0), x, 4L), truth, 0.0);
        }
    }

    @Test
    void theErrorShrinksAsTheSampleGrows() {
        double[] w = {0.8, -0.5, 0.3};
        double[] x = {0.2, 0.1, -0.4};
        FunctionModel f = FunctionModel.sinRidge(w);
        double[] truth = FunctionModel.sinRidgeSmoothGrad(w, x, 1.0);
        for (int m = 0; m < 3; m++) {
            double small = meanError(estimators(200, 1.0, null).get(m), f, x, truth);
            double large = meanError(estimators(20_000, 1.0, null).get(m), f, x, truth);
            // Monte-Carlo rate: 100× the samples, ~10× smaller error; 3× is far outside chance for 20 seeds.
            assertTrue(large * 3 < small, "method " + m + ": error " + small + " at n=200, " + large + " at n=20000");
        }
    }

    private static double meanError(Explainer e, FunctionModel f, double[] x, double[] truth) {
        double sum = 0;
        for (long seed = 0; seed < 20; seed++) {
            double[] a = e.explain(f, Target.output(0), x, seed).attributions();
            double sq = 0;
            for (int j = 0; j < a.length; j++) {
                sq += (a[j] - truth[j]) * (a[j] - truth[j]);
            }
            sum += Math.sqrt(sq) / 20;
        }
        return sum;
    }

    @Test
    void onThePapersTrainedMlpAllThreeAgreeWithALargeSampleSmoothGrad() {
        Network net = TrainedModels.simulatedMlp();
        Dataset test = TrainedModels.simulatedSplit().test();
        Target t = Target.probability(1);
        Explainer reference = SmoothGrad.builder().samples(400_000).build();
        for (int i = 0; i < 5; i++) {
            double[] x = test.row(i * 37);
            Explanation limit = reference.explain(net, t, x, 100L + i);
            for (Explainer e : estimators(20_000, 1.0, null)) {
                Explanation est = e.explain(net, t, x, 200L + i);
                assertWithinStandardErrors(est, limit.attributions(), limit.standardErrors()[0]);
            }
        }
    }

    private static void assertWithinStandardErrors(Explanation e, double[] truth, double referenceSe) {
        double[] a = e.attributions();
        double[] se = e.standardErrors();
        for (int j = 0; j < a.length; j++) {
            double tolerance = Z * Math.sqrt(se[j] * se[j] + referenceSe * referenceSe);
            assertTrue(Math.abs(a[j] - truth[j]) <= tolerance, e.provenance().method() + " feature " + j + ": "
                    + a[j] + " vs " + truth[j] + " (tolerance " + tolerance + ")");
        }
    }
}
