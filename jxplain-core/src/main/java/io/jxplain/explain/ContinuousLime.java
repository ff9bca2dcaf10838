package io.jxplain.explain;

import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.sample.Draws;

import java.util.LinkedHashMap;
import java.util.Map;

import java.util.random.RandomGenerator;

/**
 * C-LIME: the coefficients of the unweighted, unregularised least-squares fit f(a) ≈ b + βᵀa over n samples
 * a ~ N(x, Σ) (Agarwal et al. 2021 §2.3). Solved by QR on the design centred at x (the same β, better
 * conditioned); the intercept b is reported in the original coordinates but is not an attribution.
 * Needs n &gt; d + 1 samples. Standard errors: heteroscedasticity-robust (HC3) from {@link LeastSquares}.
 */
public final class ContinuousLime extends GaussianSamplingExplainer {
    private final boolean minimumNormFallback;

    ContinuousLime(GaussianSampling sampling) {
        this(sampling, false);
    }

    private ContinuousLime(GaussianSampling sampling, boolean minimumNormFallback) {
        super(sampling);
        this.minimumNormFallback = minimumNormFallback;
    }

    /**
     * The same C-LIME, but with n ≤ d + 1 samples it returns the minimum-norm fit (as Captum does) instead of
     * refusing; such explanations have NaN standard errors. Used to plot the small-n end of the paper's figures.
     */
    public ContinuousLime withMinimumNormFallback() {
        return new ContinuousLime(sampling, true);
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

    public static GaussianSampling.Builder<ContinuousLime> builder() {
        return new GaussianSampling.Builder<>(ContinuousLime::new);
    }

    @Override
    public String name() {
        return "clime";
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        int d = x.length;
        int n = sampling.samples();
        if (n <= d + 1 && !minimumNormFallback) {
            throw new IllegalArgumentException("clime with " + d + " features needs more than " + (d + 1)
                    + " samples, got " + n);
        }
        Draws draws = perturbation(d).draw(x, n, rng);
        double[] f = BatchedEvaluation.values(model, target, draws.neighbours(), sampling.maxRowsPerCall());
        LeastSquares.Fit fit = n <= d + 1
                ? LeastSquares.minimumNormWithIntercept(draws.regressors(), f)
                : LeastSquares.withIntercept(draws.regressors(), f, draws.weights());
        double intercept = fit.intercept();
        for (int j = 0; j < d; j++) {
            intercept -= fit.coefficients()[j] * x[j];
        }
        return new Attribution(fit.coefficients(), fit.standardErrors(), intercept, n, n);
    }
}
