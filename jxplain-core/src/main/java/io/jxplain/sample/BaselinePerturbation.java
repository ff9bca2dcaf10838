package io.jxplain.sample;

import io.jxplain.internal.Checks;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Neighbours built from a baseline x₀ (Yeh et al. 2019, §2.4): each feature is replaced, with probability p, by
 * x₀ plus N(0, σ²) noise. p = 1, σ = 0 is the fixed baseline ("difference to baseline", I = x − x₀); p = 1, σ &gt; 0
 * the noisy baseline; p &lt; 1, σ = 0 the random subset of features set to the baseline.
 */
public final class BaselinePerturbation implements Perturbation {
    private final double[] baseline;
    private final double sigma;
    private final double probability;
    private final double low;  // clip range of the replaced values (±∞: none)
    private final double high;

    private BaselinePerturbation(double[] baseline, double sigma, double probability) {
        this(baseline, sigma, probability, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    private BaselinePerturbation(double[] baseline, double sigma, double probability, double low, double high) {
        if (!(low < high)) {
            throw new IllegalArgumentException("clip range must have low < high, got [" + low + ", " + high + "]");
        }
        this.low = low;
        this.high = high;
        Checks.requireFinite("baseline", baseline);
        if (baseline.length == 0) {
            throw new IllegalArgumentException("baseline is empty");
        }
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma must be ≥ 0 and finite, got " + sigma);
        }
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must lie in (0, 1], got " + probability);
        }
        this.baseline = baseline.clone();
        this.sigma = sigma;
        this.probability = probability;
    }

    /** Every feature set to x₀: I = x − x₀. */
    public static BaselinePerturbation fixed(double[] baseline) {
        return new BaselinePerturbation(baseline, 0, 1);
    }

    /** Every feature set to x₀ + N(0, σ²): Yeh et al.'s noisy baseline (σ, as their paper and code state it). */
    public static BaselinePerturbation noisy(double[] baseline, double sigma) {
        return new BaselinePerturbation(baseline, sigma, 1);
    }

    /** Every feature set to x₀ plus the noise of an isotropic Gaussian (e.g. {@code Perturbation.gaussian(σ²)}). */
    public static BaselinePerturbation noisy(double[] baseline, GaussianPerturbation noise) {
        return noisy(baseline, noise.sigma());
    }

    /** Each feature set to x₀ with probability p: a random subset removed. */
    public static BaselinePerturbation subset(double[] baseline, double probability) {
        return new BaselinePerturbation(baseline, 0, probability);
    }

    /**
     * The same, with replaced values clipped to [low, high]: e.g. [0, 1] for pixels, as Yeh et al.'s code does for
     * its noisy baseline (x₀ = 0, σ = 0.2, so about half the pixels land exactly on 0).
     */
    public BaselinePerturbation clippedTo(double low, double high) {
        return new BaselinePerturbation(baseline, sigma, probability, low, high);
    }

    @Override
    public int dimension() {
        return baseline.length;
    }

    @Override
    public void sample(double[] x, int n, RandomGenerator rng, DMatrixRMaj out) {
        int d = baseline.length;
        Checks.requireVector("x", x, d);
        out.reshape(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                boolean replace = probability >= 1 || rng.nextDouble() < probability;
                double noise = sigma > 0 ? sigma * rng.nextGaussian() : 0.0;
                out.data[i * d + j] = replace ? Math.min(high, Math.max(low, baseline[j] + noise)) : x[j];
            }
        }
    }

    @Override
    public String name() {
        return probability < 1 ? "subset-baseline" : sigma > 0 ? "noisy-baseline" : "baseline";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("baseline", baseline.clone());
        p.put("sigma", sigma);
        p.put("probability", probability);
        if (Double.isFinite(low) || Double.isFinite(high)) {
            p.put("clip", new double[] {low, high});
        }
        return p;
    }
}
