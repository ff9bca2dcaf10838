package io.jxplain.explain;

import io.jxplain.model.RowTargets;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-row targets (each row's predicted class or label): the same values as explaining each row for its own class. */
class RowTargetsTest {
    static Stream<Explainer> explainers() {
        return ExplainerConformanceTest.explainers();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("explainers")
    void eachRowIsExplainedForItsOwnClassWithItsOwnStreamWhateverTheThreads(Explainer explainer) {
        Network net = ExplainerConformanceTest.network();
        DMatrixRMaj rows = ExplainerConformanceTest.rows(12);
        Target[] targets = RowTargets.predicted(Target.Kind.PROBABILITY).of(net, rows, 2, 11);
        assertTrue(List.of(targets).contains(Target.probability(0)) && List.of(targets).contains(Target.probability(1)),
                "both classes are predicted among these rows, so the rows are split: " + List.of(targets));
        for (int threads : new int[] {1, 2, 3}) {
            List<Explanation> grouped = explainer.explainRange(net, targets, rows, 2, 11, 9L, threads);
            for (int i = 2; i < 11; i++) {
                Explanation alone = explainer.explainRow(net, targets[i - 2], rows, i, 9L);
                assertArrayEquals(alone.attributions(), grouped.get(i - 2).attributions(), 0.0,
                        explainer.name() + ", row " + i + ", " + threads + " threads");
            }
        }
    }

    @Test
    void thePredictedClassIsTheLargestOutput() {
        Network net = ExplainerConformanceTest.network();
        DMatrixRMaj rows = ExplainerConformanceTest.rows(20);
        int[] predicted = RowTargets.predictedClasses(net, rows, 0, 20);
        DMatrixRMaj out = net.predict(rows);
        for (int i = 0; i < 20; i++) {
            assertEquals(out.get(i, 1) > out.get(i, 0) ? 1 : 0, predicted[i], "row " + i);
        }
    }

    @Test
    void theCliSpellingsParse() {
        assertEquals("probability:predicted", RowTargets.parse("predicted").toString());
        assertEquals("logit:label", RowTargets.parse("logit:label").toString());
        assertEquals(Target.probability(1), RowTargets.parse("probability:1").fixed());
        assertTrue(RowTargets.parse("label").needsLabels());
        assertThrows(IllegalArgumentException.class, () -> RowTargets.parse("output:predicted"));
        assertThrows(IllegalArgumentException.class, () -> RowTargets.parse("a:b:predicted"));
    }

    @Test
    void aLabelTheModelCannotExplainIsRefusedNamingTheRow() {
        Network net = ExplainerConformanceTest.network();
        RowTargets labels = RowTargets.parse("label").withLabels(new int[] {0, 1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> labels.validateFor(net, 3));
        assertTrue(e.getMessage().contains("row 2 is labelled 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> labels.validateFor(net, 4), "3 labels for 4 rows");
        IllegalStateException noLabels = assertThrows(IllegalStateException.class,
                () -> RowTargets.parse("label").validateFor(net, 3));
        assertTrue(noLabels.getMessage().contains("no labels"), noLabels.getMessage());
    }
}
