package io.jxplain.model;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinaryScoresTest {
    /** A two-logit model whose class-1 margin is the row's single feature. */
    private static final Model MARGIN = Model.of(1, 2, OutputKind.LOGITS, rows -> {
        double[][] out = new double[rows.length][2];
        for (int i = 0; i < rows.length; i++) {
            out[i][1] = rows[i][0];
        }
        return out;
    });

    private static DMatrixRMaj column(double... v) {
        return new DMatrixRMaj(v.length, 1, true, v);
    }

    @Test
    void aucCountsEveryPositiveNegativePairWithTiesAsHalf() {
        double[] score = {0.1, 0.4, 0.4, 0.8, -0.3, 0.4};
        int[] labels = {0, 1, 0, 1, 0, 0};
        // by hand: positives 0.4 and 0.8 against negatives 0.1, 0.4, −0.3, 0.4
        double pairs = 0;
        for (int p : new int[]{1, 3}) {
            for (int q : new int[]{0, 2, 4, 5}) {
                pairs += score[p] > score[q] ? 1 : score[p] == score[q] ? 0.5 : 0;
            }
        }
        BinaryScores s = BinaryScores.of(MARGIN, column(score), labels);
        assertEquals(pairs / 8, s.auc(), 1e-15);
        assertEquals(7.0 / 8, s.auc(), 1e-15); // 0.4: 1 + ½ + 1 + ½, 0.8: 4
        assertEquals(3.0 / 6, s.accuracy(), 1e-15); // right: rows 1, 3 (class 1) and 4 (class 0)
        assertEquals(0.5 * (1.0 / 4 + 2.0 / 2), s.balancedAccuracy(), 1e-15);
    }

    @Test
    void theMajorityRuleIsAccurateButBalancedAccuracyAndAucSayItLearnedNothing() {
        double[] constant = new double[20];
        java.util.Arrays.fill(constant, -1);
        int[] labels = new int[20];
        labels[3] = 1;
        BinaryScores s = BinaryScores.of(MARGIN, column(constant), labels);
        assertEquals(0.95, s.accuracy(), 1e-15);
        assertEquals(0.5, s.balancedAccuracy(), 1e-15);
        assertEquals(0.5, s.auc(), 1e-15);
        assertTrue(BinaryScores.of(MARGIN, column(-2, -1, 1, 2), new int[]{0, 0, 1, 1}).auc() == 1.0);
        assertTrue(BinaryScores.of(MARGIN, column(2, 1, -1, -2), new int[]{0, 0, 1, 1}).auc() == 0.0);
    }

    @Test
    void refusesWhatItCannotScore() {
        assertThrows(IllegalArgumentException.class, () -> BinaryScores.of(MARGIN, column(1, 2), new int[]{0, 0}),
                "one class only");
        assertThrows(IllegalArgumentException.class, () -> BinaryScores.of(MARGIN, column(1, 2), new int[]{0, 2}));
        assertThrows(IllegalArgumentException.class, () -> BinaryScores.of(MARGIN, column(1, 2), new int[]{0}));
        Model regression = Model.of(1, 1, OutputKind.REGRESSION, x -> x);
        assertThrows(IllegalArgumentException.class, () -> BinaryScores.of(regression, column(1, 2), new int[]{0, 1}));
    }
}
