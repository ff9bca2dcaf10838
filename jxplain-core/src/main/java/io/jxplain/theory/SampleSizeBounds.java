package io.jxplain.theory;

import io.jxplain.internal.Checks;

/**
 * The unification paper's finite-sample bounds, as calculators. Both hold "for some absolute constant C" that the
 * paper does not give: C is a parameter, 1 by default, and the numbers are orders of magnitude, not guarantees.
 */
public final class SampleSizeBounds {
    /** The unknown absolute constant's default. */
    public static final double DEFAULT_C = 1.0;

    private SampleSizeBounds() {
    }

    /**
     * Proposition 1 (SmoothGrad): n ≥ C·(∇f_max/ε)²·ln(d/δ) samples give ‖SG_Σ(x) − SG_n(x)‖₂ ≤ ε with
     * probability ≥ 1 − δ.
     */
    public static double smoothGrad(double gradientBound, double epsilon, double delta, int d, double c) {
        Checks.requirePositive("gradient bound", gradientBound);
        Checks.requirePositive("epsilon", epsilon);
        Checks.requireInRange("delta", delta, 0, 1);
        Checks.requirePositive("d", d);
        Checks.requirePositive("C", c);
        return c * Math.pow(gradientBound / epsilon, 2) * Math.log(d / delta);
    }

    /**
     * Theorem 3 (C-LIME, f with values in [−1, 1], Σ = σ²I):
     * n ≥ C·d·ln(d/δ) / min(εσ², εσ³/‖x‖₂, ‖x‖₂, 1/σ²)². At x = 0 the minimum is 0 and the bound is infinite:
     * the paper's bound degenerates there (its proof divides by ‖x‖₂).
     */
    public static double continuousLime(int d, double delta, double epsilon, double sigma, double normX, double c) {
        Checks.requirePositive("d", d);
        Checks.requireInRange("delta", delta, 0, 1);
        Checks.requirePositive("epsilon", epsilon);
        Checks.requirePositive("sigma", sigma);
        Checks.requirePositive("C", c);
        if (!(normX >= 0) || !Double.isFinite(normX)) {
            throw new IllegalArgumentException("‖x‖ must be finite and ≥ 0, got " + normX);
        }
        double s2 = sigma * sigma;
        double m = Math.min(Math.min(epsilon * s2, normX == 0 ? Double.POSITIVE_INFINITY : epsilon * s2 * sigma / normX),
                Math.min(normX, 1 / s2));
        if (m == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return c * d * Math.log(d / delta) / (m * m);
    }
}
