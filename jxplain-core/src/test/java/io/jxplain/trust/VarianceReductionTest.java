package io.jxplain.trust;

import io.jxplain.explain.Explanation;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.explain.VarianceReduction;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;
import io.jxplain.testing.FunctionModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way of drawing SmoothGrad's samples stays unbiased for the closed-form expected gradient of sin(wᵀa), and its
 * reported standard error matches the spread of its estimates over seeds (±25%: the SE of an SE from 400 seeds is
 * about 4%, and Sobol's comes from only 8 replicates).
 */
class VarianceReductionTest {
    private static final int SEEDS = 400;
    private final double[] w = {0.8, -0.5, 0.3};
    private final double[] x = {0.3, 0.9, -0.4};
    private final double[] exact = FunctionModel.sinRidgeSmoothGrad(w, x, 1.0);

    /** Per feature 0: mean estimate, empirical sd over seeds, mean reported SE. */
    private double[] spread(VarianceReduction r) {
        return spread(r, x);
    }

    private double[] spread(VarianceReduction r, double[] x) {
        SmoothGrad sg = SmoothGrad.builder().samples(64).varianceReduction(r).build();
        double sum = 0;
        double sq = 0;
        double se = 0;
        for (int s = 0; s < SEEDS; s++) {
            Explanation e = sg.explain(FunctionModel.sinRidge(w), Target.output(0), x, RandomStreams.childSeed(9L, s));
            sum += e.attribution(0);
            sq += e.attribution(0) * e.attribution(0);
            se += e.standardErrors()[0];
        }
        double mean = sum / SEEDS;
        return new double[] {mean, Math.sqrt(sq / SEEDS - mean * mean), se / SEEDS};
    }

    @Test
    void everySchemeIsUnbiasedWithHonestStandardErrors() {
        for (VarianceReduction r : VarianceReduction.values()) {
            double[] m = spread(r);
            assertEquals(exact[0], m[0], 4 * m[1] / Math.sqrt(SEEDS), r + ": biased");
            assertEquals(m[1], m[2], 0.25 * m[1], r + ": reported SE " + m[2] + " vs spread " + m[1]);
        }
    }

    /**
     * For sin, ∇f(x ± ε) = w·[cos(wᵀx)cos(wᵀε) ∓ sin(wᵀx)sin(wᵀε)]: a pair keeps only the even part, so antithetic
     * variance is 2·Var(even)/n against (Var(even) + Var(odd))/n. Where wᵀx = π/2 the even part vanishes and pairs
     * win by far; where wᵀx = 0 the odd part vanishes and pairs lose a factor √2 in sd: no free lunch, so
     * independent draws stay the default.
     */
    @Test
    void antitheticPairsWinWhenTheOddPartDominatesAndLoseWhenTheEvenPartDoes() {
        double norm2 = w[0] * w[0] + w[1] * w[1] + w[2] * w[2];
        double[] odd = new double[3];
        for (int j = 0; j < 3; j++) {
            odd[j] = Math.PI / 2 / norm2 * w[j];
        }
        assertTrue(spread(VarianceReduction.ANTITHETIC, odd)[1] < 0.1 * spread(VarianceReduction.NONE, odd)[1]);
        double[] even = new double[3];
        double ratio = spread(VarianceReduction.ANTITHETIC, even)[1] / spread(VarianceReduction.NONE, even)[1];
        // each sd is estimated to about 3.5% from 400 seeds, so the ratio to about 0.07: 0.15 is two of those
        assertEquals(Math.sqrt(2), ratio, 0.15, "antithetic / plain sd where only the even part varies");
    }

    @Test
    void theSchemeIsInTheProvenanceAndCostsAreCounted() {
        Explanation e = SmoothGrad.builder().samples(64).varianceReduction(VarianceReduction.CONTROL_VARIATE).build()
                .explain(FunctionModel.sinRidge(w), Target.output(0), x, 1L);
        assertEquals("control_variate", e.provenance().parameters().get("variance_reduction"));
        assertEquals(65, e.modelCalls(), "64 draws and f(x)");
    }
}
