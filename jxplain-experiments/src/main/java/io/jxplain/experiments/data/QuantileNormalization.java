package io.jxplain.experiments.data;

import io.jxplain.internal.Checks;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.Arrays;

/**
 * Maps each feature to N(0, 1) through its training rows' empirical distribution: z = Φ⁻¹(F̂(x)), with F̂ the
 * mid-rank share of training values below x, kept within [1/(2n), 1 − 1/(2n)]. This is "normalise to N(0, 1)"
 * (Agarwal et al. §6.1) for heavy-tailed features, where subtracting the mean and dividing by the standard deviation
 * leaves almost every row within a hair of 0 (the bankruptcy ratios). Written here because neither EJML nor
 * Hipparchus has an empirical quantile transform (Hipparchus's EmpiricalDistribution smooths by bins).
 */
public final class QuantileNormalization {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);
    private final double[][] sortedTrainingValues;

    private QuantileNormalization(double[][] sortedTrainingValues) {
        this.sortedTrainingValues = sortedTrainingValues;
    }

    /** Learns each column's distribution from {@code training}'s rows (finite values, at least one row). */
    public static QuantileNormalization fit(DMatrixRMaj training) {
        Checks.requireRows("training features", training, training.numCols);
        double[][] sorted = new double[training.numCols][training.numRows];
        for (int j = 0; j < training.numCols; j++) {
            for (int i = 0; i < training.numRows; i++) {
                sorted[j][i] = training.get(i, j);
            }
            Arrays.sort(sorted[j]);
        }
        return new QuantileNormalization(sorted);
    }

    /** A new matrix with every value of {@code features} replaced by its normal score. */
    public DMatrixRMaj apply(DMatrixRMaj features) {
        Checks.requireRows("features", features, sortedTrainingValues.length);
        DMatrixRMaj out = new DMatrixRMaj(features.numRows, features.numCols);
        for (int i = 0; i < features.numRows; i++) {
            for (int j = 0; j < features.numCols; j++) {
                out.set(i, j, normalScore(sortedTrainingValues[j], features.get(i, j)));
            }
        }
        return out;
    }

    private static double normalScore(double[] sorted, double x) {
        int n = sorted.length;
        double share = (firstIndex(sorted, x, false) + firstIndex(sorted, x, true)) / (2.0 * n);
        double bounded = Math.min(Math.max(share, 0.5 / n), 1 - 0.5 / n);
        return STANDARD_NORMAL.inverseCumulativeProbability(bounded);
    }

    /** The first index whose value is ≥ x (or > x when {@code strictlyAbove}). */
    private static int firstIndex(double[] sorted, double x, boolean strictlyAbove) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x || strictlyAbove && sorted[mid] == x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
