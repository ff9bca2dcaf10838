package io.jxplain.theory;

import io.jxplain.explain.ClosedFormSmoothGrad;
import io.jxplain.explain.ContinuousLime;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.model.Target;
import io.jxplain.testing.FunctionModel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Propositions 2 and 3 of Agarwal et al. 2021 as properties. With common random numbers (the same seed) the
 * finite-sample SmoothGrad, C-LIME and closed form are themselves linear in f, so Proposition 2 holds for them
 * to round-off, not only in expectation.
 */
class LinearityAndProportionalityProperties {

    @Provide
    Arbitrary<double[]> vectors() {
        return Arbitraries.doubles().between(-2, 2).array(double[].class).ofSize(3);
    }

    private static List<Explainer> estimators(double sigma2) {
        return List.of(SmoothGrad.builder().samples(200).sigma2(sigma2).build(),
                ContinuousLime.builder().samples(200).sigma2(sigma2).build(),
                ClosedFormSmoothGrad.builder().samples(200).sigma2(sigma2).build());
    }

    @Property(tries = 50, seed = "20210701")
    void proposition2Linearity(@ForAll("vectors") double[] w, @ForAll("vectors") double[] theta,
                               @ForAll("vectors") double[] x, @ForAll @DoubleRange(min = -3, max = 3) double alpha,
                               @ForAll @DoubleRange(min = -3, max = 3) double beta,
                               @ForAll @DoubleRange(min = 0.05, max = 4) double sigma2, @ForAll long seed) {
        FunctionModel f = FunctionModel.sinRidge(w);
        FunctionModel g = FunctionModel.linear(theta, 0.7);
        FunctionModel h = FunctionModel.combine(alpha, f, beta, g);
        for (Explainer e : estimators(sigma2)) {
            double[] ef = e.explain(f, Target.output(0), x, seed).attributions();
            double[] eg = e.explain(g, Target.output(0), x, seed).attributions();
            double[] eh = e.explain(h, Target.output(0), x, seed).attributions();
            for (int j = 0; j < 3; j++) {
                double expected = alpha * ef[j] + beta * eg[j];
                double scale = Math.abs(alpha * ef[j]) + Math.abs(beta * eg[j]);
                assertEquals(expected, eh[j], 1e-9 * scale + 1e-12, e.name() + " feature " + j);
            }
        }
    }

    @Property(tries = 50, seed = "20210701")
    void proposition3Proportionality(@ForAll("vectors") double[] theta, @ForAll("vectors") double[] x,
                                     @ForAll @DoubleRange(min = -5, max = 5) double b,
                                     @ForAll @DoubleRange(min = 0.05, max = 4) double sigma2,
                                     @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        FunctionModel f = FunctionModel.linear(theta, b);
        double norm = Math.sqrt(FunctionModel.dot(theta, theta));
        // Every sampled gradient is θ, and a noiseless linear fit recovers θ: k(x) = 1 exactly.
        double[] sg = estimators(sigma2).get(0).explain(f, Target.output(0), x, seed).attributions();
        double[] clime = estimators(sigma2).get(1).explain(f, Target.output(0), x, seed).attributions();
        for (int j = 0; j < 3; j++) {
            assertEquals(theta[j], sg[j], 1e-12 * (1 + norm));
            assertEquals(theta[j], clime[j], 1e-9 * (1 + norm));
        }
        // The closed-form estimator Σ⁻¹·S_af = S_aa·θ/σ² is proportional to θ only in expectation: within 5 SE.
        Explanation cf = estimators(sigma2).get(2).explain(f, Target.output(0), x, seed);
        for (int j = 0; j < 3; j++) {
            assertEquals(theta[j], cf.attribution(j), 5 * cf.standardErrors()[j] + 1e-12);
        }
    }
}
