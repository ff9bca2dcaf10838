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
        MeanAccumulator acc = new MeanAccumulator(d);
        DMatrixRMaj chunk = new DMatrixRMaj(1, d);
        for (int start = 0; start < n; start += sampling.maxRowsPerCall()) {
            int rows = Math.min(sampling.maxRowsPerCall(), n - start);
            perturbation.sample(x, rows, rng, chunk);
            double[] g = BatchedEvaluation.gradients(diff, target, chunk, rows).gradients().data;
            for (int i = 0; i < rows; i++) {
                acc.add(g, i * d);
            }
        }
        double[] mean = acc.mean();
        double[] se = acc.standardErrors();
        return new Attribution(mean, se, Double.NaN, n, n);
    }
}
