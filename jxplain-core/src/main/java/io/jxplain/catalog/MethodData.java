package io.jxplain.catalog;

import io.jxplain.data.Background;
import org.ejml.data.DMatrixRMaj;

/**
 * What a method may take from data besides its settings, in the model's input space: the explained rows' column
 * means (baseline=mean), training rows (LIME's sampling statistics and quartiles, as the lime package takes them)
 * and background rows (the distribution KernelSHAP, exact Shapley values and occlusion replace features with, as
 * shap's KernelExplainer takes it), and the features that hold category codes (LIME draws them by their training
 * frequencies), and the training rows' class labels (LIME's entropy bins). Each is null (or empty) when not given.
 */
public record MethodData(double[] columnMeans, DMatrixRMaj training, Background background, int[] categorical,
                         int[] trainingLabels) {
    /** No data: every method on its own defaults. */
    public static final MethodData NONE = new MethodData(null, null, null, new int[0], null);

    /** Copies the arrays (column means, categorical features, training labels) that the caller might change. */
    public MethodData {
        columnMeans = columnMeans == null ? null : columnMeans.clone();
        categorical = categorical == null ? new int[0] : categorical.clone();
        trainingLabels = trainingLabels == null ? null : trainingLabels.clone();
    }

    /** Only the column means (null: none). */
    public static MethodData means(double[] columnMeans) {
        return new MethodData(columnMeans, null, null, null, null);
    }

    /** The same data with training rows (for LIME's sampling statistics and bins), without labels. */
    public MethodData withTraining(DMatrixRMaj rows) {
        return new MethodData(columnMeans, rows, background, categorical, null);
    }

    /** Training rows with their class labels (null: none). */
    public MethodData withTraining(DMatrixRMaj rows, int[] labels) {
        return new MethodData(columnMeans, rows, background, categorical, labels);
    }

    /**
     * The same data with a background (what replaces an absent feature for KernelSHAP, exact Shapley values and
     * occlusion).
     */
    public MethodData withBackground(Background b) {
        return new MethodData(columnMeans, training, b, categorical, trainingLabels);
    }

    /** Features (by index) that hold category codes. */
    public MethodData withCategorical(int[] features) {
        return new MethodData(columnMeans, training, background, features, trainingLabels);
    }

    /** These features (by index) hold category codes too, beside those already marked. */
    public MethodData alsoCategorical(int[] features) {
        return withCategorical(java.util.stream.IntStream.concat(java.util.Arrays.stream(categorical),
                java.util.Arrays.stream(features)).distinct().sorted().toArray());
    }
}
