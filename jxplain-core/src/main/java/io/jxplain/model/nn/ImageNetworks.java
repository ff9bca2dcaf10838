package io.jxplain.model.nn;

import io.jxplain.model.ImageShape;
import io.jxplain.model.OutputKind;

import java.util.List;

/**
 * Ready-made small CNNs for the seed papers' image experiments, with the training settings used for them.
 * LeNet-like: two convolution + max-pool stages, then one dense layer to the class logits.
 */
public final class ImageNetworks {
    private ImageNetworks() {
    }

    /** For 1×28×28 MNIST: conv5×5→8 ReLU, max-pool 2, conv5×5→16 ReLU, max-pool 2 (16×4×4), dense → 10. */
    public static Network mnist(long seed) {
        return NetworkBuilder.image(new ImageShape(1, 28, 28))
                .conv(8, 5, Activation.RELU).maxPool(2)
                .conv(16, 5, Activation.RELU).maxPool(2)
                .dense(10, Activation.IDENTITY)
                .build(OutputKind.LOGITS, seed);
    }

    /** For 1×8×8 digits: conv3×3→8 ReLU (padding 1), max-pool 2 (8×4×4), dense 32 ReLU, dense → 10. */
    public static Network digits(long seed) {
        return NetworkBuilder.image(new ImageShape(1, 8, 8))
                .conv(8, 3, 1, 1, Activation.RELU).maxPool(2)
                .dense(32, Activation.RELU).dense(10, Activation.IDENTITY)
                .build(OutputKind.LOGITS, seed);
    }

    /** Adam with step 0.002, batch 32, cross-entropy; {@code epochs} passes. */
    public static TrainingConfig training(int epochs, long seed) {
        return TrainingConfig.paperDefaults().withHidden(List.of()).withLearningRate(0.002).withEpochs(epochs).withSeed(seed);
    }
}
