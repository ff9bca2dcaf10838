package io.jxplain.explain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The path-integral rules of Integrated Gradients on [0, 1]. */
class QuadratureTest {
    @Test
    void gaussLegendreIntegratesEveryPolynomialUpToDegree2nMinus1Exactly() {
        for (int n : new int[] {2, 5, 50, 200}) {
            double[][] rule = Quadrature.GAUSS_LEGENDRE.rule(n);
            double[] nodes = rule[0];
            double[] weights = rule[1];
            for (int k = 1; k < n; k++) {
                assertTrue(nodes[k] > nodes[k - 1] && nodes[0] > 0 && nodes[n - 1] < 1, "increasing, inside (0, 1)");
            }
            for (int degree : new int[] {0, 1, 2, n, 2 * n - 1}) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += weights[k] * Math.pow(nodes[k], degree);
                }
                // ∫₀¹ t^p dt = 1/(p + 1); a sum of n positive terms ≤ 1 carries about n ulps of round-off
                assertEquals(1.0 / (degree + 1), sum, 4 * n * Math.ulp(1.0), "n = " + n + ", degree " + degree);
            }
        }
    }

    @Test
    void gaussLegendreMissesDegree2nAsTheTheoryPredicts() {
        int n = 5; // the error of x^(2n) is (n!)⁴ / ((2n + 1)((2n)!)³)·(2n)! ≈ 1.3e-7 at n = 5: detectable, not round-off
        double[][] rule = Quadrature.GAUSS_LEGENDRE.rule(n);
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += rule[1][k] * Math.pow(rule[0][k], 2 * n);
        }
        double fact = 120;
        double expectedError = Math.pow(fact, 4) / ((2 * n + 1) * Math.pow(3628800.0, 3)) * 3628800.0;
        assertEquals(expectedError, 1.0 / (2 * n + 1) - sum, 1e-3 * expectedError);
    }
}
