package io.jxplain.explain;

import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.sample.Draws;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;

import java.util.random.RandomGenerator;

/**
 * C-LIME: the coefficients of the unweighted, unregularised least-squares fit f(a) ≈ b + βᵀa over n samples
 * a ~ N(x, Σ) (Agarwal et al. 2021 §2.3). Solved by QR on the design centred at x (the same β, better
 * conditioned); the intercept b is reported in the original coordinates but is not an attribution.
 * Needs n &gt; d + 1 samples. Standard errors: heteroscedasticity-robust (HC3) from {@link LeastSquares}.
 */
public final class ContinuousLime extends SamplingExplainer {
    private final boolean minimumNormFallback;

    private ContinuousLime(Sampling sampling, boolean minimumNormFallback) {
        super(sampling);
        this.minimumNormFallback = minimumNormFallback;
    }

    @Override
    public Map<String, Object> parameters() {
        if (!minimumNormFallback) {
            return super.parameters();
        }
        Map<String, Object> p = new LinkedHashMap<>(super.parameters());
        p.put("underdetermined", "minimum-norm");
        return p;
    }

    /** A builder with the sampling defaults (samples, σ², batch sizes); refuses n ≤ d + 1 samples. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ContinuousLime}. */
    public static final class Builder extends Sampling.Builder<ContinuousLime, Builder> {
        private boolean minimumNormFallback;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * With n ≤ d + 1 samples, return the minimum-norm fit (as Captum does) instead of refusing; such explanations
         * have NaN standard errors. Used to plot the small-n end of the paper's figures. Off by default.
         */
        public Builder minimumNormFallback(boolean on) {
            this.minimumNormFallback = on;
            return this;
        }

        @Override
        public ContinuousLime build() {
            return new ContinuousLime(sampling(), minimumNormFallback);
        }
    }

    @Override
    public String name() {
        return "clime";
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        return fitted(model, target, DMatrixRMaj.wrap(1, x.length, x), 0, 1, i -> rng)[0];
    }

    /** Samples that fit one model call batch instances ({@link #attributeRows}). */
    @Override
    int modelRowsPerInstance(int d) {
        return sampling.samples() <= sampling.maxRowsPerCall() ? sampling.samples() : 0;
    }

    @Override
    Attribution[] attributeRows(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                java.util.function.IntToLongFunction seedOf) {
        return fitted(model, target, rows, from, to, i -> RandomStreams.stream(seedOf.applyAsLong(i)));
    }

    /**
     * C-LIME's one path: row i's n neighbours drawn from its stream, every row's neighbours evaluated together (at
     * most maxRowsPerCall rows per model call), and one surrogate fitted per row.
     */
    private Attribution[] fitted(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                 java.util.function.IntFunction<RandomGenerator> streamOf) {
        int d = rows.numCols;
        int n = sampling.samples();
        requireEnoughSamples(d);
        Draws[] draws = new Draws[to - from];
        double[][] xs = new double[to - from][];
        DMatrixRMaj points = new DMatrixRMaj((to - from) * n, d);
        for (int i = from; i < to; i++) {
            xs[i - from] = java.util.Arrays.copyOfRange(rows.data, i * d, (i + 1) * d);
            draws[i - from] = sampling.perturbation(d).draw(xs[i - from], n, streamOf.apply(i));
            System.arraycopy(draws[i - from].neighbours().data, 0, points.data, (i - from) * n * d, n * d);
        }
        double[] f = BatchedEvaluation.values(model, target, points, sampling.maxRowsPerCall());
        Attribution[] out = new Attribution[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = fit(xs[i - from], draws[i - from], f, (i - from) * n);
        }
        return out;
    }

    private void requireEnoughSamples(int d) {
        if (sampling.samples() <= d + 1 && !minimumNormFallback) {
            throw new IllegalArgumentException("clime with " + d + " features needs more than " + (d + 1)
                    + " samples, got " + sampling.samples());
        }
    }

    /** The least-squares fit to f[first … first + n) at the draws around x. */
    private Attribution fit(double[] x, Draws draws, double[] f, int first) {
        int d = x.length;
        int n = sampling.samples();
        double[] y = first == 0 && f.length == n ? f : java.util.Arrays.copyOfRange(f, first, first + n);
        // n ≤ d + 1 is singular: refused (requireEnoughSamples) unless the minimum-norm fallback was asked for
        Surrogate fit = Surrogate.fit(LeastSquares.of(draws.regressors(), y).weights(draws.weights()).withIntercept(),
                null, d, minimumNormFallback ? Surrogate.Singular.MINIMUM_NORM : Surrogate.Singular.REFUSE);
        double intercept = fit.intercept();
        for (int j = 0; j < d; j++) {
            intercept -= fit.coefficients()[j] * x[j];
        }
        return new Attribution(fit.coefficients(), fit.standardErrors(), intercept, n, n);
    }
}
