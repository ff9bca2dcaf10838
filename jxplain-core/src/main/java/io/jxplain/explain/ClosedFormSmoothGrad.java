package io.jxplain.explain;

import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.sample.GaussianPerturbation;
import org.ejml.data.DMatrixRMaj;

import java.util.random.RandomGenerator;

/**
 * The common limit of SmoothGrad and C-LIME, Σ⁻¹·cov(a, f(a)) with a ~ N(x, Σ) (Agarwal et al. 2021, Theorem 1),
 * estimated from n samples by the sample covariance. It needs only function values, so it is a gradient-free
 * SmoothGrad for black-box models (ONNX, remote services). Σ⁻¹ is applied by Cholesky solves, never formed.
 * Standard errors: each sample contributes vᵢ = Σ⁻¹(aᵢ − ā)(fᵢ − f̄); the estimate is their mean (times n/(n−1))
 * and its standard error their standard deviation over √n.
 */
public final class ClosedFormSmoothGrad extends SamplingExplainer {
    private ClosedFormSmoothGrad(Sampling sampling) {
        super(sampling);
    }

    /** A builder with the sampling defaults (samples, σ², batch sizes). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ClosedFormSmoothGrad}. */
    public static final class Builder extends Sampling.Builder<ClosedFormSmoothGrad, Builder> {
        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public ClosedFormSmoothGrad build() {
            return new ClosedFormSmoothGrad(sampling());
        }
    }

    @Override
    public String name() {
        return "closed-form";
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        int d = x.length;
        int n = sampling.samples();
        // Theorem 1's Σ⁻¹·cov(a, f(a)) equals the smoothed gradient only for Gaussian a (Stein's lemma)
        GaussianPerturbation perturbation = sampling.gaussian(d, "the closed form Σ⁻¹·cov(a, f(a))");
        DMatrixRMaj a = perturbation.sample(x, n, rng);
        double[] f = BatchedEvaluation.values(model, target, a, sampling.maxRowsPerCall());
        double[] meanA = new double[d];
        double meanF = 0;
        for (int i = 0; i < n; i++) {
            meanF += f[i];
            for (int j = 0; j < d; j++) {
                meanA[j] += a.data[i * d + j];
            }
        }
        meanF /= n;
        for (int j = 0; j < d; j++) {
            meanA[j] /= n;
        }
        double scale = (double) n / (n - 1); // unbiased sample covariance
        double[] mean = new double[d];
        double[] m2 = new double[d];
        double[] v = new double[d];
        for (int i = 0; i < n; i++) {
            double df = f[i] - meanF;
            for (int j = 0; j < d; j++) {
                v[j] = scale * (a.data[i * d + j] - meanA[j]) * df;
            }
            perturbation.solveInPlace(v);
            for (int j = 0; j < d; j++) { // Welford over the per-sample contributions vᵢ
                double delta = v[j] - mean[j];
                mean[j] += delta / (i + 1);
                m2[j] += delta * (v[j] - mean[j]);
            }
        }
        double[] se = new double[d];
        for (int j = 0; j < d; j++) {
            se[j] = Math.sqrt(m2[j] / (n - 1) / n);
        }
        return new Attribution(mean, se, Double.NaN, n, n);
    }
}
