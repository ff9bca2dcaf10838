package io.jxplain.explain;

/**
 * How SmoothGrad draws its n Gaussian samples. Each keeps the estimator unbiased and reports an honest standard error
 * from independent units (pairs, replicates, or draws); which one pays off is measured by {@code jxplain bench
 * --variance-reduction}, not assumed.
 */
public enum VarianceReduction {
    /** Independent draws (the default). */
    NONE,
    /** n/2 independent pairs (x + Lz, x − Lz): odd terms of ∇f cancel within a pair; SE from the pair means. */
    ANTITHETIC,
    /**
     * Randomised quasi-Monte Carlo: 8 independent random shifts (Cranley–Patterson, modulo 1) of a Sobol sequence
     * (Hipparchus), mapped through the normal inverse CDF; SE from the 8 replicate means. Needs d ≤ 1000.
     */
    SOBOL,
    /**
     * Control variate from the same draws: the Stein / C-LIME identity E[∇f(x + ε)] = Σ⁻¹E[ε·(f(x + ε) − f(x))] gives a
     * second estimator of the same mean from function values the gradient pass computes anyway, so their difference
     * has mean 0; it is subtracted with the per-feature coefficient that minimises variance (one extra call, f(x)).
     */
    CONTROL_VARIATE
}
