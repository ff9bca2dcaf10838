package io.jxplain.explain;

import io.jxplain.Version;
import io.jxplain.model.Model;
import io.jxplain.model.NonFiniteOutputException;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Activation;
import io.jxplain.model.nn.DenseLayer;
import io.jxplain.model.nn.Network;
import io.jxplain.random.RandomStreams;
import io.jxplain.testing.BlackBox;
import io.jxplain.testing.FunctionModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks every explainer must pass, written once (as scikit-learn's common estimator checks): shapes, bad
 * input, determinism, thread independence, batching independence, non-finite model output, provenance.
 * A new explainer joins by being added to {@link #explainers()}.
 */
class ExplainerConformanceTest {
    static final int D = 3;

    static Stream<Explainer> explainers() {
        return Stream.of(Gradient.builder().build(), Gradient.builder().absolute(true)
                .build(), GradientTimesInput.builder().build(),
                SmoothGrad.builder().samples(50).build(),
                ContinuousLime.builder().samples(50).sigma2(0.5).build(),
                ClosedFormSmoothGrad.builder().samples(50).build(),
                IntegratedGradients.builder().steps(20).build(), Occlusion.builder().build(), ExactShapley.builder()
                        .build(),
                Smoothed.builder(Gradient.builder().build()).samples(20).sigma2(0.5).build(), KernelShap.builder()
                        .samples(30).build(),
                InfidelityOptimal.builder().noisyBaseline(0.5).samples(50).build(), GuidedBackprop.builder()
                        .build(), EpsilonLrp.builder().build(),
                Lime.builder().samples(200).features(2).build(),
                Adaptive.builder(n -> SmoothGrad.builder().samples(n).build()).initialSamples(20).precision(0.05)
                        .budget(2000).build());
    }

    /** Methods defined through a built-in network's layers. */
    static boolean networkOnly(Explainer e) {
        return e instanceof GuidedBackprop || e instanceof EpsilonLrp;
    }

    static Network network() {
        RandomGenerator rng = RandomStreams.stream(17L);
        DMatrixRMaj w1 = new DMatrixRMaj(4, D);
        DMatrixRMaj w2 = new DMatrixRMaj(2, 4);
        for (int t = 0; t < w1.data.length; t++) {
            w1.data[t] = rng.nextGaussian();
        }
        for (int t = 0; t < w2.data.length; t++) {
            w2.data[t] = rng.nextGaussian();
        }
        return new Network(List.of(new DenseLayer(w1, new double[4], Activation.ELU),
                new DenseLayer(w2, new double[2], Activation.IDENTITY)), OutputKind.LOGITS, 1.0);
    }

    static DMatrixRMaj rows(int n) {
        RandomGenerator rng = RandomStreams.stream(5L);
        DMatrixRMaj x = new DMatrixRMaj(n, D);
        for (int t = 0; t < x.data.length; t++) {
            x.data[t] = rng.nextGaussian();
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("explainers")
    void returnsOneAttributionPerFeatureWithProvenance(Explainer explainer) {
        Explanation e = explainer.explain(network(), Target.probability(1), new double[] {0.1, -0.3, 0.7}, 9L);
        assertEquals(D, e.size());
        for (double v : e.attributions()) {
            assertTrue(Double.isFinite(v));
        }
        assertEquals(explainer.isStochastic(), e.hasStandardErrors());
        if (e.hasStandardErrors()) {
            // NaN marks a feature the method did not estimate (e.g. one LIME did not select); the rest are positive
            int finite = 0;
            for (double se : e.standardErrors()) {
                assertTrue(Double.isNaN(se) || se > 0 && Double.isFinite(se), "standard error " + se);
                finite += Double.isNaN(se) ? 0 : 1;
            }
            assertTrue(finite > 0, "at least one standard error");
        }
        assertTrue(e.modelCalls() >= 1);
        assertEquals(explainer.name(), e.provenance().method());
        assertEquals(explainer.isStochastic() ? Long.valueOf(9L) : null, e.provenance().seed());
        assertEquals(Version.get(), e.provenance().libraryVersion());
        assertEquals("probability:1", e.provenance().target());
        assertEquals(explainer.parameters(), e.provenance().parameters());
        assertFalse(Version.get().contains("${"), "version is filtered into the resources");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("explainers")
    void badInputGetsAClearError(Explainer explainer) {
        Network net = network();
        Target t = Target.probability(1);
        assertMessage(() -> explainer.explain(net, t, new double[] {1, 2}, 1L), "2 features but the model expects 3");
        assertMessage(() -> explainer.explain(net, t, new double[] {1, Double.NaN, 2}, 1L), "x[1] is NaN");
        assertMessage(() -> explainer.explain(net, t, new double[] {1, Double.POSITIVE_INFINITY, 2}, 1L), "x[1] is Infinity");
        assertMessage(() -> explainer.explain(net, Target.probability(5), new double[] {1, 2, 3}, 1L), "has 2 outputs");
        assertMessage(() -> explainer.explain(null, t, new double[] {1, 2, 3}, 1L), "required");
        assertMessage(() -> explainer.explainAll(net, t, new DMatrixRMaj(0, 3), 1L), "no rows");
        assertMessage(() -> explainer.explainAll(net, t, new DMatrixRMaj(2, 4), 1L), "4 columns");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("explainers")
    void sameSeedSameResultWhateverTheThreadCount(Explainer explainer) {
        Network net = network();
        int n = 70; // more than one block of 64 for the methods that explain blocks of rows in one model call
        DMatrixRMaj x = rows(n);
        List<Explanation> one = explainer.explainAll(net, Target.probability(1), x, 21L, 1);
        List<Explanation> two = explainer.explainAll(net, Target.probability(1), x, 21L, 2);
        List<Explanation> again = explainer.explainAll(net, Target.probability(1), x, 21L, 2);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(one.get(i).attributions(), two.get(i).attributions(), 0.0, "row " + i);
            assertArrayEquals(one.get(i).attributions(), again.get(i).attributions(), 0.0, "row " + i);
            Explanation alone = explainer.explainRow(net, Target.probability(1), x, i, 21L);
            assertArrayEquals(one.get(i).attributions(), alone.attributions(), 0.0, "row " + i + " alone");
            assertEquals(alone.hasStandardErrors(), one.get(i).hasStandardErrors(), "row " + i);
            if (alone.hasStandardErrors()) {
                assertArrayEquals(alone.standardErrors(), one.get(i).standardErrors(), 0.0, "row " + i + " alone");
            }
            assertEquals(alone.modelCalls(), one.get(i).modelCalls(), "row " + i);
            assertEquals(alone.diagnostics(), one.get(i).diagnostics(), "row " + i);
            assertEquals(alone.provenance().seed(), one.get(i).provenance().seed(), "row " + i);
        }
        long[] keys = {69, 3, 64, 0, 12, 65, 40, 7, 66, 1}; // rows that carry their own keys, as in a Spark partition
        DMatrixRMaj keyed = new DMatrixRMaj(keys.length, D);
        for (int r = 0; r < keys.length; r++) {
            System.arraycopy(x.data, (int) keys[r] * D, keyed.data, r * D, D);
        }
        List<Explanation> byKey = explainer.explainKeyed(net, Target.probability(1), keyed, keys, 21L);
        for (int r = 0; r < keys.length; r++) {
            assertArrayEquals(one.get((int) keys[r]).attributions(), byKey.get(r).attributions(), 0.0, "key " + keys[r]);
        }
        List<Explanation> middle = explainer.explainRange(net, Target.probability(1), x, 5, 69, 21L, 2);
        for (int i = 5; i < 69; i++) {
            assertArrayEquals(one.get(i).attributions(), middle.get(i - 5).attributions(), 0.0, "row " + i + " of a range");
        }
        if (explainer.isStochastic()) {
            List<Explanation> other = explainer.explainAll(net, Target.probability(1), x, 22L, 2);
            assertNotEquals(one.get(0).attribution(0), other.get(0).attribution(0));
            assertNotEquals(one.get(0).attribution(0), one.get(1).attribution(0), "rows use distinct streams");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("explainers")
    void attributeRangeGivesTheExplanationsValuesAndModelCalls(Explainer explainer) {
        Network net = network();
        Target t = Target.probability(1);
        int n = 150; // blocks of 64 rows and larger ones, and more rows than either
        DMatrixRMaj x = rows(n);
        List<Explanation> all = explainer.explainAll(net, t, x, 21L, 1);
        for (int threads : new int[] {1, 3}) {
            AttributionMatrix m = explainer.attributeRange(net, t, x, 7, 143, 21L, threads);
            assertEquals(136, m.rows());
            assertEquals(D, m.values().numCols);
            for (int i = 7; i < 143; i++) {
                for (int j = 0; j < D; j++) {
                    assertEquals(all.get(i).attribution(j), m.values().get(i - 7, j), 0.0, "row " + i + ", " + threads + " threads");
                }
                assertEquals(all.get(i).modelCalls(), m.modelCalls()[i - 7], "row " + i);
            }
        }
        assertEquals(0, explainer.attributeRange(net, t, x, 4, 4, 21L, 1).rows());
        assertMessage(() -> explainer.attributeRange(net, t, x, 5, n + 1, 21L, 1), "outside");
        DMatrixRMaj bad = x.copy();
        bad.set(9, 2, Double.NaN);
        assertMessage(() -> explainer.attributeRange(net, t, bad, 0, n, 21L, 1), "NaN");
        assertMessage(() -> explainer.attributeRange(net, t, new DMatrixRMaj(2, 4), 0, 2, 21L, 1), "4 columns");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("explainers")
    void aModelReturningNaNIsReportedWithTheRow(Explainer explainer) {
        FunctionModel nan = new FunctionModel(D, "broken", new FunctionModel.Formula() {
            @Override
            public double value(double[] a) {
                return Double.NaN;
            }

            @Override
            public void gradient(double[] a, double[] out) {
                java.util.Arrays.fill(out, Double.NaN);
            }
        });
        if (networkOnly(explainer)) {
            assertMessage(() -> explainer.explain(nan, Target.output(0), new double[] {1, 2, 3}, 1L), "built-in network");
            return;
        }
        NonFiniteOutputException e = assertThrows(NonFiniteOutputException.class,
                () -> explainer.explain(nan, Target.output(0), new double[] {1, 2, 3}, 1L));
        assertTrue(e.getMessage().contains("broken returned a non-finite"), e.getMessage());
        assertEquals(D, e.input().length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("explainers")
    void gradientMethodsRefuseBlackBoxesAndSamplingMethodsAcceptThem(Explainer explainer) {
        Model blackBox = new BlackBox(network());
        double[] x = {0.2, 0.1, -0.5};
        boolean needsGradients = explainer instanceof Gradient || explainer instanceof GradientTimesInput
                || explainer instanceof SmoothGrad || explainer instanceof IntegratedGradients
                || explainer instanceof Smoothed || explainer instanceof Adaptive; // the adaptive one wraps SmoothGrad
        if (networkOnly(explainer)) {
            assertMessage(() -> explainer.explain(blackBox, Target.probability(1), x, 1L), "built-in network");
        } else if (needsGradients) {
            assertMessage(() -> explainer.explain(blackBox, Target.probability(1), x, 1L), "black box");
        } else {
            assertArrayEquals(explainer.explain(network(), Target.probability(1), x, 1L).attributions(),
                    explainer.explain(blackBox, Target.probability(1), x, 1L).attributions(), 0.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("explainers")
    void exactMethodsHaveNoSeedAndNoStandardErrors(Explainer explainer) {
        Explanation e = explainer.explain(network(), Target.logit(0), new double[] {1, 1, 1}, 3L);
        if (!explainer.isStochastic()) {
            assertNull(e.provenance().seed());
            assertThrows(IllegalStateException.class, e::standardErrors);
            assertArrayEquals(e.attributions(),
                    explainer.explain(network(), Target.logit(0), new double[] {1, 1, 1}, 4L).attributions(), 0.0);
        }
    }

    static Stream<Sampling.Builder<? extends Explainer, ?>> samplingBuilders() {
        return Stream.of(SmoothGrad.builder(), ContinuousLime.builder(), ClosedFormSmoothGrad.builder());
    }

    @ParameterizedTest
    @MethodSource("samplingBuilders")
    void theCapOnRowsPerCallDoesNotChangeTheResult(Sampling.Builder<? extends Explainer, ?> builder) {
        Explainer capped = builder.samples(101).maxRowsPerCall(7).build();
        Explainer whole = builder.samples(101).maxRowsPerCall(1000).build();
        double[] x = {0.3, -0.2, 0.9};
        assertArrayEquals(whole.explain(network(), Target.probability(0), x, 5L).attributions(),
                capped.explain(network(), Target.probability(0), x, 5L).attributions(), 0.0);
        assertArrayEquals(whole.explain(network(), Target.probability(0), x, 5L).standardErrors(),
                capped.explain(network(), Target.probability(0), x, 5L).standardErrors(), 0.0);
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should contain '" + fragment + "'");
    }
}
