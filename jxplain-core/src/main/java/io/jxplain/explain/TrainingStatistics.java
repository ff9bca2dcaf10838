package io.jxplain.explain;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * What tabular LIME samples from, computed once from the training rows: each feature's mean and standard deviation,
 * and its quartile bins (cut points, and each bin's bounds, count, mean and standard deviation), as the lime
 * package's QuartileDiscretizer. They were recomputed for every explanation (sorting every column: half of LIME's
 * time at 100 samples).
 */
final class TrainingStatistics {
    static final int BINS = 4;

    final int rows;
    final int features;
    final double[] mean;
    final double[] sd;      // 1 for a constant column
    final double[][] cuts;  // per feature: the quartiles at 0.25, 0.5, 0.75
    final double[][] lo;    // per feature and bin: the bin is (lo, hi]
    final double[][] hi;
    final double[][] count;
    final double[][] binMean;
    final double[][] binSd;

    TrainingStatistics(DMatrixRMaj training) {
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
        count = new double[d][BINS];
        binMean = new double[d][BINS];
        binSd = new double[d][BINS];
        for (int j = 0; j < d; j++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = training.data[i * d + j];
            }
            double[] sorted = col.clone();
            Arrays.sort(sorted);
            cuts[j] = new double[] {quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75)};
            // the outer bins end at the training data's extremes, as the lime package's undiscretisation does
            lo[j] = new double[] {sorted[0], cuts[j][0], cuts[j][1], cuts[j][2]};
            hi[j] = new double[] {cuts[j][0], cuts[j][1], cuts[j][2], sorted[n - 1]};
            for (double v : col) {
                int b = bin(j, v);
                count[j][b]++;
                binMean[j][b] += v;
                binSd[j][b] += v * v;
            }
            for (int b = 0; b < BINS; b++) {
                if (count[j][b] > 0) {
                    binMean[j][b] /= count[j][b];
                    binSd[j][b] = Math.sqrt(Math.max(binSd[j][b] / count[j][b] - binMean[j][b] * binMean[j][b], 0));
                }
            }
        }
    }

    /** The quartile bin of value v of feature j: 0 … 3. */
    int bin(int j, double v) {
        int b = 0;
        while (b < cuts[j].length && v > cuts[j][b]) {
            b++;
        }
        return b;
    }

    private static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
