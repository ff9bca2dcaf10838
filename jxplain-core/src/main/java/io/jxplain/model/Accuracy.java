package io.jxplain.model;

import org.ejml.data.DMatrixRMaj;

/** Share of rows whose largest output is the true class. */
public final class Accuracy {
    private Accuracy() {
    }

    /**
     * The share of rows whose largest output is their label; refuses a regression model or a label count that is not
     * the row count.
     */
    public static double of(Model model, DMatrixRMaj features, int[] labels) {
        if (labels.length != features.numRows || labels.length == 0) {
            throw new IllegalArgumentException(labels.length + " labels for " + features.numRows + " rows");
        }
        if (model.outputKind() == OutputKind.REGRESSION) {
            throw new IllegalArgumentException("accuracy needs a classifier; " + model.describe() + " is a regression model");
        }
        DMatrixRMaj out = model.predict(features);
        int k = out.numCols;
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (out.data[i * k + j] > out.data[i * k + best]) {
                    best = j;
                }
            }
            if (best == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }
}
