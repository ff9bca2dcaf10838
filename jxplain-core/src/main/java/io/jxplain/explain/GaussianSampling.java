package io.jxplain.explain;

import io.jxplain.Checks;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.sample.GaussianPerturbation;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The configuration that SmoothGrad, C-LIME and the Theorem 1 closed form share: n samples from N(x, Σ),
 * Σ = σ²I unless a full covariance is given, at most {@code maxRowsPerCall} rows per model call.
 * Defaults: n = 100 and σ² = 1, the unification paper's setting on standardised features (§6.2).
 */
public record GaussianSampling(int samples, double sigma2, DMatrixRMaj covariance, int maxRowsPerCall) {
    public static final int DEFAULT_SAMPLES = 100;
    public static final double DEFAULT_SIGMA2 = 1.0;

    public GaussianSampling {
        if (samples < 2) {
            throw new IllegalArgumentException("samples must be at least 2 (for a standard error), got " + samples);
        }
        Checks.requirePositive("sigma2", sigma2);
        Checks.requirePositive("maxRowsPerCall", maxRowsPerCall);
        if (covariance != null) {
            GaussianPerturbation.withCovariance(covariance); // validates symmetry and positive definiteness now
            covariance = covariance.copy();
        }
    }

    /** N(x, σ²I) for any dimension, or N(x, Σ) for Σ's. */
    public GaussianPerturbation perturbation() {
        return covariance == null ? GaussianPerturbation.isotropic(sigma2) : GaussianPerturbation.withCovariance(covariance);
    }

    /** The perturbation for inputs of dimension d. */
    public GaussianPerturbation perturbation(int d) {
        if (covariance == null) {
            return GaussianPerturbation.isotropic(d, sigma2);
        }
        if (covariance.numRows != d) {
            throw new IllegalArgumentException("covariance is " + covariance.numRows + "×" + covariance.numCols
                    + " but the model takes " + d + " inputs");
        }
        return GaussianPerturbation.withCovariance(covariance);
    }

    Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("samples", samples);
        if (covariance == null) {
            p.put("sigma2", sigma2);
        } else {
            p.putAll(GaussianPerturbation.withCovariance(covariance).parameters());
        }
        p.put("maxRowsPerCall", maxRowsPerCall);
        return p;
    }

    /** A builder for any explainer configured by a {@link GaussianSampling}. */
    public static final class Builder<E extends Explainer> {
        private final Function<GaussianSampling, E> factory;
        private int samples = DEFAULT_SAMPLES;
        private double sigma2 = DEFAULT_SIGMA2;
        private DMatrixRMaj covariance;
        private int maxRowsPerCall = BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL;

        Builder(Function<GaussianSampling, E> factory) {
            this.factory = factory;
        }

        public Builder<E> samples(int n) {
            this.samples = n;
            return this;
        }

        /** Isotropic variance σ² (Σ = σ²I). */
        public Builder<E> sigma2(double s) {
            this.sigma2 = s;
            return this;
        }

        /** A full covariance Σ (symmetric positive definite); overrides σ². */
        public Builder<E> covariance(DMatrixRMaj sigma) {
            this.covariance = sigma;
            return this;
        }

        public Builder<E> maxRowsPerCall(int rows) {
            this.maxRowsPerCall = rows;
            return this;
        }

        public E build() {
            return factory.apply(new GaussianSampling(samples, sigma2, covariance, maxRowsPerCall));
        }
    }
}
