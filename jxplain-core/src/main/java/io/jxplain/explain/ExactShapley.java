package io.jxplain.explain;

import io.jxplain.Checks;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Shapley values by enumeration of all 2^d coalitions (Shapley 1953; Lundberg &amp; Lee 2017), with the value of a
 * coalition S taken as f(x_S, x₀ outside S) for one baseline x₀ (zeros by default). Exact, deterministic, and the
 * target KernelSHAP converges to; limited to d ≤ 15 (32 768 model evaluations).
 */
public final class ExactShapley extends BaseExplainer {
    public static final int MAX_FEATURES = 15;
    private final double[] baseline;
    private final int maxRowsPerCall;

    private ExactShapley(double[] baseline, int maxRowsPerCall) {
        this.baseline = baseline;
        this.maxRowsPerCall = maxRowsPerCall;
    }

    public static ExactShapley create() {
        return new ExactShapley(null, BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL);
    }

    public static ExactShapley withBaseline(double[] x0) {
        Checks.requireFinite("baseline", x0);
        return new ExactShapley(x0.clone(), BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL);
    }

    @Override
    public String name() {
        return "shapley-exact";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("baseline", baseline == null ? "zeros" : baseline.clone());
        return p;
    }

    @Override
    public boolean isStochastic() {
        return false;
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        int d = x.length;
        if (d > MAX_FEATURES) {
            throw new IllegalArgumentException("exact Shapley values enumerate 2^d coalitions; d = " + d
                    + " exceeds " + MAX_FEATURES + ": use kernel-shap");
        }
        double[] x0 = baseline == null ? new double[d] : baseline;
        Checks.requireVector("baseline", x0, d);
        int coalitions = 1 << d;
        DMatrixRMaj rows = new DMatrixRMaj(coalitions, d);
        for (int s = 0; s < coalitions; s++) {
            for (int j = 0; j < d; j++) {
                rows.data[s * d + j] = (s & (1 << j)) != 0 ? x[j] : x0[j];
            }
        }
        double[] v = BatchedEvaluation.values(model, target, rows, maxRowsPerCall);
        // weight of a coalition of size k that excludes i: k!(d − k − 1)!/d!
        double[] weight = new double[d];
        for (int k = 0; k < d; k++) {
            weight[k] = 1.0 / (d * binomial(d - 1, k));
        }
        double[] phi = new double[d];
        for (int s = 0; s < coalitions; s++) {
            int k = Integer.bitCount(s);
            for (int i = 0; i < d; i++) {
                if ((s & (1 << i)) == 0) {
                    phi[i] += weight[k] * (v[s | (1 << i)] - v[s]);
                }
            }
        }
        double sum = 0;
        for (double p : phi) {
            sum += p;
        }
        double efficiencyGap = sum - (v[coalitions - 1] - v[0]);
        // v(∅) = f(baseline): the base value the Shapley values add up from to f(x)
        return new Attribution(phi, null, Double.NaN, coalitions, 0,
                io.jxplain.OrderedMaps.of("efficiency_gap", efficiencyGap, Attribution.BASE_VALUE, v[0]));
    }

    static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
