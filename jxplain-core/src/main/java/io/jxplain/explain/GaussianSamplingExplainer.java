package io.jxplain.explain;

import java.util.Map;

/** The common part of the methods that draw from N(x, Σ): SmoothGrad, C-LIME and the Theorem 1 closed form. */
abstract class GaussianSamplingExplainer extends BaseExplainer {
    final GaussianSampling sampling;

    GaussianSamplingExplainer(GaussianSampling sampling) {
        this.sampling = sampling;
    }

    public GaussianSampling sampling() {
        return sampling;
    }

    @Override
    public Map<String, Object> parameters() {
        return sampling.parameters();
    }

    @Override
    public boolean isStochastic() {
        return true;
    }
}
