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
        assertEquals(0.0, NeighbourhoodRobustness.paperDefaults()
                .maxL1(linear, Target.output(0), Gradient.create(), new double[] {0.3, 0.1}, 1L), 0.0);
    }

    @Test
    void forTheGradientOfASineRidgeItIsBoundedByTheHessianTimesTheNeighbourDistance() {
        double[] w = {1.0, 0.5};
        FunctionModel f = FunctionModel.sinRidge(w);
        double[] x = {0.4, -0.2};
        double value = NeighbourhoodRobustness.of(10, 0.01)
                .maxL1(f, Target.output(0), Gradient.create(), x, 3L);
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
            small += NeighbourhoodRobustness.paperDefaults().maxL1(f, Target.output(0),
                    SmoothGrad.builder().samples(20).build(), x, seed) / 20;
            large += NeighbourhoodRobustness.paperDefaults().maxL1(f, Target.output(0),
                    SmoothGrad.builder().samples(2000).build(), x, seed) / 20;
        }
        // Monte-Carlo noise shrinks tenfold; 3× leaves a wide margin for 20 seeds.
        assertTrue(large * 3 < small, small + " vs " + large);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NeighbourhoodRobustness.of(0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> NeighbourhoodRobustness.of(10, -1));
        FunctionModel linear = FunctionModel.linear(new double[] {1, -2}, 0.5);
        assertThrows(IllegalArgumentException.class, () -> NeighbourhoodRobustness.paperDefaults()
                .maxL1(linear, Target.output(0), Gradient.create(), new double[] {0.3}, 1L));
    }
}
