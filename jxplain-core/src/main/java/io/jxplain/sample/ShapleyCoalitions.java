package io.jxplain.sample;

import java.util.random.RandomGenerator;

/**
 * Coalitions drawn from the Shapley kernel (Lundberg &amp; Lee 2017): a size s of 0 &lt; s &lt; d with probability
 * ∝ (d−1) / (s(d−s)), then a uniform subset of that size, i.e. P(Z = z) ∝ (d−1) / (C(d,|z|)·|z|·(d−|z|)). What
 * KernelSHAP samples; the all-removed and all-kept coalitions, of infinite weight, are never drawn.
 */
public final class ShapleyCoalitions {
    private ShapleyCoalitions() {
    }

    /** The unnormalised probability of each coalition size s = 1 … d−1 (index s; index 0 unused). */
    public static double[] sizeWeights(int d) {
        double[] w = new double[d];
        for (int s = 1; s < d; s++) {
            w[s] = (d - 1.0) / (s * (double) (d - s));
        }
        return w;
    }

    /** One coalition: a size by {@code sizeWeights} (summing to {@code total}), then a uniform subset of it. */
    public static boolean[] drawCoalition(int d, double[] sizeWeights, double total, RandomGenerator rng) {
        double u = rng.nextDouble() * total;
        int size = 1;
        while (size < d - 1 && u > sizeWeights[size]) {
            u -= sizeWeights[size];
            size++;
        }
        return randomSubset(d, size, rng);
    }

    /** A uniformly random subset of {0 … d−1} of the given size (partial Fisher–Yates). */
    static boolean[] randomSubset(int d, int size, RandomGenerator rng) {
        int[] idx = new int[d];
        for (int j = 0; j < d; j++) {
            idx[j] = j;
        }
        boolean[] z = new boolean[d];
        for (int k = 0; k < size; k++) {
            int r = k + rng.nextInt(d - k);
            int t = idx[k];
            idx[k] = idx[r];
            idx[r] = t;
            z[idx[k]] = true;
        }
        return z;
    }
}
