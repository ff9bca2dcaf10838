package io.jxplain.cli;

import io.jxplain.internal.HeapBudget;
import io.jxplain.Version;
import io.jxplain.io.StagedFile;
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

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV file with a header row (plain or gzip); - reads standard input.")
    Path data;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "Name of the target column.")
    String target;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the model (.json); replaced only once training has succeeded, never the --data file.")
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

    @Option(names = "--categorical", split = ",", paramLabel = "COL",
            description = "Columns that hold categories (text or codes): the network sees each one-hot encoded, one"
                    + " input per level (sorted); the model file keeps the levels, so explain reads the same column"
                    + " and explains it as one feature, named by its category.")
    List<String> categorical;

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
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("--test-fraction must lie strictly between 0 and 1, got " + testFraction);
        }
        requirePositive("--epochs", epochs);
        requirePositive("--batch-size", batchSize);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("--learning-rate must be a positive number, got " + learningRate);
        }
        for (int units : hidden) {
            requirePositive("--hidden", units);
        }
        activation();
        try (RunOutputs outputs = new RunOutputs(err)) {
            outputs.input("--data", data);
            StagedFile file = outputs.file("--out", out);
            NetworkFile trained = train(lossKind, stdout, err);
            NetworkJson.write(trained, file.stream());
            outputs.commit();
        }
        stdout.println("wrote " + out);
        return 0;
    }

    private NetworkFile train(Loss lossKind, PrintWriter stdout, PrintWriter err) {
        TrainingConfig config = new TrainingConfig(hidden, activation(), lossKind, epochs, batchSize, learningRate, 0.0,
                seed);
        Main.doing("reading " + data);
        Map<String, List<String>> learnt = new LinkedHashMap<>();
        if (categorical != null) {
            if (image != null) {
                throw new IllegalArgumentException("--categorical and --image do not go together: pixels are numbers");
            }
            categorical.forEach(c -> learnt.put(c.trim(), List.of()));
        }
        Dataset read = CsvDatasetReader.read(data, io.jxplain.data.TableReadOptions.target(target)
                .withCategories(learnt), w -> err.println("jxplain: warning: " + w));
        Map<String, List<String>> categories = new LinkedHashMap<>(); // in the features' order, as the file keeps them
        read.featureNames().stream().filter(read.categories()::containsKey)
                .forEach(f -> categories.put(f, read.categories().get(f)));
        Dataset all = categories.isEmpty() ? read : oneHot(read, categories);
        TrainTestSplit split;
        Standardization standardization = null;
        if (image == null) {
            StandardizedSplit prepared = StandardizedSplit.of(all, 1 - testFraction, seed);
            split = prepared.split();
            standardization = prepared.standardization();
        } else {
            split = TrainTestSplit.of(all, 1 - testFraction, seed);
        }
        int classes = lossKind == Loss.CROSS_ENTROPY ? classes(split.train()) : 0;
        ImageShape shape = image == null ? null : ImageShape.parse(image);
        checkSize(all.dimension(), shape, lossKind == Loss.CROSS_ENTROPY ? classes : 1);
        Main.doing("training the network");
        Network net = image == null
                ? NetworkTrainer.train(split.train().features(), split.train().targets(), classes, config)
                : NetworkTrainer.train(cnn(shape, all.dimension(), lossKind == Loss.CROSS_ENTROPY ? classes : 1,
                        lossKind), split.train().features(), split.train().targets(), config, (e, l) -> { });
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("data", data.toString().equals("-") ? "standard input" : data.toString());
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
        if (!categories.isEmpty()) {
            provenance.put("categorical", List.copyOf(categories.keySet()));
        }
        return new NetworkFile(net, read.featureNames(), target,
                standardization == null ? null : standardization.mean(),
                standardization == null ? null : standardization.scale(), provenance, categories);
    }

    /** The data as the network sees it: each category one-hot, its columns named "column=level". */
    private static Dataset oneHot(Dataset read, Map<String, List<String>> categories) {
        List<String> names = new java.util.ArrayList<>();
        for (String f : read.featureNames()) {
            List<String> levels = categories.get(f);
            if (levels == null) {
                names.add(f);
            } else {
                levels.forEach(l -> names.add(f + "=" + l));
            }
        }
        return new Dataset(io.jxplain.model.CategoricalInputs.oneHot(read.features(), read.featureNames(), categories),
                read.targets(), names, read.targetName());
    }

    /** The class count, checked: labels must be 0 … K−1 with K at most the rows (a label of 10⁹ is not a class). */
    private int classes(Dataset train) {
        int[] labels;
        try {
            labels = train.labels();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target '" + target + "': " + e.getMessage()
                    + " (for a numeric target, use --loss mse)", e);
        }
        int max = java.util.Arrays.stream(labels).max().orElse(0);
        if (max >= train.rows()) {
            throw new IllegalArgumentException("target '" + target + "' has a label of " + max + " but only "
                    + train.rows() + " training rows: class labels must be 0, 1, …, K−1; recode them, or use --loss mse"
                    + " for a numeric target");
        }
        int classes = max + 1;
        if (classes < 2) {
            throw new IllegalArgumentException("target '" + target + "' has a single class in the training split");
        }
        return classes;
    }

    /**
     * Refuses a network whose weights cannot fit the heap, naming the options: training holds about five copies of
     * them (the weights, their gradients, Adam's two moments and a transposed copy).
     */
    private void checkSize(int inputs, ImageShape shape, int outputs) {
        long weights = 0;
        int width = inputs;
        if (shape != null) {
            if (shape.size() != inputs) {
                throw new IllegalArgumentException("--image " + shape + " has " + shape.size() + " pixels but " + data
                        + " has " + inputs + " feature columns");
            }
            int channels = shape.channels();
            int height = shape.height();
            int side = shape.width();
            for (String stage : conv) {
                int[] fk = convStage(stage);
                if (fk[1] > Math.min(height, side)) {
                    throw new IllegalArgumentException("--conv " + stage + ": a " + fk[1] + "×" + fk[1] + " kernel is"
                            + " larger than the " + height + "×" + side + " image it would slide over");
                }
                weights += (long) fk[0] * channels * fk[1] * fk[1];
                channels = fk[0];
                height = Math.max(1, height / 2);
                side = Math.max(1, side / 2);
            }
            width = (int) Math.min(Integer.MAX_VALUE, (long) channels * height * side);
        }
        for (int units : hidden) {
            weights += (long) units * width;
            width = units;
        }
        weights += (long) outputs * width;
        long bytes = HeapBudget.doubles(5, weights);
        HeapBudget.require("--hidden " + hidden.stream().map(String::valueOf).collect(
                java.util.stream.Collectors.joining(",")) + (shape == null ? "" : " --conv " + String.join(",", conv))
                + ": a network of " + weights + " weights (training holds five copies)", bytes);
    }

    private static int[] convStage(String stage) {
        String[] parts = stage.trim().split(":");
        try {
            int filters = Integer.parseInt(parts[0].trim());
            int kernel = Integer.parseInt(parts.length > 1 ? parts[1].trim() : "3");
            if (parts.length > 2 || filters < 1 || kernel < 1) {
                throw new NumberFormatException();
            }
            return new int[] {filters, kernel};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--conv entries are FILTERS:KERNEL with both at least 1, e.g. 8:3, got '"
                    + stage + "'");
        }
    }

    private Activation activation() {
        try {
            return Activation.parse(activation);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--activation: " + e.getMessage(), e);
        }
    }

    private static void requirePositive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
    }

    /** The --image architecture: --conv stages, --hidden dense layers, then the outputs. */
    private Network cnn(ImageShape shape, int columns, int outputs, Loss lossKind) {
        NetworkBuilder builder = NetworkBuilder.image(shape);
        for (String stage : conv) {
            int[] fk = convStage(stage);
            builder.conv(fk[0], fk[1], 1, fk[1] / 2, Activation.RELU).maxPool(2);
        }
        for (int units : hidden) {
            builder.dense(units, activation());
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
