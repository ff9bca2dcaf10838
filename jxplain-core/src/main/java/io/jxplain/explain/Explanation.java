package io.jxplain.explain;

import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One input's explanation: an attribution per feature, its standard error where the method is random, the
 * intercept of a surrogate model where there is one (reported, but not an attribution), how many model
 * evaluations it took, and its provenance. Immutable.
 */
public final class Explanation {
    /** The normal distribution's 97.5% quantile: a 95% interval is the estimate ± Z95·standard error. */
    public static final double Z95 = 1.959963984540054;
    /**
     * Where a waterfall of the attributions starts. Additive methods: base value + Σ attributions = f(x), up to the
     * method's gap (KernelSHAP, exact Shapley values: v(∅) = E f(background); Integrated Gradients: f(baseline)).
     * Occlusion: f(baseline), which Σφ reaches only for a model additive in the occluded parts. LIME with
     * discretisation: the surrogate's intercept, from which Σφ reaches the surrogate's value at x. Methods whose
     * attributions are slopes (gradients, SmoothGrad, C-LIME) define none.
     */
    public static final String BASE_VALUE = "base_value";

    private final double[] attributions;
    private final double[] standardErrors;
    private final double intercept;
    private final long modelCalls;
    private final Provenance provenance;
    private final Map<String, Double> diagnostics;

    /** An explanation without diagnostics. */
    public Explanation(double[] attributions, double[] standardErrors, double intercept, long modelCalls,
                       Provenance provenance) {
        this(attributions, standardErrors, intercept, modelCalls, provenance, Map.of());
    }

    /**
     * @param diagnostics method-specific checks, e.g. Integrated Gradients' "completeness_gap"
     */
    public Explanation(double[] attributions, double[] standardErrors, double intercept, long modelCalls,
                       Provenance provenance, Map<String, Double> diagnostics) {
        if (standardErrors != null && standardErrors.length != attributions.length) {
            throw new IllegalArgumentException("standard errors have " + standardErrors.length + " entries for "
                    + attributions.length + " attributions");
        }
        this.attributions = attributions.clone();
        this.standardErrors = standardErrors == null ? null : standardErrors.clone();
        this.intercept = intercept;
        this.modelCalls = modelCalls;
        this.provenance = provenance;
        this.diagnostics = io.jxplain.internal.OrderedMaps.copyOf(diagnostics);
    }

    /** Method-specific checks, e.g. "completeness_gap" = Σφ − (f(x) − f(x₀)) for Integrated Gradients. */
    public Map<String, Double> diagnostics() {
        return diagnostics;
    }

    /** A copy of the attributions, one per feature. */
    public double[] attributions() {
        return attributions.clone();
    }

    /** The attributions themselves, not a copy: for this package's own readers, which never write them. */
    double[] attributionsView() {
        return attributions;
    }

    /** The attribution of one feature. */
    public double attribution(int feature) {
        return attributions[feature];
    }

    /** The number of features explained. */
    public int size() {
        return attributions.length;
    }

    /** Per-feature standard errors of a Monte-Carlo estimate; empty for an exact method. */
    public boolean hasStandardErrors() {
        return standardErrors != null;
    }

    /** Per-feature standard errors; throws for an exact method (see {@link #hasStandardErrors()}). */
    public double[] standardErrors() {
        if (standardErrors == null) {
            throw new IllegalStateException(provenance.method() + " is exact: it has no standard errors");
        }
        return standardErrors.clone();
    }

    /** The surrogate's intercept (C-LIME, LIME), if the method fits one. */
    public OptionalDouble intercept() {
        return Double.isNaN(intercept) ? OptionalDouble.empty() : OptionalDouble.of(intercept);
    }

    /** Rows evaluated by the model (forward or forward+gradient) to produce this explanation. */
    public long modelCalls() {
        return modelCalls;
    }

    /** What produced the explanation: method, parameters, model, target, seed and version. */
    public Provenance provenance() {
        return provenance;
    }

    /** ‖φ − ψ‖₁, the distance of the unification paper's experiments (§6.2). */
    public double l1DistanceTo(Explanation other) {
        if (other.size() != size()) {
            throw new IllegalArgumentException("explanations have " + size() + " and " + other.size() + " features");
        }
        double s = 0;
        for (int j = 0; j < attributions.length; j++) {
            s += Math.abs(attributions[j] - other.attributions[j]);
        }
        return s;
    }

    @Override
    public String toString() {
        return provenance.method() + Arrays.toString(attributions);
    }
}
