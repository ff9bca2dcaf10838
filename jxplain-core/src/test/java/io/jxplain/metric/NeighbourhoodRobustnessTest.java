package io.jxplain.metric;

import io.jxplain.explain.Gradient;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.model.Target;
import io.jxplain.testing.FunctionModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeighbourhoodRobustnessTest {
    @Test
    void aLinearModelsGradientDoesNotMove() {
        FunctionModel linear = FunctionModel.linear(new double[] {1, -2}, 0.5);
        assertEquals(0.0, NeighbourhoodRobustness.builder().build()
                .maxL1(linear, Target.output(0), Gradient.builder().build(), new double[] {0.3, 0.1}, 1L), 0.0);
    }

    @Test
    void forTheGradientOfASineRidgeItIsBoundedByTheHessianTimesTheNeighbourDistance() {
        double[] w = {1.0, 0.5};
        FunctionModel f = FunctionModel.sinRidge(w);
        double[] x = {0.4, -0.2};
        double value = NeighbourhoodRobustness.builder().neighbours(10).variance(0.01).build()
                .maxL1(f, Target.output(0), Gradient.builder().build(), x, 3L);
        // ∇f(x) − ∇f(x′) = w·(cos wᵀx − cos wᵀx′): L1 ≤ ‖w‖₁·|wᵀ(x − x′)|, and |wᵀ(x − x′)| ~ N(0, 0.01‖w‖²)
        // exceeds 5 standard deviations for none of 10 neighbours (probability < 6e-6).
        double bound = 1.5 * 5 * 0.1 * Math.sqrt(1.25);
        assertTrue(value > 0 && value < bound, "value " + value + " bound " + bound);
    }

    @Test
    void itFallsAsTheExplainersSampleGrows() {
        FunctionModel f = FunctionModel.sinRidge(new double[] {1.0, 0.5});
        double[] x = {0.4, -0.2};
        double small = 0;
        double large = 0;
        for (long seed = 0; seed < 20; seed++) {
            small += NeighbourhoodRobustness.builder().build().maxL1(f, Target.output(0),
                    SmoothGrad.builder().samples(20).build(), x, seed) / 20;
            large += NeighbourhoodRobustness.builder().build().maxL1(f, Target.output(0),
                    SmoothGrad.builder().samples(2000).build(), x, seed) / 20;
        }
        // Monte-Carlo noise shrinks tenfold; 3× leaves a wide margin for 20 seeds.
        assertTrue(large * 3 < small, small + " vs " + large);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NeighbourhoodRobustness.builder().neighbours(0)
                .variance(0.01).build());
        assertThrows(IllegalArgumentException.class, () -> NeighbourhoodRobustness.builder().neighbours(10)
                .variance(-1).build());
        FunctionModel linear = FunctionModel.linear(new double[] {1, -2}, 0.5);
        assertThrows(IllegalArgumentException.class, () -> NeighbourhoodRobustness.builder().build()
                .maxL1(linear, Target.output(0), Gradient.builder().build(), new double[] {0.3}, 1L));
    }
}
