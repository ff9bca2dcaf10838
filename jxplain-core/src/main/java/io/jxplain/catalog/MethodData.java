package io.jxplain.catalog;

import io.jxplain.data.Background;
import org.ejml.data.DMatrixRMaj;

/**
 * What a method may take from data besides its settings, in the model's input space: the explained rows' column
 * means (baseline=mean), training rows (LIME's sampling statistics and quartiles, as the lime package takes them)
 * and background rows (the distribution KernelSHAP, exact Shapley values and occlusion replace features with, as
 * shap's KernelExplainer takes it). Each is null when not given.
 */
public record MethodData(double[] columnMeans, DMatrixRMaj training, Background background) {
    /** No data: every method on its own defaults. */
    public static final MethodData NONE = new MethodData(null, null, null);

    public MethodData {
        columnMeans = columnMeans == null ? null : columnMeans.clone();
    }

    /** Only the column means (null: none). */
    public static MethodData means(double[] columnMeans) {
        return new MethodData(columnMeans, null, null);
    }

    public MethodData withTraining(DMatrixRMaj rows) {
        return new MethodData(columnMeans, rows, background);
    }

    public MethodData withBackground(Background b) {
        return new MethodData(columnMeans, training, b);
    }
}
