package io.jxplain.explain;

import io.jxplain.sample.Perturbation;

import java.util.Map;
import java.util.Optional;

/**
 * The common part of the methods that average over neighbours drawn around x: SmoothGrad, C-LIME, the closed form.
 * Public for the same reason as {@link BaseExplainer}: {@code List.of(smoothGrad, clime)} has this type.
 */
public abstract class SamplingExplainer extends BaseExplainer {
    final Sampling sampling;

    SamplingExplainer(Sampling sampling) {
        this.sampling = sampling;
    }

    /** Its samples, perturbation and batch limit. */
    public Sampling sampling() {
        return sampling;
    }

    @Override
    public Optional<Perturbation> perturbation() {
        return Optional.of(sampling.perturbation());
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
