package io.jxplain.explain;

import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Differentiable;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.sample.GaussianPerturbation;
import org.ejml.data.DMatrixRMaj;

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
        double[] mean = new double[d];
        double[] m2 = new double[d];
        DMatrixRMaj chunk = new DMatrixRMaj(1, d);
        int seen = 0;
        for (int start = 0; start < n; start += sampling.maxRowsPerCall()) {
            int rows = Math.min(sampling.maxRowsPerCall(), n - start);
            perturbation.sample(x, rows, rng, chunk);
            DMatrixRMaj g = BatchedEvaluation.gradients(diff, target, chunk, rows).gradients();
            for (int i = 0; i < rows; i++) {
                seen++;
                for (int j = 0; j < d; j++) { // Welford's running mean and sum of squares
                    double v = g.data[i * d + j];
                    double delta = v - mean[j];
                    mean[j] += delta / seen;
                    m2[j] += delta * (v - mean[j]);
                }
            }
        }
        double[] se = new double[d];
        for (int j = 0; j < d; j++) {
            se[j] = Math.sqrt(m2[j] / (n - 1) / n);
        }
        return new Attribution(mean, se, Double.NaN, n, n);
    }
}
