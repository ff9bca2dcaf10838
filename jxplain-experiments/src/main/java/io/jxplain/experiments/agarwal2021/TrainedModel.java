package io.jxplain.experiments.agarwal2021;

import io.jxplain.data.TrainTestSplit;
import io.jxplain.model.nn.Network;

/** A network trained for the reproduction, with its data and how well it does. */
public record TrainedModel(UnificationDataset dataset, int epochs, Network network, TrainTestSplit split,
                           double trainAccuracy, double testAccuracy, double majorityClassRate) {
}
