package io.jxplain.testing;

import io.jxplain.data.Dataset;
import io.jxplain.data.SimulatedData;
import io.jxplain.data.StandardizedSplit;
import io.jxplain.data.TrainTestSplit;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkTrainer;
import io.jxplain.model.nn.TrainingConfig;

/** The paper's MLP trained once on the simulated set, shared by the tests that need a realistic model. */
public final class TrainedModels {
    private static TrainTestSplit split;
    private static Network network;

    private TrainedModels() {
    }

    public static synchronized TrainTestSplit simulatedSplit() {
        if (split == null) {
            split = StandardizedSplit.of(SimulatedData.generate(SimulatedData.DEFAULT_ROWS, 7L), 0.8, 11L).split();
        }
        return split;
    }

    public static synchronized Network simulatedMlp() {
        if (network == null) {
            Dataset train = simulatedSplit().train();
            network = NetworkTrainer.train(train.features(), train.targets(), 2, TrainingConfig.paperDefaults());
        }
        return network;
    }
}
