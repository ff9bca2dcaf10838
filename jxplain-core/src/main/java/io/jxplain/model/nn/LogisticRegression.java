package io.jxplain.model.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * Multinomial logistic regression: one dense layer of k logits, p = softmax(W·x + b), fitted by Adam on the
 * cross-entropy with an optional L2 penalty. It is a {@link Network} with no hidden layer, so it is
 * differentiable, saved and loaded like any built-in network.
 */
public final class LogisticRegression {
    private LogisticRegression() {
    }

    /** Defaults: 100 epochs, batch 32, Adam(0.01), no penalty. */
    public static TrainingConfig defaults(long seed) {
        return new TrainingConfig(List.of(), Activation.IDENTITY, Loss.CROSS_ENTROPY, 100, 32, 0.01, 0.0, seed);
    }

    /** Multinomial logistic regression trained by the network trainer (no hidden layer, cross-entropy). */
    public static Network fit(DMatrixRMaj features, int[] labels, int classes, TrainingConfig config) {
        if (!config.hidden().isEmpty() || config.loss() != Loss.CROSS_ENTROPY) {
            throw new IllegalArgumentException("logistic regression has no hidden layers and uses cross-entropy; got hidden="
                    + config.hidden() + ", loss=" + config.loss());
        }
        double[] y = new double[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i];
        }
        return NetworkTrainer.train(features, y, classes, config);
    }
}
