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
                Gradient.builder().build().explain(f, Target.output(0), x, 0L).attributions(), 1e-15);
        assertArrayEquals(new double[] {Math.abs(w[0] * c), Math.abs(w[1] * c), Math.abs(w[2] * c)},
                Gradient.builder().absolute(true).build().explain(f, Target.output(0), x, 0L).attributions(), 1e-15);
    }

    /** A network that counts its model calls and says whether its rows may be batched together. */
    private static final class Counting implements io.jxplain.model.Differentiable {
        final io.jxplain.model.nn.Network net = ExplainerConformanceTest.network();
        final boolean independent;
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        Counting(boolean independent) {
            this.independent = independent;
        }

        @Override public int inputSize() { return net.inputSize(); }
        @Override public int outputSize() { return net.outputSize(); }
        @Override public io.jxplain.model.OutputKind outputKind() { return net.outputKind(); }
        @Override public boolean rowsIndependentOfBatch() { return independent; }

        @Override
        public org.ejml.data.DMatrixRMaj predict(org.ejml.data.DMatrixRMaj batch) {
            calls.incrementAndGet();
            return net.predict(batch);
        }

        @Override
        public org.ejml.data.DMatrixRMaj backward(org.ejml.data.DMatrixRMaj batch, org.ejml.data.DMatrixRMaj seeds) {
            return net.backward(batch, seeds);
        }
    }

    @Test
    void manyRowsGoToTheModelInBlocksOnlyWhenItsRowsDoNotDependOnTheBatch() {
        org.ejml.data.DMatrixRMaj rows = ExplainerConformanceTest.rows(130);
        Counting blocks = new Counting(true);
        Counting single = new Counting(false);
        var a = Gradient.builder().build().explainAll(blocks, Target.probability(1), rows, 1L, 1);
        var b = Gradient.builder().build().explainAll(single, Target.probability(1), rows, 1L, 1);
        assertEquals(3, blocks.calls.get(), "130 rows in blocks of 64");
        assertEquals(130, single.calls.get(), "one call per row");
        for (int i = 0; i < 130; i++) {
            assertArrayEquals(b.get(i).attributions(), a.get(i).attributions(), 0.0, "row " + i);
        }
        Counting occlusion = new Counting(true);
        Occlusion.builder().build().explainAll(occlusion, Target.probability(1), rows, 1L, 1);
        assertEquals(3, occlusion.calls.get(), "(d + 2)·64 rows per call, under the 4096-row cap");
    }

    @Test
    void aRangeWithANonFiniteRowIsRefusedNamingTheRow() {
        org.ejml.data.DMatrixRMaj rows = ExplainerConformanceTest.rows(10);
        rows.set(7, 1, Double.NaN);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Gradient.builder().build()
                        .explainRange(ExplainerConformanceTest.network(), Target.probability(1), rows,
                        5, 9, 1L, 1));
        assertTrue(e.getMessage().contains("row 7, column 1 is NaN"), e.getMessage());
        assertEquals(2, Gradient.builder().build()
                .explainRange(ExplainerConformanceTest.network(), Target.probability(1), rows,
                0, 2, 1L, 1).size(), "rows outside the range are not checked");
    }

    @Test
    void gradientTimesInputMultipliesByTheInput() {
        double[] g = Gradient.builder().build().explain(f, Target.output(0), x, 0L).attributions();
        double[] gxi = GradientTimesInput.builder().build().explain(f, Target.output(0), x, 0L).attributions();
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
        Explanation minNorm = ContinuousLime.builder().samples(3).minimumNormFallback(true).build()
                .explain(f, Target.output(0), x, 1L);
        assertEquals(3, minNorm.size());
        assertTrue(Double.isNaN(minNorm.standardErrors()[0]));
        assertEquals("minimum-norm", minNorm.provenance().parameters().get("underdetermined"));
    }
}
