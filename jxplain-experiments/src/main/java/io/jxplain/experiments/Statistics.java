package io.jxplain.experiments;

import java.util.Arrays;

/** Summary statistics of per-point values: mean, its standard error, and the 10% and 90% quantiles. */
public record Statistics(double mean, double standardError, double p10, double p90, int count) {

    public static Statistics of(double[] values) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double mean = 0;
        for (double v : values) {
            mean += v / n;
        }
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        double se = n > 1 ? Math.sqrt(var / (n - 1) / n) : Double.NaN;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Statistics(mean, se, quantile(sorted, 0.1), quantile(sorted, 0.9), n);
    }

    /**
     * Values {@code v[r][i]} of points i under R independent draws r of something every point shares (a randomised
     * network): the grand mean, with a standard error that counts both sources, SE² = Var_r(mean over i)/R +
     * Var_i(mean over r)/n (the usual two-way approximation, conservative when they interact); quantiles of all.
     */
    public static Statistics ofCrossed(double[][] v) {
        int draws = v.length;
        int n = v[0].length;
        double[] byDraw = new double[draws];
        double[] byPoint = new double[n];
        double[] all = new double[draws * n];
        for (int r = 0; r < draws; r++) {
            for (int i = 0; i < n; i++) {
                byDraw[r] += v[r][i] / n;
                byPoint[i] += v[r][i] / draws;
                all[r * n + i] = v[r][i];
            }
        }
        Statistics overDraws = of(byDraw);
        Statistics overPoints = of(byPoint);
        double se = Math.sqrt((draws > 1 ? overDraws.standardError() * overDraws.standardError() : 0)
                + overPoints.standardError() * overPoints.standardError());
        double[] sorted = all.clone();
        Arrays.sort(sorted);
        return new Statistics(overPoints.mean(), se, quantile(sorted, 0.1), quantile(sorted, 0.9), all.length);
    }

    /** The median of the finite values (NaN when there is none). */
    public static double median(double[] values) {
        double[] sorted = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : quantile(sorted, 0.5);
    }

    /** Linear interpolation between order statistics (type 7, the default of R and numpy). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Least-squares slope of log(y) on log(x): −0.5 for a Monte-Carlo error. */
    public static double logLogSlope(double[] x, double[] y) {
        int n = x.length;
        if (n < 2 || y.length != n) {
            throw new IllegalArgumentException("a slope needs at least two points");
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(x[i]) / n;
            my += Math.log(y[i]) / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (Math.log(x[i]) - mx) * (Math.log(y[i]) - my);
            sxx += (Math.log(x[i]) - mx) * (Math.log(x[i]) - mx);
        }
        return sxy / sxx;
    }
}
