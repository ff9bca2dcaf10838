package io.jxplain.explain;

import io.jxplain.Setting;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.sample.GaussianPerturbation;
import io.jxplain.sample.Perturbation;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration that SmoothGrad, C-LIME and the Theorem 1 closed form share: n neighbours drawn from a
 * perturbation around x (N(x, σ²I) unless another is handed in), at most {@code maxRowsPerCall} rows per model call.
 * Defaults: n = 100 and σ² = 1, the unification paper's setting on standardised features (§6.2).
 */
public record Sampling(int samples, Perturbation perturbation, int maxRowsPerCall) {
    /** Neighbours drawn per explanation (at least 2, for a standard error). */
    public static final Setting<Integer> SAMPLES = Setting.atLeast("samples", 100, 2,
            "Samples (neighbours, coalitions or perturbations) drawn per explanation.");
    /** σ² of the Gaussian perturbation N(x, σ²I) that is the default neighbourhood. */
    public static final Setting<Double> SIGMA2 = Setting.positive("sigma2", 1.0,
            "Variance σ² of the Gaussian perturbation N(x, σ²I).").from("Agarwal et al. 2021 §2");

    /** Refuses too few samples, a missing perturbation or a batch limit below 1. */
    public Sampling {
        SAMPLES.check(samples);
        if (perturbation == null) {
            throw new IllegalArgumentException("a sampling method needs a perturbation to draw its neighbours from");
        }
        BatchedEvaluation.MAX_ROWS_PER_CALL.check(maxRowsPerCall);
    }

    /** The perturbation, checked for inputs of d features. */
    Perturbation perturbation(int d) {
        perturbation.requireDimension(d, "the model's input");
        return perturbation;
    }

    /** The Gaussian perturbation for inputs of d features; {@code what} needs one (Stein's lemma, Φ⁻¹, …). */
    GaussianPerturbation gaussian(int d, String what) {
        if (!(perturbation(d) instanceof GaussianPerturbation g)) {
            throw new IllegalArgumentException(what + " needs a Gaussian perturbation, not " + perturbation.name());
        }
        return g;
    }

    Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(SAMPLES.name(), samples);
        if (!(perturbation instanceof GaussianPerturbation)) {
            p.put("perturbation", perturbation.name());
        }
        p.putAll(perturbation.parameters());
        p.put(BatchedEvaluation.MAX_ROWS_PER_CALL.name(), maxRowsPerCall);
        return p;
    }

    /**
     * What the builders of SmoothGrad, C-LIME and the closed form share: the samples, the perturbation and the rows
     * per model call, with the defaults above.
     *
     * @param <E> the explainer built
     * @param <B> the builder itself, so that every setter returns the method's own builder
     */
    public abstract static class Builder<E extends Explainer, B extends Builder<E, B>> {
        private int samples = SAMPLES.defaultValue();
        private Perturbation perturbation = Perturbation.gaussian(SIGMA2.defaultValue());
        private int maxRowsPerCall = BatchedEvaluation.MAX_ROWS_PER_CALL.defaultValue();

        Builder() {
        }

        abstract B self();

        /** Samples drawn per explanation (at least 2). */
        public B samples(int n) {
            this.samples = n;
            return self();
        }

        /** Any distribution of neighbours around x (SmoothGrad and C-LIME take any; the closed form a Gaussian). */
        public B perturbation(Perturbation p) {
            this.perturbation = p;
            return self();
        }

        /** Shorthand for {@code perturbation(Perturbation.gaussian(σ²))}: N(x, σ²I). */
        public B sigma2(double s) {
            return perturbation(Perturbation.gaussian(s));
        }

        /** Shorthand for {@code perturbation(GaussianPerturbation.withCovariance(Σ))}: N(x, Σ), Σ positive definite. */
        public B covariance(DMatrixRMaj sigma) {
            return perturbation(GaussianPerturbation.withCovariance(sigma));
        }

        /** At most this many rows per model call. */
        public B maxRowsPerCall(int rows) {
            this.maxRowsPerCall = rows;
            return self();
        }

        /** The checked sampling settings. */
        Sampling sampling() {
            return new Sampling(samples, perturbation, maxRowsPerCall);
        }

        /** The explainer with these settings. */
        public abstract E build();
    }
}
