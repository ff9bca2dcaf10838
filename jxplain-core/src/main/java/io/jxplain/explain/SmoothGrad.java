package io.jxplain.explain;

import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Differentiable;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.sample.GaussianPerturbation;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * SmoothGrad: the mean of ∇f(a) over n samples a ~ N(x, Σ) (Smilkov et al. 2017; Agarwal et al. 2021 §2.1).
 * Standard errors are the per-feature sample standard deviation of the gradients over √n.
 * Memory is bounded by {@code maxRowsPerCall} rows whatever n.
 */
public final class SmoothGrad extends GaussianSamplingExplainer {
    SmoothGrad(GaussianSampling sampling) {
        super(sampling);
    }

    public static GaussianSampling.Builder<SmoothGrad> builder() {
        return new GaussianSampling.Builder<>(SmoothGrad::new);
    }

    @Override
    public String name() {
        return "smoothgrad";
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        Differentiable diff = requireDifferentiable(model);
        int d = x.length;
        int n = sampling.samples();
        GaussianPerturbation perturbation = sampling.perturbation(d);
        // Sums of gradients and of their squares, shifted by the first gradient so the variance keeps its digits.
        double[] shift = null;
        double[] sum = new double[d];
        double[] sumSq = new double[d];
        DMatrixRMaj chunk = new DMatrixRMaj(1, d);
        for (int start = 0; start < n; start += sampling.maxRowsPerCall()) {
            int rows = Math.min(sampling.maxRowsPerCall(), n - start);
            perturbation.sample(x, rows, rng, chunk);
            double[] g = BatchedEvaluation.gradients(diff, target, chunk, rows).gradients().data;
            if (shift == null) {
                shift = Arrays.copyOf(g, d);
            }
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < d; j++) {
                    double v = g[i * d + j] - shift[j];
                    sum[j] += v;
                    sumSq[j] += v * v;
                }
            }
        }
        double[] mean = new double[d];
        double[] se = new double[d];
        for (int j = 0; j < d; j++) {
            double m = sum[j] / n;
            mean[j] = shift[j] + m;
            se[j] = Math.sqrt(Math.max(0.0, (sumSq[j] - n * m * m) / (n - 1)) / n);
        }
        return new Attribution(mean, se, Double.NaN, n, n);
    }
}
