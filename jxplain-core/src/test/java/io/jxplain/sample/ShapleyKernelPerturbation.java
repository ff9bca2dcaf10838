package io.jxplain.sample;

import io.jxplain.internal.Checks;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Coalitions drawn from the Shapley kernel (Lundberg &amp; Lee 2017; Yeh et al. 2019, Proposition 2.5):
 * P(Z = z) ∝ (d−1) / (C(d,|z|)·|z|·(d−|z|)) over 0 &lt; |z| &lt; d, i.e. a size s with probability ∝ (d−1)/(s(d−s)),
 * then a uniform subset of that size. The neighbour is x − h(z) with h(z) = z ⊙ (x − x₀): the coalition's features
 * are set to the baseline x₀ (zeros by default). {@link #draw} returns the binary masks as regressors, unweighted
 * (the kernel is already the sampling distribution). The all-removed coalition, of infinite weight, is not sampled:
 * it is the {@link #constraintNeighbour}, and without it Φ*⊙x is not the Shapley value.
 *
 * <p>A test's perturbation: with it, {@code InfidelityOptimal} reproduces Yeh et al.'s Proposition 2.5 (the
 * infidelity-optimal explanation under this kernel is the Shapley value). The library's KernelSHAP is
 * {@code KernelShap}, one implementation; both draw with {@link ShapleyCoalitions}.
 */
public final class ShapleyKernelPerturbation implements Perturbation {
    private final double[] baseline;

    private ShapleyKernelPerturbation(double[] baseline) {
        Checks.requireFinite("baseline", baseline);
        if (baseline.length < 2) {
            throw new IllegalArgumentException("Shapley-kernel coalitions need at least 2 features, got " + baseline.length);
        }
        this.baseline = baseline.clone();
    }

    /** Removed features set to zero (h(1) = x, h(0) = 0, as in the proposition). */
    public static ShapleyKernelPerturbation zeros(int d) {
        return new ShapleyKernelPerturbation(new double[d]);
    }

    public static ShapleyKernelPerturbation withBaseline(double[] x0) {
        return new ShapleyKernelPerturbation(x0);
    }

    /** The Shapley kernel's size weights ({@link ShapleyCoalitions#sizeWeights}). */
    public static double[] sizeWeights(int d) {
        return ShapleyCoalitions.sizeWeights(d);
    }

    @Override
    public int dimension() {
        return baseline.length;
    }

    @Override
    public void sample(double[] x, int n, RandomGenerator rng, DMatrixRMaj out) {
        draw(x, n, rng, out, null);
    }

    @Override
    public Draws draw(double[] x, int n, RandomGenerator rng) {
        DMatrixRMaj neighbours = new DMatrixRMaj(n, dimension());
        DMatrixRMaj masks = new DMatrixRMaj(n, dimension());
        draw(x, n, rng, neighbours, masks);
        return new Draws(neighbours, masks, null);
    }

    private void draw(double[] x, int n, RandomGenerator rng, DMatrixRMaj out, DMatrixRMaj masks) {
        int d = baseline.length;
        Checks.requireVector("x", x, d);
        out.reshape(n, d);
        double[] weights = sizeWeights(d);
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        for (int i = 0; i < n; i++) {
            boolean[] z = ShapleyCoalitions.drawCoalition(d, weights, total, rng);
            for (int j = 0; j < d; j++) {
                out.data[i * d + j] = z[j] ? baseline[j] : x[j];
                if (masks != null) {
                    masks.data[i * d + j] = z[j] ? 1 : 0;
                }
            }
        }
    }

    /** Every feature removed: the coalition of infinite kernel weight, which makes the fit efficient. */
    @Override
    public double[] constraintNeighbour(double[] x) {
        Checks.requireVector("x", x, baseline.length);
        return baseline.clone();
    }

    @Override
    public String name() {
        return "shapley-kernel";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("baseline", baseline.clone());
        return p;
    }
}
