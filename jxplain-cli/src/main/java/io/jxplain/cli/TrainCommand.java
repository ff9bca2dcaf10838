package io.jxplain.cli;

import io.jxplain.Version;
import io.jxplain.data.CsvDatasetReader;
import io.jxplain.data.Dataset;
import io.jxplain.data.Standardization;
import io.jxplain.data.StandardizedSplit;
import io.jxplain.data.TrainTestSplit;
import io.jxplain.model.Accuracy;
import io.jxplain.model.nn.Activation;
import io.jxplain.model.nn.Loss;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkBuilder;
import io.jxplain.model.ImageShape;
import io.jxplain.model.OutputKind;
import io.jxplain.model.nn.NetworkFile;
import io.jxplain.model.nn.NetworkJson;
import io.jxplain.model.nn.NetworkTrainer;
import io.jxplain.model.nn.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a built-in feed-forward network on a CSV file and save it as JSON.",
                "Defaults are the unification paper's model: 2 hidden layers of 10 ELU units, Adam, cross-entropy,"
                        + " an 80/20 split, features standardised with training-split statistics (saved in the model)."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV file with a header row (.csv or .csv.gz).")
    Path data;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "Name of the target column.")
    String target;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the model (.json).")
    Path out;

    @Option(names = "--hidden", split = ",", defaultValue = "10,10", paramLabel = "N,N",
            description = "Hidden layer sizes; empty for none. Default: ${DEFAULT-VALUE}.")
    List<Integer> hidden;

    @Option(names = "--activation", defaultValue = "elu", paramLabel = "NAME",
            description = "Hidden activation: elu, relu, tanh, sigmoid, identity. Default: ${DEFAULT-VALUE}.")
    String activation;

    @Option(names = "--loss", defaultValue = "cross-entropy", paramLabel = "NAME",
            description = "cross-entropy (classification) or mse (regression). Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--epochs", defaultValue = "15", paramLabel = "E", description = "Training epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "B", description = "Mini-batch size. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.01", paramLabel = "LR", description = "Adam's step size. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F", description = "Held-out share. Default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "K", description = "Seed of the split and the training. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--image", paramLabel = "CxHxW",
            description = "Train a CNN on images of this shape, e.g. 1x28x28: the feature columns, in order, are the"
                    + " pixels channel by channel, row by row; pixels are used as given (not standardised).")
    String image;

    @Option(names = "--conv", split = ",", defaultValue = "8:3", paramLabel = "F:K",
            description = "With --image, one stage per entry: a KxK convolution with F filters (ReLU, same padding),"
                    + " then 2x2 max pooling. The --hidden dense layers follow. Default: ${DEFAULT-VALUE}.")
    List<String> conv;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Loss lossKind = switch (loss.toLowerCase(Locale.ROOT)) {
            case "cross-entropy", "ce" -> Loss.CROSS_ENTROPY;
            case "mse" -> Loss.MSE;
            default -> throw new IllegalArgumentException("--loss must be cross-entropy or mse, got '" + loss + "'");
        };
        TrainingConfig config = new TrainingConfig(hidden, Activation.parse(activation), lossKind, epochs, batchSize,
                learningRate, 0.0, seed);
        Dataset all = CsvDatasetReader.read(data, target, w -> err.println("jxplain: warning: " + w));
        TrainTestSplit split;
        Standardization standardization = null;
        if (image == null) {
            StandardizedSplit prepared = StandardizedSplit.of(all, 1 - testFraction, seed);
            split = prepared.split();
            standardization = prepared.standardization();
        } else {
            split = TrainTestSplit.of(all, 1 - testFraction, seed);
        }
        int classes = lossKind == Loss.CROSS_ENTROPY ? split.train().classCount() : 0;
        if (lossKind == Loss.CROSS_ENTROPY && classes < 2) {
            throw new IllegalArgumentException("target '" + target + "' has a single class in the training split");
        }
        Network net = image == null
                ? NetworkTrainer.train(split.train().features(), split.train().targets(), classes, config)
                : NetworkTrainer.train(cnn(ImageShape.parse(image), all.dimension(), lossKind == Loss.CROSS_ENTROPY ? classes : 1,
                        lossKind), split.train().features(), split.train().targets(), config, (e, l) -> { });
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("data", data.toString());
        if (image != null) {
            provenance.put("image", image);
            provenance.put("conv", conv);
        }
        provenance.put("hidden", hidden);
        provenance.put("activation", activation);
        provenance.put("loss", loss);
        provenance.put("epochs", epochs);
        provenance.put("batch_size", batchSize);
        provenance.put("learning_rate", learningRate);
        provenance.put("test_fraction", testFraction);
        provenance.put("seed", seed);
        provenance.put("jxplain_version", Version.get());
        if (lossKind == Loss.CROSS_ENTROPY) {
            double trainAcc = Accuracy.of(net, split.train().features(), split.train().labels());
            double testAcc = Accuracy.of(net, split.test().features(), split.test().labels());
            provenance.put("train_accuracy", trainAcc);
            provenance.put("test_accuracy", testAcc);
            stdout.printf(Locale.ROOT, "trained %s on %d rows: train accuracy %.4f, test accuracy %.4f (%d rows)%n",
                    net.describe(), split.train().rows(), trainAcc, testAcc, split.test().rows());
        } else {
            double mse = meanSquaredError(net, split.test());
            provenance.put("test_mse", mse);
            stdout.printf(Locale.ROOT, "trained %s on %d rows: test MSE %.6g (%d rows)%n", net.describe(),
                    split.train().rows(), mse, split.test().rows());
        }
        NetworkJson.write(new NetworkFile(net, all.featureNames(), target,
                standardization == null ? null : standardization.mean(),
                standardization == null ? null : standardization.scale(), provenance), out);
        stdout.println("wrote " + out);
        return 0;
    }

    /** The --image architecture: --conv stages, --hidden dense layers, then the outputs. */
    private Network cnn(ImageShape shape, int columns, int outputs, Loss lossKind) {
        if (shape.size() != columns) {
            throw new IllegalArgumentException("--image " + shape + " has " + shape.size() + " pixels but " + data + " has "
                    + columns + " feature columns");
        }
        NetworkBuilder builder = NetworkBuilder.image(shape);
        for (String stage : conv) {
            String[] parts = stage.trim().split(":");
            int filters;
            int kernel;
            try {
                filters = Integer.parseInt(parts[0].trim());
                kernel = Integer.parseInt(parts.length > 1 ? parts[1].trim() : "3");
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--conv entries are FILTERS:KERNEL, e.g. 8:3, got '" + stage + "'");
            }
            builder.conv(filters, kernel, 1, kernel / 2, Activation.RELU).maxPool(2);
        }
        for (int units : hidden) {
            builder.dense(units, Activation.parse(activation));
        }
        return builder.dense(outputs, Activation.IDENTITY)
                .build(lossKind == Loss.CROSS_ENTROPY ? OutputKind.LOGITS : OutputKind.REGRESSION, seed);
    }

    private static double meanSquaredError(Network net, Dataset test) {
        double[] y = test.targets();
        double[] p = net.predict(test.features()).data;
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (p[i] - y[i]) * (p[i] - y[i]) / y.length;
        }
        return s;
    }
}
