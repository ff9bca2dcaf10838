package io.jxplain.data;

import io.jxplain.internal.Checks;
import org.ejml.data.DMatrixRMaj;

/**
 * x ↦ (x − mean) / scale per feature, fitted on the training split only (the paper normalises features to
 * N(0, 1), §6.1). A constant column gets scale 1, so it maps to 0 instead of dividing by zero.
 */
public record Standardization(double[] mean, double[] scale) {
    /** Refuses means and scales of different lengths or a scale that is not positive and finite; copies both. */
    public Standardization {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException(mean.length + " means for " + scale.length + " scales");
        }
        for (double s : scale) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("scales must be positive and finite, found " + s);
            }
        }
        mean = mean.clone();
        scale = scale.clone();
    }

    /** Mean and population standard deviation of each column. */
    public static Standardization fit(DMatrixRMaj x) {
        int n = x.numRows;
        int d = x.numCols;
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a standardisation on no rows");
        }
        Checks.requireRows("standardisation data", x, d);
        double[] mean = new double[d];
        double[] m2 = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x.data[i * d + j];
                double delta = v - mean[j];
                mean[j] += delta / (i + 1);
                m2[j] += delta * (v - mean[j]);
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(m2[j] / n);
            scale[j] = sd > 1e-12 * Math.max(1.0, Math.abs(mean[j])) ? sd : 1.0;
        }
        return new Standardization(mean, scale);
    }

    /** The standardised data set; a value that overflows (e.g. 1e308 with a small scale) is an error naming it. */
    public Dataset apply(Dataset data) {
        DMatrixRMaj raw = data.features();
        DMatrixRMaj out = apply(raw);
        int t = io.jxplain.kernel.FiniteScan.firstNonFinite(out.data, 0, out.data.length);
        if (t >= 0) {
            int d = out.numCols;
            int j = t % d;
            throw new IllegalArgumentException("row " + t / d + ", column '" + data.featureNames().get(j) + "' = "
                    + raw.data[t] + " is out of range: standardised with the training statistics (mean " + mean[j]
                    + ", scale " + scale[j] + ") it becomes " + out.data[t]);
        }
        return data.withFeatures(out);
    }

    /** A new matrix, each column minus its mean and over its scale. */
    public DMatrixRMaj apply(DMatrixRMaj x) {
        int d = mean.length;
        if (x.numCols != d) {
            throw new IllegalArgumentException("standardisation was fitted on " + d + " features, data has " + x.numCols);
        }
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, d);
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < d; j++) {
                out.data[i * d + j] = (x.data[i * d + j] - mean[j]) / scale[j];
            }
        }
        return out;
    }

    /** A copy of the column means. */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the column scales (standard deviations, 1 where a column is constant). */
    @Override
    public double[] scale() {
        return scale.clone();
    }
}
