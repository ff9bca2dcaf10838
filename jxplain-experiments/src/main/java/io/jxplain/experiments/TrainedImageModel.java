package io.jxplain.experiments;

import io.jxplain.data.ImageDataset;
import io.jxplain.data.TrainTestSplit;
import io.jxplain.model.Accuracy;
import io.jxplain.model.nn.ImageNetworks;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkTrainer;

import java.nio.file.Path;

/** The image experiments' model: the image set's ready-made CNN trained on its first split, with its test accuracy. */
public record TrainedImageModel(TrainTestSplit split, Network network, double testAccuracy) {

    /** Loads the images, splits off {@code trainImages} for training (seeded), trains for {@code epochs}. */
    public static TrainedImageModel train(ImageSet images, Path dataDir, int trainImages, int epochs, long seed,
                                          Progress progress) {
        ImageDataset data = images.load(dataDir);
        int rows = data.data().rows();
        if (trainImages >= rows) {
            throw new IllegalArgumentException(images + " has " + rows + " images; training on " + trainImages
                    + " leaves none to explain");
        }
        TrainTestSplit split = TrainTestSplit.of(data.data(), trainImages / (double) rows, seed);
        progress.begin("training the " + images + " CNN", epochs);
        Network net = NetworkTrainer.train(images.architecture(seed), split.train().features(), split.train().targets(),
                ImageNetworks.training(epochs, seed), (e, loss) -> progress.advance(1));
        progress.end();
        return new TrainedImageModel(split, net, Accuracy.of(net, split.test().features(), split.test().labels()));
    }
}
