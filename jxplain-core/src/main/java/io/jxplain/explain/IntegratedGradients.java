package io.jxplain.explain;

import io.jxplain.Setting;
import io.jxplain.internal.Checks;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Differentiable;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Integrated Gradients (Sundararajan, Taly &amp; Yan 2017): φⱼ = (xⱼ − x₀ⱼ)·∫₀¹ ∂ⱼf(x₀ + α(x − x₀)) dα, by a quadrature
 * (default: 50-point Gauss–Legendre). All path points go to the model in one batch (capped). The diagnostic
 * "completeness_gap" is Σφ − (f(x) − f(x₀)), which tends to 0 as the steps grow. {@link Builder#pathAverage()} returns
 * the path-averaged gradient itself, not multiplied by x − x₀: Yeh et al. 2019's "local" IG (their global IG is this one).
 */
public final class IntegratedGradients extends BaseExplainer {
    /** Quadrature nodes on the straight path from the baseline to x. */
    public static final Setting<Integer> STEPS = Setting.atLeast("steps", 50, 1, "Quadrature nodes on the path.");
    /** The quadrature rule of the path integral. */
    public static final Setting<Quadrature> RULE = Setting.choice("rule", Quadrature.class, Quadrature.GAUSS_LEGENDRE,
            "Quadrature rule of the path integral.");

    private final double[] baseline; // null: zeros
    private final double[] nodes;
    private final double[] weights;
    private final String rule;
    private final int maxRowsPerCall;
    private final boolean pathAverage;

    private IntegratedGradients(double[] baseline, double[] nodes, double[] weights, String rule, int maxRowsPerCall,
                                boolean pathAverage) {
        this.pathAverage = pathAverage;
        this.baseline = baseline;
        this.nodes = nodes;
        this.weights = weights;
        this.rule = rule;
        this.maxRowsPerCall = maxRowsPerCall;
    }

    /** A builder with 50 Gauss–Legendre nodes and a zero baseline. */
    public static Builder builder() {
        return new Builder();
    }

    /** Immutable configuration, built step by step. */
    public static final class Builder {
        private double[] baseline;
        private int steps = STEPS.defaultValue();
        private Quadrature quadrature = Quadrature.GAUSS_LEGENDRE;
        private double[] nodes;
        private double[] weights;
        private int maxRowsPerCall = BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL;
        private boolean pathAverage;

        /** The path-averaged gradient ∫₀¹ ∇f(x₀ + α(x − x₀)) dα, without the factor x − x₀ (no completeness). */
        public Builder pathAverage() {
            this.pathAverage = true;
            return this;
        }

        /** The baseline x₀ (default: zeros; pass the data mean for a "mean" baseline). */
        public Builder baseline(double[] x0) {
            Checks.requireFinite("baseline", x0);
            this.baseline = x0.clone();
            return this;
        }

        /** The number of quadrature nodes. */
        public Builder steps(int n) {
            this.steps = n;
            return this;
        }

        /** The quadrature rule. */
        public Builder quadrature(Quadrature q) {
            this.quadrature = q;
            return this;
        }

        /** Explicit nodes on [0, 1] and weights (e.g. Captum's), instead of a named rule. */
        public Builder nodes(double[] alphas, double[] stepSizes) {
            if (alphas.length != stepSizes.length || alphas.length == 0) {
                throw new IllegalArgumentException("nodes and weights must have the same, positive length");
            }
            Checks.requireFinite("nodes", alphas);
            Checks.requireFinite("weights", stepSizes);
            this.nodes = alphas.clone();
            this.weights = stepSizes.clone();
            return this;
        }

        /** At most this many path points per model call. */
        public Builder maxRowsPerCall(int rows) {
            this.maxRowsPerCall = rows;
            return this;
        }

        /** Integrated Gradients with these settings. */
        public IntegratedGradients build() {
            Checks.requirePositive("maxRowsPerCall", maxRowsPerCall);
            if (nodes != null) {
                return new IntegratedGradients(baseline, nodes, weights, "custom", maxRowsPerCall, pathAverage);
            }
            double[][] r = quadrature.rule(steps);
            return new IntegratedGradients(baseline, r[0], r[1], quadrature.cliName(), maxRowsPerCall, pathAverage);
        }
    }

    @Override
    public String name() {
        return "integrated-gradients";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(STEPS.name(), nodes.length);
        p.put(RULE.name(), rule);
        p.put("baseline", baseline == null ? "zeros" : baseline.clone());
        if (pathAverage) {
            p.put("path_average", true);
        }
        return p;
    }

    @Override
    public boolean isStochastic() {
        return false;
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        return oneRow(model, target, x);
    }

    @Override
    int modelRowsPerInstance(int d) {
        return nodes.length + 2;
    }

    /** Every row's path (m nodes, then x₀ and x for the completeness check) in one batched gradient call. */
    @Override
    Attribution[] attributeRows(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                java.util.function.IntToLongFunction seedOf) {
        Differentiable diff = requireDifferentiable(model);
        int d = rows.numCols;
        double[] x0 = baseline == null ? new double[d] : baseline;
        Checks.requireVector("baseline", x0, d);
        int m = nodes.length;
        int perRow = m + 2;
        DMatrixRMaj path = new DMatrixRMaj((to - from) * perRow, d);
        for (int r = from; r < to; r++) {
            int x = r * d;
            int p = (r - from) * perRow * d;
            for (int k = 0; k < m; k++) {
                for (int j = 0; j < d; j++) {
                    path.data[p + k * d + j] = x0[j] + nodes[k] * (rows.data[x + j] - x0[j]);
                }
            }
            System.arraycopy(x0, 0, path.data, p + m * d, d);
            System.arraycopy(rows.data, x, path.data, p + (m + 1) * d, d);
        }
        var tg = BatchedEvaluation.gradients(diff, target, path, maxRowsPerCall);
        Attribution[] out = new Attribution[to - from];
        for (int r = from; r < to; r++) {
            int p = (r - from) * perRow;
            double[] phi = new double[d];
            for (int k = 0; k < m; k++) {
                for (int j = 0; j < d; j++) {
                    phi[j] += weights[k] * tg.gradients().data[(p + k) * d + j];
                }
            }
            if (pathAverage) {
                out[r - from] = new Attribution(phi, null, Double.NaN, perRow, 0, Map.of());
                continue;
            }
            double sum = 0;
            for (int j = 0; j < d; j++) {
                phi[j] *= rows.data[r * d + j] - x0[j];
                sum += phi[j];
            }
            double gap = sum - (tg.values()[p + m + 1] - tg.values()[p + m]);
            // f(x₀): the base value the attributions add up from to f(x) (completeness)
            out[r - from] = new Attribution(phi, null, Double.NaN, perRow, 0, io.jxplain.internal.OrderedMaps.of(
                    "completeness_gap", gap, Attribution.BASE_VALUE, tg.values()[p + m]));
        }
        return out;
    }
}
