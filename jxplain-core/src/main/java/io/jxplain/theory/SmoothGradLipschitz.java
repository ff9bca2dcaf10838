package io.jxplain.theory;

import io.jxplain.internal.Checks;

/**
 * Lipschitz constants of SmoothGrad and C-LIME with Σ = σ²I for f whose gradient norm is at most ∇f_max
 * (Agarwal et al. 2021, Theorem 2), all in the L2 norm.
 * <p>
 * The paper states L = ∇f_max/(2σ). That constant is too small: f(x) = sin(x), σ = 1 has ∇f_max = 1 and
 * SmoothGrad(x) = cos(x)·e^{−1/2}, whose Lipschitz constant e^{−1/2} ≈ 0.607 exceeds 0.5. Pinsker's inequality
 * with the data-processing argument gives ∇f_max/σ. The sharp constant is √(2/π)·∇f_max/σ: the expected gradient
 * is ∇f ∗ φ_σ, and sup over |g| ≤ ∇f_max of the derivative of g ∗ φ_σ along a direction is
 * ∇f_max·∫|φ_σ′| = ∇f_max·2φ_σ(0) = √(2/π)·∇f_max/σ (attained by g = ∇f_max·sign).
 */
public final class SmoothGradLipschitz {
    private SmoothGradLipschitz() {
    }

    /** √(2/π)·∇f_max/σ: the sharp constant, which jxplain uses. */
    public static double corrected(double gradientBound, double sigma) {
        check(gradientBound, sigma);
        return Math.sqrt(2 / Math.PI) * gradientBound / sigma;
    }

    /** ∇f_max/(2σ) as printed in Theorem 2; reported beside the corrected one, not relied on. */
    public static double paper(double gradientBound, double sigma) {
        check(gradientBound, sigma);
        return gradientBound / (2 * sigma);
    }

    /** ∇f_max/σ: what the proof's route (Pinsker's inequality) yields when carried through. */
    public static double pinsker(double gradientBound, double sigma) {
        check(gradientBound, sigma);
        return gradientBound / sigma;
    }

    private static void check(double gradientBound, double sigma) {
        if (!(gradientBound >= 0) || !Double.isFinite(gradientBound)) {
            throw new IllegalArgumentException("gradient bound must be finite and ≥ 0, got " + gradientBound);
        }
        Checks.requirePositive("sigma", sigma);
    }
}
