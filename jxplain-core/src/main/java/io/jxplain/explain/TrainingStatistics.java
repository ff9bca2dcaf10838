package io.jxplain.explain;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * What tabular LIME samples from, computed once from the training rows: each feature's mean and standard deviation,
 * and its bins (cut points, and each bin's bounds, count, mean and standard deviation), as the lime package's
 * QuartileDiscretizer, DecileDiscretizer and EntropyDiscretizer make them. They were recomputed for every
 * explanation (sorting every column: half of LIME's time at 100 samples).
 */
final class TrainingStatistics {
    /** How the bins are cut. */
    final Lime.Discretizer discretizer;
    /** The training rows' class labels (the entropy discretizer's), or null. */
    final int[] labels;
    /** The training rows themselves (another discretizer recomputes from them). */
    final DMatrixRMaj data;
    /** Features holding category codes: one bin per category seen in training, the code itself its only value. */
    final boolean[] categorical;

    final int rows;
    final int features;
    final double[] mean;
    final double[] sd;      // 1 for a constant column
    final double[][] cuts;  // per feature: ascending cut points (quartiles: at 0.25, 0.5, 0.75)
    final double[][] lo;    // per feature and bin: the bin is (lo, hi]
    final double[][] hi;
    final double[][] count;
    final double[][] binMean;
    final double[][] binSd;

    /** Quartile bins, the lime package's default. */
    TrainingStatistics(DMatrixRMaj training) {
        this(training, Lime.Discretizer.QUARTILE, null, new boolean[training.numCols]);
    }

    /**
     * Bins cut by {@code discretizer} (the entropy discretizer needs {@code labels}, one class per training row),
     * except that each feature marked {@code categorical} gets a bin per distinct training value, drawn by its
     * training frequency and kept exactly, as the lime package treats categorical features.
     */
    TrainingStatistics(DMatrixRMaj training, Lime.Discretizer discretizer, int[] labels, boolean[] categorical) {
        if (discretizer == Lime.Discretizer.ENTROPY && labels == null) {
            throw new IllegalArgumentException("entropy bins are cut where the training rows' classes change: give"
                    + " their labels (Lime.builder().training(rows, labels); from the CLI, a label column in"
                    + " --training-data)");
        }
        if (labels != null && labels.length != training.numRows) {
            throw new IllegalArgumentException(labels.length + " labels for " + training.numRows + " training rows");
        }
        this.discretizer = discretizer;
        this.labels = labels == null ? null : labels.clone();
        this.data = training.copy();
        this.categorical = categorical.clone();
        rows = training.numRows;
        features = training.numCols;
        int n = rows;
        int d = features;
        mean = new double[d];
        sd = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += training.data[i * d + j] / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double t = training.data[i * d + j] - mean[j];
                sd[j] += t * t / n;
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = sd[j] > 0 ? Math.sqrt(sd[j]) : 1.0;
        }
        cuts = new double[d][];
        lo = new double[d][];
        hi = new double[d][];
        count = new double[d][];
        binMean = new double[d][];
        binSd = new double[d][];
        for (int j = 0; j < d; j++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = training.data[i * d + j];
            }
            double[] sorted = col.clone();
            Arrays.sort(sorted);
            if (categorical[j]) { // the categories seen, ascending: a value is its own bin
                double[] seen = Arrays.stream(sorted).distinct().toArray();
                cuts[j] = new double[0];
                lo[j] = seen;
                hi[j] = seen;
                count[j] = new double[seen.length];
                binMean[j] = new double[seen.length];
                binSd[j] = new double[seen.length];
            } else {
                cuts[j] = discretizer == Lime.Discretizer.ENTROPY ? EntropyCuts.of(col, labels)
                        : quantiles(sorted, discretizer.bins);
                int bins = cuts[j].length + 1;
                lo[j] = new double[bins];
                hi[j] = new double[bins];
                // the outer bins end at the training data's extremes, as the lime package's undiscretisation does
                for (int b = 0; b < bins; b++) {
                    lo[j][b] = b == 0 ? sorted[0] : cuts[j][b - 1];
                    hi[j][b] = b == bins - 1 ? sorted[n - 1] : cuts[j][b];
                }
                count[j] = new double[bins];
                binMean[j] = new double[bins];
                binSd[j] = new double[bins];
            }
            for (double v : col) {
                int b = bin(j, v);
                count[j][b]++;
                binMean[j][b] += v;
                binSd[j][b] += v * v;
            }
            for (int b = 0; b < count[j].length; b++) {
                if (count[j][b] > 0) {
                    binMean[j][b] /= count[j][b];
                    binSd[j][b] = Math.sqrt(Math.max(binSd[j][b] / count[j][b] - binMean[j][b] * binMean[j][b], 0));
                }
            }
            if (categorical[j]) {
                java.util.Arrays.fill(binSd[j], 0.0); // a category is one value: drawn exactly, never spread
            }
        }
    }

    /**
     * The bin of value v of feature j: 0 … bins − 1 (a value on a cut belongs to the bin below it); for a categorical
     * feature its category's index, or −1 for a category training never saw.
     */
    int bin(int j, double v) {
        if (categorical[j]) {
            int at = Arrays.binarySearch(lo[j], v);
            return at >= 0 ? at : -1;
        }
        int b = 0;
        while (b < cuts[j].length && v > cuts[j][b]) {
            b++;
        }
        return b;
    }

    /** A bin of feature j drawn with the training frequencies. */
    int drawBin(int j, java.util.random.RandomGenerator rng) {
        double u = rng.nextDouble() * rows;
        int b = 0;
        while (b < count[j].length - 1 && u >= count[j][b]) {
            u -= count[j][b];
            b++;
        }
        return b;
    }

    /** The j/bins quantiles, j = 1 … bins − 1 (numpy's linear rule, as lime's np.percentile). */
    private static double[] quantiles(double[] sorted, int bins) {
        double[] cuts = new double[bins - 1];
        for (int b = 0; b < bins - 1; b++) {
            cuts[b] = quantile(sorted, (b + 1) / (double) bins);
        }
        return cuts;
    }

    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
