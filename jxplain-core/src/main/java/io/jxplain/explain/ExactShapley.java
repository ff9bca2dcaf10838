package io.jxplain.explain;

import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.data.Background;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Shapley values by enumeration of all 2^d coalitions (Shapley 1953; Lundberg &amp; Lee 2017), with the value of a
 * coalition S taken as f(x_S, x₀ outside S) for one baseline x₀ (zeros by default), or its mean over the rows b of
 * a background, f(x_S, b outside S), as KernelSHAP takes it. Exact, deterministic, and the target KernelSHAP
 * converges to; limited to d ≤ 15 (32 768 model evaluations per background row).
 */
public final class ExactShapley extends BaseExplainer {
    /** The most features it enumerates: 2¹⁵ coalitions per background row. */
    public static final int MAX_FEATURES = 15;
    private final Background background; // one row (the baseline) or several; null: zeros
    private final int maxRowsPerCall;

    private ExactShapley(Background background, int maxRowsPerCall) {
        this.background = background;
        this.maxRowsPerCall = maxRowsPerCall;
    }

    /** A builder of exact Shapley values, with absent features at 0 unless a baseline or background is set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link ExactShapley}. */
    public static final class Builder {
        private Background background;
        private int maxRowsPerCall = BatchedEvaluation.MAX_ROWS_PER_CALL.defaultValue();

        private Builder() {
        }

        /** Absent features at {@code x0}'s values (one background row). */
        public Builder baseline(double[] x0) {
            return background(Background.baseline(x0));
        }

        /** Coalition values averaged over these rows (shap's interventional Shapley values). */
        public Builder background(DMatrixRMaj rows) {
            return background(Background.of(rows));
        }

        /** Coalition values averaged over a (weighted, or summarised) background. */
        public Builder background(Background b) {
            this.background = b;
            return this;
        }

        /** At most this many rows per model call. */
        public Builder maxRowsPerCall(int rows) {
            BatchedEvaluation.MAX_ROWS_PER_CALL.check(rows);
            this.maxRowsPerCall = rows;
            return this;
        }

        /** The explainer. */
        public ExactShapley build() {
            return new ExactShapley(background, maxRowsPerCall);
        }
    }

    @Override
    public String name() {
        return "shapley-exact";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (background == null || background.size() == 1) {
            p.put("baseline", background == null ? "zeros" : background.rows().data.clone());
        } else {
            p.put("background", background.describe());
        }
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
        Background weighted = background == null ? Background.of(new DMatrixRMaj(1, d)) : background;
        DMatrixRMaj bg = weighted.rows();
        if (bg.numCols != d) {
            throw new IllegalArgumentException((bg.numRows == 1 ? "the baseline" : "the background") + " has "
                    + bg.numCols + " features but x has " + d);
        }
        int coalitions = 1 << d;
        DMatrixRMaj rows = new DMatrixRMaj(coalitions, d);
        double[] v = new double[coalitions]; // v(S): the weighted mean over background rows b of f(x_S, b elsewhere)
        for (int b = 0; b < bg.numRows; b++) {
            for (int s = 0; s < coalitions; s++) {
                for (int j = 0; j < d; j++) {
                    rows.data[s * d + j] = (s & (1 << j)) != 0 ? x[j] : bg.data[b * d + j];
                }
            }
            double[] f = BatchedEvaluation.values(model, target, rows, maxRowsPerCall);
            double w = weighted.weight(b);
            for (int s = 0; s < coalitions; s++) {
                v[s] += bg.numRows == 1 ? f[s] : w * f[s];
            }
        }
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
        // v(∅) = E f(background): the base value the Shapley values add up from to f(x)
        return new Attribution(phi, null, Double.NaN, (long) coalitions * bg.numRows, 0,
                io.jxplain.internal.OrderedMaps.of("efficiency_gap", efficiencyGap, Attribution.BASE_VALUE, v[0]));
    }

    static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
