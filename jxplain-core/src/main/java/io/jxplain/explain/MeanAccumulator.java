package io.jxplain.explain;

import java.util.Arrays;

/**
 * Running per-feature mean and standard error of a stream of vectors: sums and sums of squares shifted by the first
 * vector, so the variance keeps its digits without a division per sample. SmoothGrad and Smoothed share it, which
 * is also why Smoothed(Gradient) equals SmoothGrad to the last bit.
 */
final class MeanAccumulator {
    private final int d;
    private double[] shift;
    private final double[] sum;
    private final double[] sumSq;
    private long count;

    MeanAccumulator(int d) {
        this.d = d;
        this.sum = new double[d];
        this.sumSq = new double[d];
    }

    /** Adds the vector at {@code values[offset .. offset + d)}. */
    void add(double[] values, int offset) {
        if (shift == null) {
            shift = Arrays.copyOfRange(values, offset, offset + d);
        }
        for (int j = 0; j < d; j++) {
            double v = values[offset + j] - shift[j];
            sum[j] += v;
            sumSq[j] += v * v;
        }
        count++;
    }

    double[] mean() {
        double[] m = new double[d];
        for (int j = 0; j < d; j++) {
            m[j] = shift[j] + sum[j] / count;
        }
        return m;
    }

    /** Sample variance (n − 1 denominator) per feature. */
    double[] variance() {
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            double m = sum[j] / count;
            v[j] = Math.max(0.0, (sumSq[j] - count * m * m) / (count - 1));
        }
        return v;
    }

    /** Standard error of the mean per feature. */
    double[] standardErrors() {
        double[] v = variance();
        for (int j = 0; j < d; j++) {
            v[j] = Math.sqrt(v[j] / count);
        }
        return v;
    }
}
