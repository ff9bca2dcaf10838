package io.jxplain.explain;


import io.jxplain.Setting;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.sample.ShapleyCoalitions;
import io.jxplain.data.Background;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * KernelSHAP (Lundberg &amp; Lee 2017, Theorem 2): the weighted least-squares fit of v(z) = E_b f(x_z, b_z̄) on the
 * coalition vector z, with Shapley-kernel weights, under the efficiency constraint Σφ = v(1) − v(0). Coalitions are
 * drawn from the kernel itself (size s ∝ (d − 1)/(s(d − s)), then a uniform subset of that size) in complementary
 * pairs, so every draw has weight 1; the constraint is imposed by eliminating the last feature. Background: rows b
 * (default: one row of zeros). Standard errors are the least-squares fit's robust ones (the last feature's from the
 * full covariance of the others, since it is their sum's complement). The diagnostic "efficiency_gap" is 0 up to
 * round-off. Default 200 coalitions (Captum's n_samples in the reference runs); at least d + 2. When the coalitions
 * do not identify every feature (often with images: d large, few samples) the minimum-norm efficient solution is
 * returned without standard errors, and the diagnostic rank_deficient is 1. Features equal to the background (null
 * players, e.g. black pixels against a black baseline) get exactly 0 and are left out of the sampling.
 */
public final class KernelShap extends BaseExplainer {
    /** Coalitions per explanation (paired). */
    public static final Setting<Integer> SAMPLES = Sampling.SAMPLES.withDefault(200);

    private final Background background; // null: zeros
    private final int samples;
    private final int maxRowsPerCall;

    private KernelShap(Background background, int samples, int maxRowsPerCall) {
        this.background = background;
        this.samples = samples;
        this.maxRowsPerCall = maxRowsPerCall;
    }

    /** A builder of KernelSHAP with absent features at 0 and {@link #SAMPLES}' default coalitions. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link KernelShap}. */
    public static final class Builder {
        private Background background;
        private int samples = SAMPLES.defaultValue();
        private int maxRowsPerCall = BatchedEvaluation.MAX_ROWS_PER_CALL.defaultValue();

        private Builder() {
        }

        /** Coalitions drawn per explanation. */
        public Builder samples(int n) {
            SAMPLES.check(n);
            this.samples = n;
            return this;
        }

        /** Background rows that replace the features outside a coalition (the value is their mean). */
        public Builder background(DMatrixRMaj rows) {
            if (rows == null || rows.numRows == 0) {
                throw new IllegalArgumentException("the background needs at least one row");
            }
            return background(Background.of(rows));
        }

        /** A weighted or summarised background ({@link Background#kmeans}): coalition values are weighted means. */
        public Builder background(Background b) {
            this.background = b;
            return this;
        }

        /** Absent features at {@code x0}'s values (a background of one row). */
        public Builder baseline(double[] x0) {
            return background(Background.baseline(x0));
        }

        /** At most this many rows per model call. */
        public Builder maxRowsPerCall(int rows) {
            BatchedEvaluation.MAX_ROWS_PER_CALL.check(rows);
            this.maxRowsPerCall = rows;
            return this;
        }

        /** The explainer. */
        public KernelShap build() {
            return new KernelShap(background, samples, maxRowsPerCall);
        }
    }

    @Override
    public String name() {
        return "kernel-shap";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(SAMPLES.name(), samples);
        p.put("background", background == null ? "zeros" : background.describe());
        return p;
    }

    @Override
    public boolean isStochastic() {
        return true;
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        int d = x.length;
        Background bg = background == null ? Background.of(new DMatrixRMaj(1, d)) : background;
        if (bg.dimension() != d) {
            throw new IllegalArgumentException("the background has " + bg.dimension() + " features but x has " + d);
        }
        // A feature equal to its background value in every background row is a null player: its Shapley value is 0
        // and removing it leaves the others' unchanged (Shapley 1953), so coalitions are drawn over the rest only.
        int[] players = nonNullPlayers(x, bg);
        int p = players.length;
        double[] phi = new double[d];
        double[] se = new double[d];
        if (p <= 1) {
            double[] ends = coalitionValues(model, target, x, bg, new boolean[][] {new boolean[d], all(d)});
            if (p == 1) {
                phi[players[0]] = ends[1] - ends[0];
            }
            return new Attribution(phi, se, ends[0], 2L * bg.size(), 2,
                    io.jxplain.internal.OrderedMaps.of("efficiency_gap", 0.0, "rank_deficient", 0.0, Attribution.BASE_VALUE, ends[0]));
        }
        int n = Math.max(samples, p + 2) + (Math.max(samples, p + 2) % 2); // whole complementary pairs
        boolean[][] z = new boolean[n + 2][];
        double[] sizeWeights = ShapleyCoalitions.sizeWeights(p);
        double total = 0;
        for (double w : sizeWeights) {
            total += w;
        }
        for (int i = 0; i < n; i += 2) {
            z[i] = ShapleyCoalitions.drawCoalition(p, sizeWeights, total, rng);
            z[i + 1] = new boolean[p];
            for (int j = 0; j < p; j++) {
                z[i + 1][j] = !z[i][j];
            }
        }
        z[n] = new boolean[p];          // the empty coalition: v(0) = E f(background)
        z[n + 1] = all(p);              // the full coalition: v(1) = f(x)
        boolean[][] full = new boolean[n + 2][];
        for (int i = 0; i < n + 2; i++) {
            full[i] = new boolean[d];
            for (int k = 0; k < p; k++) {
                full[i][players[k]] = z[i][k];
            }
        }
        double[] v = coalitionValues(model, target, x, bg, full);
        double v0 = v[n];
        double delta = v[n + 1] - v0;
        DMatrixRMaj design = new DMatrixRMaj(n, p);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                design.data[i * p + j] = z[i][j] ? 1 : 0;
            }
            y[i] = v[i] - v0;
        }
        double[] ones = new double[p];
        java.util.Arrays.fill(ones, 1.0);
        // Σφ = Δ; too few coalitions for the players (images): the minimum-norm efficient fit, without standard errors
        Surrogate fit = Surrogate.fit(LeastSquares.of(design, y).subjectTo(ones, delta), players, d,
                Surrogate.Singular.MINIMUM_NORM);
        double sum = 0;
        for (int k = 0; k < p; k++) {
            phi[players[k]] = fit.coefficients()[players[k]];
            se[players[k]] = fit.standardErrors()[players[k]];
            sum += phi[players[k]];
        }
        // null players keep φ = 0 with standard error 0: their value is known exactly, not estimated
        return new Attribution(phi, se, v0, (long) (n + 2) * bg.size(), n,
                io.jxplain.internal.OrderedMaps.of("efficiency_gap", sum - delta, "rank_deficient", fit.rankDeficient() ? 1.0 : 0.0,
                        Attribution.BASE_VALUE, v0));
    }

    private static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    /** The features that differ from the background in at least one background row. */
    private static int[] nonNullPlayers(double[] x, Background background) {
        int d = x.length;
        DMatrixRMaj bg = background.rows();
        int[] players = new int[d];
        int p = 0;
        for (int j = 0; j < d; j++) {
            for (int b = 0; b < bg.numRows; b++) {
                if (bg.data[b * d + j] != x[j]) {
                    players[p++] = j;
                    break;
                }
            }
        }
        return java.util.Arrays.copyOf(players, p);
    }

    /** v(z) = (weighted) mean over background rows b of f(x where z, b elsewhere), one batched evaluation for all. */
    private double[] coalitionValues(Model model, Target target, double[] x, Background background, boolean[][] z) {
        int d = x.length;
        DMatrixRMaj bg = background.rows();
        int m = bg.numRows;
        DMatrixRMaj rows = new DMatrixRMaj(z.length * m, d);
        for (int i = 0; i < z.length; i++) {
            for (int b = 0; b < m; b++) {
                int row = (i * m + b) * d;
                for (int j = 0; j < d; j++) {
                    rows.data[row + j] = z[i][j] ? x[j] : bg.data[b * d + j];
                }
            }
        }
        double[] f = BatchedEvaluation.values(model, target, rows, maxRowsPerCall);
        double[] v = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            v[i] = background.mean(f, i * m, 1);
        }
        return v;
    }

    @Override
    long rowsHeldPerInstance(int d) {
        return Math.max(modelRowsPerInstance(d), samples);
    }
}
