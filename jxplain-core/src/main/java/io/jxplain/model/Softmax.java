package io.jxplain.model;

/** The one definition of a softmax's exponentials, shared by probability targets and probability-output networks. */
public final class Softmax {
    private Softmax() {
    }

    /**
     * e^{z_j − max z} of the k logits at z[from …] into out[at …], returning their sum (p_j = out[at + j] / sum).
     * The largest logit's exponential is written as 1 without calling Math.exp (Math.exp(±0) is exactly 1).
     */
    public static double shiftedExponentials(double[] z, int from, int k, double[] out, int at) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, z[from + j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            double shifted = z[from + j] - max;
            double e = shifted == 0 ? 1.0 : Math.exp(shifted);
            out[at + j] = e;
            sum += e;
        }
        return sum;
    }
}
