package io.jxplain.metric.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * Bayesian optimisation as Alvarez-Melis &amp; Jaakkola used it (skopt's gp_minimize): a few uniform points, then each
 * evaluation where a Gaussian-process surrogate's expected improvement is largest (Jones et al. 1998). The acquisition
 * is maximised over random candidates in the box plus Gaussian moves around the incumbent, rather than by L-BFGS.
 * Written by hand: no maintained JVM library offers GP-based optimisation of a black box.
 */
public final class BayesianOptimization implements Maximizer {
    private static final int CANDIDATES = 400;
    private static final int LOCAL_CANDIDATES = 100;
    private static final double XI = 0.01; // skopt's default exploration margin
    /** Forward-solve terms between two looks at a candidate's bound. */
    private static final int STEP = 32;

    @Override
    public Result maximize(ToDoubleFunction<double[]> f, double[] lower, double[] upper, int budget, RandomGenerator rng) {
        return maximize(f, lower, upper, budget, rng, () -> { });
    }

    @Override
    public Result maximize(ToDoubleFunction<double[]> f, double[] lower, double[] upper, int budget, RandomGenerator rng,
                           Runnable afterEachEvaluation) {
        Maximizer.validate(lower, upper, budget);
        int d = lower.length;
        int initial = Math.min(budget, Math.max(5, budget / 5));
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        double[] trace = new double[budget];
        int best = -1;
        double width = 0;
        for (int j = 0; j < d; j++) {
            width = Math.max(width, upper[j] - lower[j]);
        }
        GaussianProcess gp = new GaussianProcess(new double[] {0.05 * width, 0.1 * width, 0.25 * width, 0.5 * width, width});
        for (int t = 0; t < budget; t++) {
            double[] p = t < initial ? Maximizer.uniform(lower, upper, rng) : nextPoint(gp, xs, ys, best, lower, upper, rng);
            double v = f.applyAsDouble(p);
            xs.add(p);
            ys.add(v);
            if (t + 1 < budget) {
                gp.add(p); // the last point is never modelled: nothing is chosen after it
            }
            if (best < 0 || v > ys.get(best)) {
                best = xs.size() - 1;
            }
            trace[t] = ys.get(best);
            afterEachEvaluation.run();
        }
        return new Result(ys.get(best), xs.get(best).clone(), budget, trace);
    }

    /**
     * The candidate of largest expected improvement among uniform points in the box and Gaussian moves around the
     * incumbent; the GP conditioned on the points so far (its factors extended by one row per point: O(m²) a step).
     */
    private static double[] nextPoint(GaussianProcess gp, List<double[]> xs, List<Double> ys, int best, double[] lower,
                                      double[] upper, RandomGenerator rng) {
        int m = ys.size();
        double mean = 0;
        for (double y : ys) {
            mean += y / m;
        }
        double var = 0;
        for (double y : ys) {
            var += (y - mean) * (y - mean) / m;
        }
        double sd = var > 0 ? Math.sqrt(var) : 1.0;
        double[] z = new double[m];
        for (int i = 0; i < m; i++) {
            z[i] = (ys.get(i) - mean) / sd;
        }
        gp.condition(z);
        double incumbent = z[best];
        int d = lower.length;
        int count = CANDIDATES + LOCAL_CANDIDATES;
        double[][] candidates = new double[count][];
        double[][] covariances = new double[count][];
        for (int c = 0; c < count; c++) {
            double[] p;
            if (c < CANDIDATES) {
                p = Maximizer.uniform(lower, upper, rng);
            } else {
                p = xs.get(best).clone();
                for (int j = 0; j < d; j++) {
                    double step = 0.1 * (upper[j] - lower[j]) * rng.nextGaussian();
                    p[j] = Math.min(upper[j], Math.max(lower[j], p[j] + step));
                }
            }
            candidates[c] = p;
            covariances[c] = gp.covariances(p);
        }
        double[] sds = gp.sds(covariances);
        double[] bestCandidate = null;
        double bestEi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < count; c++) {
            double ei = expectedImprovement(new double[] {gp.mean(covariances[c]), sds[c]}, incumbent);
            if (ei > bestEi) {
                bestEi = ei;
                bestCandidate = candidates[c];
            }
        }
        return bestCandidate;
    }

    /** EI = (μ − y* − ξ)Φ(u) + σφ(u), u = (μ − y* − ξ)/σ (Jones, Schonlau &amp; Welch 1998). */
    static double expectedImprovement(double[] meanSd, double incumbent) {
        double gain = meanSd[0] - incumbent - XI;
        double s = meanSd[1];
        double u = gain / s;
        return gain * normalCdf(u) + s * Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
    }

    // Φ via erfc's relation; the Abramowitz–Stegun 7.1.26 rational approximation (|error| < 1.5e-7) ranks candidates well enough.
    static double normalCdf(double u) {
        double x = Math.abs(u) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x);
        return u >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    @Override
    public String name() {
        return "bayesian";
    }
}
