package io.jxplain.theory;

import io.jxplain.catalog.ExplainerCatalog;
import io.jxplain.catalog.SettingValues;
import io.jxplain.explain.Sampling;
import io.jxplain.explain.ContinuousLime;
import io.jxplain.explain.ClosedFormSmoothGrad;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.InfidelityOptimal;
import io.jxplain.explain.IntegratedGradients;
import io.jxplain.explain.Occlusion;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.model.Target;
import io.jxplain.sample.Perturbation;
import io.jxplain.testing.FunctionModel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.ejml.data.DMatrixRMaj;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Properties the three papers state, checked on random models, points and settings (fixed seeds: the same tries on
 * every run). Tolerances: round-off where the property is exact for the finite-sample estimator, five of its
 * reported standard errors where it holds in expectation.
 */
class PaperProperties {
    private static final Target OUT = Target.output(0);

    @Provide
    Arbitrary<double[]> vectors() {
        return Arbitraries.doubles().between(-2, 2).array(double[].class).ofSize(3);
    }

    /** Points with no zero feature: removing a feature must change it. */
    @Provide
    Arbitrary<double[]> points() {
        return Arbitraries.doubles().between(0.2, 2).array(double[].class).ofSize(3)
                .flatMap(x -> Arbitraries.integers().between(0, 7).map(signs -> {
                    double[] y = x.clone();
                    for (int j = 0; j < 3; j++) {
                        y[j] *= (signs >> j & 1) == 1 ? -1 : 1;
                    }
                    return y;
                }));
    }

    /**
     * Yeh et al. 2019, Proposition 2.4: for the perturbation I = eᵢ ⊙ x (one feature removed, i uniform), the
     * infidelity-optimal explanation times x is occlusion-1. Every row of the fit has one non-zero entry, so once each
     * feature has been drawn the finite-sample optimum is exact: equal to round-off.
     */
    @Property(tries = 40, seed = "20191208")
    void proposition24OcclusionIsInfidelityOptimalForOneFeatureRemoved(@ForAll("vectors") double[] w,
                                                                       @ForAll("points") double[] x,
                                                                       @ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        FunctionModel f = FunctionModel.combine(1, FunctionModel.sinRidge(w), 0.3, FunctionModel.linear(w, 0.1));
        double[] optimal = InfidelityOptimal.builder().perturbation(new OneFeatureRemoved(3)).samples(300).build()
                .explain(f, OUT, x, seed).attributions();
        double[] occlusion = Occlusion.builder().build().explain(f, OUT, x, seed).attributions();
        for (int j = 0; j < 3; j++) {
            assertEquals(occlusion[j], optimal[j] * x[j], 1e-10 * (1 + Math.abs(occlusion[j])), "feature " + j);
        }
    }

    /** x̃ = x with one feature, drawn uniformly, set to 0: the perturbation of Proposition 2.4, written as one class. */
    private static final class OneFeatureRemoved implements Perturbation {
        private final int d;

        OneFeatureRemoved(int d) {
            this.d = d;
        }

        @Override
        public int dimension() {
            return d;
        }

        @Override
        public void sample(double[] x, int n, RandomGenerator rng, DMatrixRMaj out) {
            out.reshape(n, d);
            for (int i = 0; i < n; i++) {
                System.arraycopy(x, 0, out.data, i * d, d);
                out.data[i * d + rng.nextInt(d)] = 0;
            }
        }

        @Override
        public String name() {
            return "one-feature-removed";
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of();
        }
    }

    /**
     * Completeness of Integrated Gradients (Sundararajan et al. 2017, Prop. 1): Σφ = f(x) − f(baseline). Along the
     * straight path the integrand is smooth, so 50 Gauss–Legendre nodes leave only round-off.
     */
    @Property(tries = 40, seed = "20170306")
    void integratedGradientsAreComplete(@ForAll("vectors") double[] w, @ForAll("vectors") double[] theta,
                                        @ForAll("vectors") double[] x) {
        FunctionModel f = FunctionModel.combine(1, FunctionModel.sinRidge(w), 1, FunctionModel.linear(theta, 0.4));
        Explanation e = IntegratedGradients.builder().build().explain(f, OUT, x, 1L);
        double sum = 0;
        for (double a : e.attributions()) {
            sum += a;
        }
        double difference = value(f, x) - value(f, new double[3]);
        assertEquals(difference, sum, 1e-9 * (1 + Math.abs(difference)));
        assertEquals(0.0, e.diagnostics().get("completeness_gap"), 1e-9 * (1 + Math.abs(difference)));
    }

