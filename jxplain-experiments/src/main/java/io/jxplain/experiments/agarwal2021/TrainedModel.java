package io.jxplain.experiments.agarwal2021;

import io.jxplain.data.TrainTestSplit;
import io.jxplain.model.BinaryScores;
import io.jxplain.model.nn.Network;

/**
 * A network trained for the reproduction, with its data and how well it does.
 *
 * @param epochs the epochs it was trained for, or the one epoch it stopped in
 * @param steps  the mini-batch updates it was stopped after, or {@link io.jxplain.model.nn.TrainingConfig#ALL_STEPS}
 */
public record TrainedModel(UnificationDataset dataset, int epochs, int steps, Network network, TrainTestSplit split,
                           BinaryScores train, BinaryScores test, double majorityClassRate) {
    public double trainAccuracy() {
        return train.accuracy();
    }

    public double testAccuracy() {
        return test.accuracy();
    }

    /** "60 epochs", or "6 steps" for a network stopped part-way through its first epoch. */
    public String training() {
        return steps == io.jxplain.model.nn.TrainingConfig.ALL_STEPS ? epochs + " epochs" : steps + " steps";
    }
}
