package io.jxplain.metric;

import io.jxplain.explain.Explainer;
import io.jxplain.explain.Gradient;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.model.Target;
import io.jxplain.sample.GaussianPerturbation;
import io.jxplain.random.RandomStreams;
import io.jxplain.testing.FunctionModel;
import io.jxplain.testing.TrainedModels;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks every metric passes: bad input, determinism whatever the thread count, provenance. */
class MetricConformanceTest {
    static Stream<Metric> metrics() {
        return Stream.of(Infidelity.builder().perturbation(GaussianPerturbation.isotropic(2, 0.1)).samples(50).build(),
                Infidelity.builder().perturbation(GaussianPerturbation.isotropic(2, 0.1)).samples(500)
                        .build(), // 8 instances per 4 096 rows
                MaxSensitivity.builder().radius(0.2).samples(10).build(), AvgSensitivity.builder().radius(0.2)
                        .samples(10).build(),
                LocalLipschitzEstimate.builder().budget(12).build(), NeighbourhoodRobustness.builder().build(),
                Equivalence.builder(SmoothGrad.builder().samples(30).build()).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metrics")
    void sameSeedSameValuesWhateverTheThreadCount(Metric metric) {
        var net = TrainedModels.simulatedMlp();
        DMatrixRMaj rows = TrainedModels.simulatedSplit().test().features();
        DMatrixRMaj some = new DMatrixRMaj(6, 2);
        System.arraycopy(rows.data, 0, some.data, 0, 12);
        var explainer = SmoothGrad.builder().samples(40).build();
        List<Estimate> one = metric.evaluateAll(net, Target.probability(1), explainer, some, 3L, 1);
        List<Estimate> two = metric.evaluateAll(net, Target.probability(1), explainer, some, 3L, 2);
        for (int i = 0; i < 6; i++) {
            assertEquals(one.get(i).value(), two.get(i).value(), 0.0, "row " + i);
            assertTrue(Double.isFinite(one.get(i).value()) && one.get(i).value() >= 0);
            assertTrue(one.get(i).evaluations() > 0);
            assertEquals(metric.name(), one.get(i).provenance().method());
            assertEquals("smoothgrad", one.get(i).provenance().parameters().get("explainer"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metrics")
    void evaluatingManyRowsEqualsEvaluatingEachAlone(Metric metric) {
        // on a built-in network, infidelity and the sensitivity metrics batch 64 instances per model call
        var net = TrainedModels.simulatedMlp();
        DMatrixRMaj rows = TrainedModels.simulatedSplit().test().features();
        DMatrixRMaj some = new DMatrixRMaj(70, 2);
        System.arraycopy(rows.data, 0, some.data, 0, 140);
        for (Explainer explainer : List.<Explainer>of(Gradient.builder().build(), SmoothGrad.builder().samples(20)
                .build())) {
            for (int threads : new int[] {1, 2}) {
                List<Estimate> all = metric.evaluateAll(net, Target.probability(1), explainer, some, 5L, threads);
                for (int i : new int[] {0, 1, 63, 64, 69}) {
                    Estimate alone = metric.evaluate(net, Target.probability(1), explainer,
                            java.util.Arrays.copyOfRange(some.data, 2 * i, 2 * i + 2), RandomStreams.childSeed(5L, i));
                    String row = explainer.name() + " row " + i;
                    assertEquals(alone.value(), all.get(i).value(), 0.0, row);
                    assertEquals(alone.standardError(), all.get(i).standardError(), 0.0, row);
                    assertEquals(alone.evaluations(), all.get(i).evaluations(), row);
                    assertEquals(alone.provenance(), all.get(i).provenance(), row);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metrics")
    void badInputGetsAClearError(Metric metric) {
        FunctionModel f = FunctionModel.linear(new double[] {1, 2}, 0);
        var g = Gradient.builder().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metric.evaluate(f, Target.output(0), g, new double[] {1, 2, 3}, 1L));
        assertTrue(e.getMessage().contains("features") || e.getMessage().contains("expects"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> metric.evaluate(f, Target.output(0), g, new double[] {1, Double.NaN}, 1L));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> metric.evaluateAll(f, Target.output(0), g, new DMatrixRMaj(0, 2), 1L, 1));
    }
}