    private static double value(FunctionModel f, double[] x) {
        return f.predict(DMatrixRMaj.wrap(1, x.length, x.clone())).get(0, 0);
    }

    /**
     * Every method whose attributions are linear functionals of the model is linear in it: φ(αf + βg) = αφ(f) + βφ(g)
     * with the same seed (Agarwal et al. 2021, Proposition 2, for SmoothGrad and C-LIME; by construction for the
     * others: derivatives, differences of outputs, least squares on fixed samples).
     */
    @Property(tries = 25, seed = "20210702")
    void everyLinearMethodIsLinearInTheModel(@ForAll("vectors") double[] w, @ForAll("vectors") double[] theta,
                                             @ForAll("points") double[] x,
                                             @ForAll @DoubleRange(min = -3, max = 3) double alpha,
                                             @ForAll @DoubleRange(min = -3, max = 3) double beta,
                                             @ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        FunctionModel f = FunctionModel.sinRidge(w);
        FunctionModel g = FunctionModel.linear(theta, 0.7);
        FunctionModel h = FunctionModel.combine(alpha, f, beta, g);
        for (String name : List.of("gradient", "gradient-x-input", "integrated-gradients", "occlusion", "smoothgrad",
                "clime", "closed-form", "kernel-shap", "shapley-exact", "noisy-baseline")) {
            Explainer e = ExplainerCatalog.create(name,
                    SettingValues.defaults().with(Sampling.SAMPLES, 64).with(Sampling.SIGMA2, 0.5));
            double[] ef = e.explain(f, OUT, x, seed).attributions();
            double[] eg = e.explain(g, OUT, x, seed).attributions();
            double[] eh = e.explain(h, OUT, x, seed).attributions();
            for (int j = 0; j < 3; j++) {
                double expected = alpha * ef[j] + beta * eg[j];
                double scale = Math.abs(alpha * ef[j]) + Math.abs(beta * eg[j]) + Math.abs(eh[j]);
                assertEquals(expected, eh[j], 1e-9 * scale + 1e-12, name + ", feature " + j);
            }
        }
    }

    /**
     * Agarwal et al. 2021, Theorem 1, for any positive definite Σ: SmoothGrad, C-LIME and the closed form under
     * N(x, Σ) all estimate Σ⁻¹·cov(a, f(a)) = E∇f(a); for f(a) = ½aᵀAa + θᵀa that is Ax + θ (Stein's lemma). Each
     * estimate lies within five of its reported standard errors.
     */
    @Property(tries = 30, seed = "20210703")
    void theorem1HoldsForAnyPositiveDefiniteCovariance(@ForAll("vectors") double[] l0, @ForAll("vectors") double[] l1,
                                                       @ForAll("vectors") double[] l2, @ForAll("vectors") double[] diagonal,
                                                       @ForAll("vectors") double[] theta, @ForAll("vectors") double[] x,
                                                       @ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        double[][] rows = {l0, l1, l2};
        DMatrixRMaj sigma = new DMatrixRMaj(3, 3);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = i == j ? 0.1 : 0; // L·Lᵀ + 0.1·I: positive definite
                for (int k = 0; k < 3; k++) {
                    s += 0.5 * rows[i][k] * rows[j][k];
                }
                sigma.set(i, j, s);
            }
        }
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                a[i][j] = i == j ? diagonal[i] : 0.3 * (rows[i][j] + rows[j][i]);
            }
        }
        FunctionModel f = FunctionModel.combine(1, FunctionModel.quadratic(a), 1, FunctionModel.linear(theta, 0));
        double[] limit = new double[3];
        for (int i = 0; i < 3; i++) {
            limit[i] = theta[i];
            for (int j = 0; j < 3; j++) {
                limit[i] += a[i][j] * x[j];
            }
        }
        for (Explainer e : List.<Explainer>of(SmoothGrad.builder().samples(400).covariance(sigma).build(),
                ContinuousLime.builder().samples(400).covariance(sigma).build(),
                ClosedFormSmoothGrad.builder().samples(400).covariance(sigma).build())) {
            Explanation phi = e.explain(f, OUT, x, seed);
            for (int j = 0; j < 3; j++) {
                assertEquals(limit[j], phi.attribution(j), 5 * phi.standardErrors()[j] + 1e-12,
                        e.name() + ", feature " + j);
            }
        }
    }
}
