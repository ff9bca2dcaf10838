package io.jxplain.model;

import io.jxplain.model.nn.Activation;
import io.jxplain.model.nn.DenseLayer;
import io.jxplain.model.nn.Network;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetTest {
    private static Network identity(OutputKind kind) {
        return new Network(List.of(new DenseLayer(new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}}), new double[2],
                Activation.IDENTITY)), kind, 1.0);
    }

    @Test
    void softmaxSkipsOnlyExponentialsThatAreExactlyOne() {
        // rows with ties, a maximum of ±0, large gaps, ±∞ and NaN: the same bits as exponentiating every entry
        double[][] rows = {{0.5, 2.0, -1.0}, {3.0, 3.0, 1.0}, {-0.0, 0.0, -2.0}, {-800, 0, 1e-300},
            {Double.POSITIVE_INFINITY, 1, 2}, {Double.NaN, 1, 2}, {1, Double.NEGATIVE_INFINITY, 0}};
        for (double[] row : rows) {
            for (int c = 0; c < 3; c++) {
                double[] v = new double[1];
                DMatrixRMaj seeds = new DMatrixRMaj(1, 3);
                Target.probability(c).valuesAndSeeds(OutputKind.LOGITS, new DMatrixRMaj(new double[][] {row}), v, seeds);
                double max = Math.max(Math.max(row[0], row[1]), row[2]);
                double[] e = {Math.exp(row[0] - max), Math.exp(row[1] - max), Math.exp(row[2] - max)};
                double sum = e[0] + e[1] + e[2];
                double pc = e[c] / sum;
                assertEquals(Double.doubleToRawLongBits(pc), Double.doubleToRawLongBits(v[0]),
                        java.util.Arrays.toString(row) + " class " + c);
                for (int j = 0; j < 3; j++) {
                    double seed = pc * ((j == c ? 1.0 : 0.0) - e[j] / sum);
                    assertEquals(Double.doubleToRawLongBits(seed), Double.doubleToRawLongBits(seeds.get(0, j)));
                }
            }
        }
    }

    @Test
    void probabilityOfALogitModelIsItsSoftmax() {
        DMatrixRMaj out = new DMatrixRMaj(new double[][] {{0.5, 2.0}});
        double[] v = new double[1];
        Target.probability(1).valuesAndSeeds(OutputKind.LOGITS, out, v, null);
        assertEquals(1 / (1 + Math.exp(-1.5)), v[0], 1e-15);
        Target.probability(1).valuesAndSeeds(OutputKind.PROBABILITIES, out, v, null);
        assertEquals(2.0, v[0], 0.0);
        Target.logit(0).valuesAndSeeds(OutputKind.LOGITS, out, v, null);
        assertEquals(0.5, v[0], 0.0);
    }

    @Test
    void parsesTheCliSpellingAndRejectsNonsense() {
        assertEquals(Target.probability(1), Target.parse("probability:1"));
        assertEquals(Target.logit(0), Target.parse("LOGIT:0"));
        assertEquals(Target.output(2), Target.parse("output:2"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("probability"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("prob:1"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("logit:x"));
        assertThrows(IllegalArgumentException.class, () -> Target.probability(-1));
    }

    @Test
    void targetsThatTheModelCannotGiveAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Target.logit(0).validateFor(identity(OutputKind.PROBABILITIES)));
        assertTrue(e.getMessage().contains("not logits"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Target.probability(0).validateFor(identity(OutputKind.REGRESSION)));
        assertTrue(e.getMessage().contains("regression"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Target.output(2).validateFor(identity(OutputKind.LOGITS)));
        assertTrue(e.getMessage().contains("has 2 outputs"), e.getMessage());
    }
}
