package io.jxplain.trust;

import io.jxplain.explain.ContinuousLime;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;
import io.jxplain.testing.FunctionModel;
import io.jxplain.testing.TrainedModels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Are the standard errors honest? Over many seeds, the 95% intervals (estimate ± 1.96·SE, n = 100 samples) must cover
 * the large-n value 93–97% of the time: on f = sin(wᵀa), whose expected gradient is known in closed form, and on the
 * paper's trained MLP, against a 400 000-sample SmoothGrad. With 2 000 intervals the coverage's own standard error is
 * 0.5%, so the band is about ±4 of them around 95%.
 */
class ErrorBarCalibrationTest {
    private static final int SEEDS = 1000;
    private static final double SIGMA2 = 1.0;

    private final double[] w = {0.8, -0.5};
    private final double[] x = {0.3, 0.9};

    @Test
    void smoothGradIntervalsCoverTheClosedFormExpectedGradient() {
        double[] exact = FunctionModel.sinRidgeSmoothGrad(w, x, SIGMA2);
        assertCoverage(SmoothGrad.builder().samples(100).sigma2(SIGMA2).build(), FunctionModel.sinRidge(w),
                Target.output(0), x, exact, "SmoothGrad on sin");
    }

    /**
     * C-LIME's limit is the same expected gradient (Theorem 1); its intervals are HC3 least-squares intervals. At
     * n = 1000 they cover 93.6% (measured over 10 000 seeds, SE 0.2%: slightly short of 95%, inside the ±2-point band).
     * 4 000 seeds here keep the coverage's own SE near 0.3%; with 1 000 seeds (SE 0.6%) the measured coverage moved
     * between 92.8% and 94.4% with the seed base, so the band test could fail by chance. At n = 100 they under-cover
     * (measured 88%), although the mean standard error matches the estimator's spread (0.044 against 0.046): the
     * robust variance estimate is itself noisy at that size, and the intervals it makes too short are the ones that
     * miss. Reported, not hidden: pinned below.
     */
    @Test
    void climeIntervalsCoverTheClosedFormExpectedGradientFromAThousandSamples() {
        double[] exact = FunctionModel.sinRidgeSmoothGrad(w, x, SIGMA2);
        double large = coverage(ContinuousLime.builder().samples(1000).sigma2(SIGMA2).build(), FunctionModel.sinRidge(w),
                Target.output(0), x, exact, 4 * SEEDS);
        assertTrue(large >= 0.93 && large <= 0.97, "C-LIME on sin, n = 1000: 95% intervals covered " + large);
        double small = coverage(ContinuousLime.builder().samples(100).sigma2(SIGMA2).build(), FunctionModel.sinRidge(w),
                Target.output(0), x, exact, SEEDS);
        assertTrue(small < 0.93, "C-LIME at n = 100 was measured to under-cover; now " + small + ": update the docs");
    }

    @Test
    void bothCoverTheLargeSampleLimitOnThePapersMlp() {
        Model mlp = TrainedModels.simulatedMlp();
        Target target = Target.probability(1);
        double[] point = {0.4, -0.2};
        double[] limit = SmoothGrad.builder().samples(400_000).sigma2(SIGMA2).build()
                .explain(mlp, target, point, 123L).attributions();
        assertCoverage(SmoothGrad.builder().samples(100).sigma2(SIGMA2).build(), mlp, target, point, limit,
                "SmoothGrad on the MLP");
        assertCoverage(ContinuousLime.builder().samples(100).sigma2(SIGMA2).build(), mlp, target, point, limit,
                "C-LIME on the MLP");
    }

    private static void assertCoverage(Explainer e, Model model, Target target, double[] point, double[] truth,
                                       String what) {
        double coverage = coverage(e, model, target, point, truth, SEEDS);
        assertTrue(coverage >= 0.93 && coverage <= 0.97, what + ": 95% intervals covered " + coverage);
    }

    private static double coverage(Explainer e, Model model, Target target, double[] point, double[] truth,
                                   int seeds) {
        int covered = 0;
        int total = 0;
        for (int s = 0; s < seeds; s++) {
            Explanation ex = e.explain(model, target, point, RandomStreams.childSeed(77L, s));
            for (int j = 0; j < point.length; j++) {
                double halfWidth = 1.96 * ex.standardErrors()[j];
                covered += Math.abs(ex.attribution(j) - truth[j]) <= halfWidth ? 1 : 0;
                total++;
            }
        }
        return covered / (double) total;
    }
}
