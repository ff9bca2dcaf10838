package io.jxplain.explain;

import io.jxplain.sample.GaussianPerturbation;

import java.util.Map;

/** The common part of the methods that draw from N(x, Σ): SmoothGrad, C-LIME and the Theorem 1 closed form. */
abstract class GaussianSamplingExplainer extends BaseExplainer {
    final GaussianSampling sampling;
    private volatile GaussianPerturbation lastPerturbation; // immutable: shared by every explanation and thread

    GaussianSamplingExplainer(GaussianSampling sampling) {
        this.sampling = sampling;
    }

    /** N(0, Σ) for inputs of dimension d, built once per dimension rather than per explanation (Σ's Cholesky). */
    final GaussianPerturbation perturbation(int d) {
        GaussianPerturbation last = lastPerturbation;
        if (last == null || last.dimension() != d) {
            last = sampling.perturbation(d);
            lastPerturbation = last;
        }
        return last;
    }

    public GaussianSampling sampling() {
        return sampling;
    }

    @Override
    public java.util.Optional<io.jxplain.sample.Perturbation> perturbation() {
        return java.util.Optional.of(sampling.perturbation());
    }

    @Override
    public Map<String, Object> parameters() {
        return sampling.parameters();
    }

    @Override
    public boolean isStochastic() {
        return true;
    }

    @Override
    long rowsHeldPerInstance(int d) {
        return Math.max(modelRowsPerInstance(d), sampling.samples());
    }
}
