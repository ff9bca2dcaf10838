package io.jxplain.experiments.data;

import io.jxplain.data.ImageDataset;
import io.jxplain.data.Dataset;
import io.jxplain.data.IdxReader;
import io.jxplain.data.CsvDatasetReader;
import io.jxplain.data.DataFormatException;
import io.jxplain.data.TableConverter;
import io.jxplain.data.TableReadOptions;
import io.jxplain.model.ImageShape;
import org.ejml.data.DMatrixRMaj;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The two image sets of ../shared/data: MNIST's 10 000 test images (28×28, pixels ÷ 255), which Yeh et al. 2019 and
 * Alvarez-Melis &amp; Jaakkola 2018 use, and UCI's 8×8 optical digits (1797 rows, pixels 0..16 ÷ 16), a small stand-in.
 */
public final class ImageData {
    public static final String MNIST_IMAGES = "mnist/t10k-images-idx3-ubyte.gz";
    public static final String MNIST_LABELS = "mnist/t10k-labels-idx1-ubyte.gz";
    public static final String DIGITS_FILE = "digits/digits.csv.gz";

    private ImageData() {
    }

    /** MNIST from a data folder (containing mnist/); maxRows ≤ 0 reads all 10 000. */
    public static ImageDataset mnist(Path dataDir, int maxRows) {
        return IdxReader.read(dataDir.resolve(MNIST_IMAGES), dataDir.resolve(MNIST_LABELS), maxRows);
    }

    /** The 8×8 digits: a headerless CSV of 64 pixels (0..16) and the label. */
    public static ImageDataset digits(Path file, Consumer<String> warnings) {
        List<String> header = new ArrayList<>();
        for (int j = 0; j < 64; j++) {
            header.add("px_" + j / 8 + "_" + j % 8);
        }
        header.add("label");
        Dataset raw = TableConverter.toDataset(CsvDatasetReader.table(file, header), TableReadOptions.target("label"),
                warnings);
        if (raw.dimension() != 64) {
            throw new DataFormatException(file + ": expected 64 pixel columns, found " + raw.dimension());
        }
        DMatrixRMaj x = raw.features();
        for (int t = 0; t < x.data.length; t++) {
            x.data[t] /= 16.0;
        }
        return new ImageDataset(new Dataset(x, raw.targets(), raw.featureNames(), "label"), new ImageShape(1, 8, 8));
    }
}
