package io.jxplain.experiments;

import io.jxplain.data.DataFormatException;
import io.jxplain.experiments.data.ImageData;
import io.jxplain.data.ImageDataset;
import io.jxplain.model.ImageShape;
import io.jxplain.model.nn.ImageNetworks;
import io.jxplain.model.nn.Network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The images the image experiments run on: MNIST as in the papers, or UCI's 8×8 digits, where 64 pixels make every
 * explanation cheap and least-squares ones well determined (the quick checks' choice).
 */
public enum ImageSet {
    MNIST(new ImageShape(1, 28, 28), 8000, 3),
    DIGITS(new ImageShape(1, 8, 8), 1400, 20);

    private final ImageShape shape;
    private final int trainingImages;
    private final int trainingEpochs;

    ImageSet(ImageShape shape, int trainingImages, int trainingEpochs) {
        this.shape = shape;
        this.trainingImages = trainingImages;
        this.trainingEpochs = trainingEpochs;
    }

    /** Images the ready-made CNN trains on by default (MNIST 8 000 of 10 000; digits 1 400 of 1 797). */
    public int trainingImages() {
        return trainingImages;
    }

    /** Default training epochs (MNIST 3, digits 20). */
    public int trainingEpochs() {
        return trainingEpochs;
    }

    public ImageShape shape() {
        return shape;
    }

    public static ImageSet parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("image set must be mnist or digits, got '" + text + "'");
        }
    }

    public ImageDataset load(Path dataDir) {
        Path file = dataDir.resolve(this == MNIST ? ImageData.MNIST_IMAGES : ImageData.DIGITS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file + ": not found; point --data-dir at the folder that holds "
                    + (this == MNIST ? "mnist/" : "digits/") + " (e.g. ../shared/data)");
        }
        return this == MNIST ? ImageData.mnist(dataDir, 0) : ImageData.digits(file, w -> { });
    }

    public Network architecture(long seed) {
        return this == MNIST ? ImageNetworks.mnist(seed) : ImageNetworks.digits(seed);
    }
}
