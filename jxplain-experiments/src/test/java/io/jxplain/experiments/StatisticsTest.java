package io.jxplain.experiments;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatisticsTest {
    /**
     * v[r][i] = a_r + b_i, a draw effect shared by every point plus a point effect: the crossed error is
     * √(Var(a)/R + Var(b)/n), where the plain per-value error would ignore that a draw moves every point at once.
     */
    @Test
    void aCrossedSummaryCountsTheSpreadBetweenDrawsAndBetweenPoints() {
        double[] a = {0.3, -0.1, 0.5};
        double[] b = {1, 2, 4, 7};
        double[][] v = new double[a.length][b.length];
        for (int r = 0; r < a.length; r++) {
            for (int i = 0; i < b.length; i++) {
                v[r][i] = a[r] + b[i];
            }
        }
        Statistics s = Statistics.ofCrossed(v);
        assertEquals(0.7 / 3 + 3.5, s.mean(), 1e-12);
        double varA = (Math.pow(0.3 - 0.7 / 3, 2) + Math.pow(-0.1 - 0.7 / 3, 2) + Math.pow(0.5 - 0.7 / 3, 2)) / 2;
        double varB = (Math.pow(1 - 3.5, 2) + Math.pow(2 - 3.5, 2) + Math.pow(4 - 3.5, 2) + Math.pow(7 - 3.5, 2)) / 3;
        assertEquals(Math.sqrt(varA / 3 + varB / 4), s.standardError(), 1e-12);
        assertEquals(12, s.count());
        // one draw: only the points' spread (the draw's own error cannot be estimated from one)
        assertEquals(Statistics.of(b).standardError(), Statistics.ofCrossed(new double[][] {b}).standardError(), 1e-12);
    }
}
