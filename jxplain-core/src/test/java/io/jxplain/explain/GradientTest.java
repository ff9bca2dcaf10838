package io.jxplain.explain;

import io.jxplain.model.Target;
import io.jxplain.testing.FunctionModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientTest {
    private final double[] w = {0.7, -1.2, 0.4};
    private final FunctionModel f = FunctionModel.sinRidge(w);
    private final double[] x = {0.3, 0.5, -1.0};

    @Test
    void gradientIsTheAnalyticGradient() {
        double c = Math.cos(FunctionModel.dot(w, x));
        assertArrayEquals(new double[] {w[0] * c, w[1] * c, w[2] * c},
                Gradient.create().explain(f, Target.output(0), x, 0L).attributions(), 1e-15);
        assertArrayEquals(new double[] {Math.abs(w[0] * c), Math.abs(w[1] * c), Math.abs(w[2] * c)},
                Gradient.absolute().explain(f, Target.output(0), x, 0L).attributions(), 1e-15);
    }

    @Test
    void gradientTimesInputMultipliesByTheInput() {
        double[] g = Gradient.create().explain(f, Target.output(0), x, 0L).attributions();
        double[] gxi = GradientTimesInput.create().explain(f, Target.output(0), x, 0L).attributions();
        for (int j = 0; j < 3; j++) {
            assertEquals(g[j] * x[j], gxi[j], 0.0);
        }
    }

    @Test
    void smoothGradStandardErrorShrinksAsOneOverRootN() {
        Explanation small = SmoothGrad.builder().samples(400).build().explain(f, Target.output(0), x, 1L);
        Explanation large = SmoothGrad.builder().samples(40_000).build().explain(f, Target.output(0), x, 1L);
        for (int j = 0; j < 3; j++) {
            double ratio = small.standardErrors()[j] / large.standardErrors()[j];
            // √100 = 10; each SE is itself estimated, with relative error ≈ 1/√(2·400) ≈ 3.5%: allow 4 of those.
            assertEquals(10, ratio, 10 * 4 / Math.sqrt(800), "feature " + j);
        }
        assertTrue(large.modelCalls() == 40_000);
    }

    @Test
    void climeReportsTheInterceptOfItsSurrogate() {
        FunctionModel linear = FunctionModel.linear(new double[] {1, 2, 3}, -4);
        Explanation e = ContinuousLime.builder().samples(20).build().explain(linear, Target.output(0), x, 2L);
        assertArrayEquals(new double[] {1, 2, 3}, e.attributions(), 1e-12);
        assertEquals(-4, e.intercept().orElseThrow(), 1e-12);
        assertTrue(SmoothGrad.builder().build().explain(linear, Target.output(0), x, 2L).intercept().isEmpty());
    }

    @Test
    void climeRefusesTooFewSamplesUnlessAskedForTheMinimumNormFit() {
        ContinuousLime clime = ContinuousLime.builder().samples(3).build();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> clime.explain(f, Target.output(0), x, 1L));
        assertTrue(e.getMessage().contains("more than 4 samples"), e.getMessage());
        Explanation minNorm = clime.withMinimumNormFallback().explain(f, Target.output(0), x, 1L);
        assertEquals(3, minNorm.size());
        assertTrue(Double.isNaN(minNorm.standardErrors()[0]));
        assertEquals("minimum-norm", minNorm.provenance().parameters().get("underdetermined"));
    }
}
