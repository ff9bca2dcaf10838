package io.jxplain.model;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How well a two-class model does on labelled rows: accuracy, balanced accuracy (the mean of the two classes'
 * recalls, so that always predicting the majority class scores 0.5) and ROC AUC (the chance that a random positive
 * row scores above a random negative one, ties counting half).
 *
 * @param accuracy         share of rows whose larger output is the true class
 * @param balancedAccuracy mean of the recalls of class 0 and class 1
 * @param auc              area under the ROC curve of the score output 1 − output 0
 */
public record BinaryScores(double accuracy, double balancedAccuracy, double auc) {

    /** Scores {@code model} on rows labelled 0 or 1; both labels must occur. */
    public static BinaryScores of(Model model, DMatrixRMaj features, int[] labels) {
        if (labels.length != features.numRows || labels.length == 0) {
            throw new IllegalArgumentException(labels.length + " labels for " + features.numRows + " rows");
        }
        if (model.outputSize() != 2 || model.outputKind() == OutputKind.REGRESSION) {
            throw new IllegalArgumentException("binary scores need a two-class classifier; " + model.describe()
                    + " has " + model.outputSize() + " output(s) of kind " + model.outputKind());
        }
        int[] counts = new int[2];
        int[] correct = new int[2];
        DMatrixRMaj out = model.predict(features);
        double[] score = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("label of row " + i + " is " + labels[i] + "; expected 0 or 1");
            }
            // softmax and sigmoid are monotone in the difference, so it ranks rows as the probability would
            score[i] = out.get(i, 1) - out.get(i, 0);
            counts[labels[i]]++;
            if ((score[i] > 0 ? 1 : 0) == labels[i]) {
                correct[labels[i]]++;
            }
        }
        if (counts[0] == 0 || counts[1] == 0) {
            throw new IllegalArgumentException("binary scores need rows of both classes; all " + labels.length
                    + " rows are class " + (counts[0] == 0 ? 1 : 0));
        }
        double accuracy = (double) (correct[0] + correct[1]) / labels.length;
        double balanced = 0.5 * ((double) correct[0] / counts[0] + (double) correct[1] / counts[1]);
        return new BinaryScores(accuracy, balanced, auc(score, labels, counts[1]));
    }

    /**
     * The Mann–Whitney form of the AUC: (rank sum of the positives − n₁(n₁+1)/2) / (n₁n₀), with mid-ranks for ties.
     * Written here rather than adding hipparchus-stat to the core for one rank sum: its Mann–Whitney test returns the
     * larger of the two U statistics, which loses which class ranks higher.
     */
    static double auc(double[] score, int[] labels, int positives) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
        double rankSum = 0;
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && score[order[end + 1]] == score[order[start]]) {
                end++;
            }
            double midRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                rankSum += labels[order[k]] * midRank;
            }
            start = end + 1;
        }
        long negatives = score.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
