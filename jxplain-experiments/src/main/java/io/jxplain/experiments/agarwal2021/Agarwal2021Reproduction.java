package io.jxplain.experiments.agarwal2021;

import io.jxplain.io.StagedFile;
import io.jxplain.Version;
import io.jxplain.data.DataFormatException;
import io.jxplain.data.Dataset;
import io.jxplain.experiments.data.OnlineShoppersData;
import io.jxplain.data.Standardization;
import io.jxplain.experiments.data.QuantileNormalization;
import io.jxplain.data.TrainTestSplit;
import io.jxplain.experiments.Progress;
import io.jxplain.experiments.Statistics;
import io.jxplain.model.Accuracy;
import io.jxplain.model.BinaryScores;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkTrainer;
import io.jxplain.model.nn.TrainingConfig;
import io.jxplain.report.LineChart;
import io.jxplain.report.Series;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Re-runs the experiments of Agarwal et al. 2021 §6 (Figures 2–5). Each figure's CSV (every plotted number) and
 * SVG plots are written as soon as it is done, and index.html is rewritten after each, so an interrupted run keeps
 * every finished figure.
 */
public final class Agarwal2021Reproduction {
    /** What a run produced: the trained models and, per figure, the curves drawn. */
    public record Result(List<TrainedModel> models, Map<Integer, List<Curves>> figures, List<CaptumComparison> captum,
                         Path index) {
    }

    /** The paper's network and optimiser (§6.1); epochs, steps and seed are set per model. */
    private static final TrainingConfig TRAINING = TrainingConfig.paperDefaults();
    private final Agarwal2021Config config;
    private final Consumer<String> log;
    private final Progress progress;
    private final Map<String, TrainedModel> models = new LinkedHashMap<>();
    private final Map<UnificationDataset, TrainTestSplit> splits = new java.util.EnumMap<>(UnificationDataset.class);
    private final Map<String, Curves> runs = new LinkedHashMap<>();
    private final Map<Integer, List<Curves>> figures = new LinkedHashMap<>();

    private Agarwal2021Reproduction(Agarwal2021Config config, Consumer<String> log, Progress progress) {
        this.config = config;
        this.log = log;
        this.progress = progress;
    }

    public static Result run(Agarwal2021Config config, Consumer<String> log, Progress progress) throws IOException {
        return new Agarwal2021Reproduction(config, log, progress).run();
    }

    private Result run() throws IOException {
        checkDataFiles();
        Files.createDirectories(config.outDir());
        Path index = config.outDir().resolve("index.html");
        for (int figure : new java.util.TreeSet<>(config.figures())) { // in order: Set.of iterates by a per-JVM salt
            List<Curves> curves = switch (figure) {
                case 2, 3 -> baseRuns();
                case 4 -> config.sigma2Grid().stream()
                        .map(s -> curves(model(UnificationDataset.BANKRUPTCY), s))
                        .toList();
                default -> List.of(
                        curves(model(UnificationDataset.BANKRUPTCY), config.sigma2()),
                        curves(weakModel(UnificationDataset.BANKRUPTCY), config.sigma2()));
            };
            figures.put(figure, curves);
            writeFigure(figure, curves);
            writeModels();
            Agarwal2021Report.write(index, config, List.copyOf(models.values()), figures, List.of());
            log.accept("figure " + figure + " written to " + config.outDir());
        }
        List<CaptumComparison> captum = List.of();
        if (config.captumReference() != null) {
            captum = CaptumComparison.compute(config.captumReference(), config, progress);
            writeCaptumComparison(captum);
            Agarwal2021Report.write(index, config, List.copyOf(models.values()), figures, captum);
            log.accept("Captum comparison written to " + config.outDir());
        }
        return new Result(List.copyOf(models.values()), io.jxplain.internal.OrderedMaps.copyOf(figures), captum, index);
    }

    private List<Curves> baseRuns() {
        return config.datasets().stream().map(d -> curves(model(d), config.sigma2())).toList();
    }

    /** Figures 2 and 3 on Captum's networks: jxplain's curves solid, Captum's dashed, and every number in a CSV. */
    private void writeCaptumComparison(List<CaptumComparison> comparisons) throws IOException {
        Path out = config.outDir();
        LineChart equivalence = new LineChart("Figure 2 on Captum's networks: jxplain and Captum", "samples n",
                "mean L1(SmoothGrad, C-LIME)", true, true);
        LineChart robustness = new LineChart("Figure 3 on Captum's networks: jxplain and Captum", "samples n",
                "mean over x of max L1(φ(x), φ(x′))", true, true);
        for (CaptumComparison c : comparisons) {
            double[] n = c.sampleSizes().stream().mapToDouble(Integer::doubleValue).toArray();
            for (String tool : List.of("jxplain", "Captum")) {
                CurveStatistics m = tool.equals("jxplain") ? c.jxplain() : c.captum();
                String name = c.dataset() + ", " + tool;
                equivalence.add(band(name, n, m.equivalence()), c.dataset(), tool);
                robustness.add(band(name + " SmoothGrad", n, m.robustnessSmoothGrad()), "SmoothGrad " + c.dataset(), tool);
                robustness.add(band(name + " C-LIME", n, m.robustnessClime()), "C-LIME " + c.dataset(), tool);
            }
        }
        StagedFile.writeString(out.resolve("captum-equivalence.svg"), equivalence.toSvg());
        StagedFile.writeString(out.resolve("captum-robustness.svg"), robustness.toSvg());
        StagedFile.writeText(out.resolve("captum-comparison.csv"), w -> {
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("dataset", "metric", "n",
                    "jxplain_mean", "jxplain_standard_error", "captum_mean", "captum_standard_error", "z",
                    "points").build())) {
                for (CaptumComparison c : comparisons) {
                    for (int k = 0; k < c.sampleSizes().size(); k++) {
                        captumRow(p, c, "equivalence_l1", k, c.jxplain().equivalence(), c.captum().equivalence());
                        captumRow(p, c, "robustness_smoothgrad", k, c.jxplain().robustnessSmoothGrad(),
                                c.captum().robustnessSmoothGrad());
                        captumRow(p, c, "robustness_clime", k, c.jxplain().robustnessClime(),
                                c.captum().robustnessClime());
                    }
                }
            }
        });
    }

    private static void captumRow(CSVPrinter p, CaptumComparison c, String metric, int k, List<Statistics> ours,
                                  List<Statistics> theirs) throws IOException {
        p.printRecord(c.dataset(), metric, c.sampleSizes().get(k), ours.get(k).mean(), ours.get(k).standardError(),
                theirs.get(k).mean(), theirs.get(k).standardError(), CaptumComparison.z(ours.get(k), theirs.get(k)),
                ours.get(k).count());
    }

    private void checkDataFiles() {
        List<Path> needed = new ArrayList<>();
        boolean figures23 = config.figures().contains(2) || config.figures().contains(3);
        boolean bankruptcy = config.figures().contains(4) || config.figures().contains(5)
                || figures23 && config.datasets().contains(UnificationDataset.BANKRUPTCY);
        if (bankruptcy) {
            needed.add(config.dataDir().resolve(config.bankruptcyFile()));
        }
        if (figures23 && config.datasets().contains(UnificationDataset.ONLINE_SHOPPERS)) {
            needed.add(config.dataDir().resolve(OnlineShoppersData.DEFAULT_FILE));
        }
        for (Path p : needed) {
            if (!Files.isRegularFile(p)) {
                throw new DataFormatException(p + ": data file not found; point --data-dir at the folder that holds "
                        + "polish_bankruptcy/ and online_shoppers/ (see README), or choose --datasets simulated");
            }
        }
    }

    private Curves curves(TrainedModel model, double sigma2) {
        String label = String.format(Locale.ROOT, "%s, %s, σ²=%s", model.dataset().id(), model.training(), sigma2);
        Curves c = runs.get(label);
        if (c == null) {
            c = CurveRun.compute(label, model, sigma2, config, progress);
            runs.put(label, c);
        }
        return c;
    }

    /** The paper's model of {@code dataset}: trained for its epochs (paper: 15, 60, 100). */
    private TrainedModel model(UnificationDataset dataset) {
        int epochs = config.epochsOf(dataset);
        return models.computeIfAbsent(dataset.id() + "/" + epochs,
                key -> train(dataset, epochs, TrainingConfig.ALL_STEPS, split(dataset)));
    }

    /**
     * Figure 5's worse model (paper: 86%). The rule: the same network and seed stopped after k mini-batch updates,
     * k ≤ one epoch, with k the first whose <em>training</em> accuracy is nearest {@code config.weakAccuracy()}.
     * Training longer only moves the accuracy from the majority-class rate upwards, so a worse model than the
     * majority class exists only early in the first epoch; choosing k on training rows keeps the test rows out of it.
     */
    private TrainedModel weakModel(UnificationDataset dataset) {
        return models.computeIfAbsent(dataset.id() + "/weak", key -> {
            TrainTestSplit split = split(dataset);
            int stepsPerEpoch = (split.train().rows() + TRAINING.batchSize() - 1) / TRAINING.batchSize();
            int best = 1;
            double bestGap = Double.POSITIVE_INFINITY;
            for (int k = 1; k <= stepsPerEpoch; k++) {
                Network net = NetworkTrainer.train(split.train().features(), split.train().targets(), 2,
                        TRAINING.withEpochs(1).withSeed(config.seed()).withMaxSteps(k));
                double gap = Math.abs(Accuracy.of(net, split.train().features(), split.train().labels())
                        - config.weakAccuracy());
                if (gap < bestGap) {
                    bestGap = gap;
                    best = k;
                }
            }
            return train(dataset, 1, best, split);
        });
    }

    /** The 80/20 split (seeded), quantile-normalised where the data set needs it, standardised on the training part. */
    private TrainTestSplit split(UnificationDataset dataset) {
        return splits.computeIfAbsent(dataset, this::newSplit);
    }

    private TrainTestSplit newSplit(UnificationDataset dataset) {
        Dataset data = dataset.load(config, w -> log.accept("warning: " + w));
        TrainTestSplit raw = TrainTestSplit.of(data, 0.8, config.seed());
        if (dataset.quantileNormalized()) {
            QuantileNormalization q = QuantileNormalization.fit(raw.train().features());
            raw = new TrainTestSplit(raw.train().withFeatures(q.apply(raw.train().features())),
                    raw.test().withFeatures(q.apply(raw.test().features())));
        }
        return raw.standardized(Standardization.fit(raw.train().features()));
    }

    private TrainedModel train(UnificationDataset dataset, int epochs, int steps, TrainTestSplit split) {
        TrainingConfig training = TRAINING.withEpochs(epochs).withSeed(config.seed()).withMaxSteps(steps);
        Network net = NetworkTrainer.train(split.train().features(), split.train().targets(), 2, training);
        BinaryScores train = BinaryScores.of(net, split.train().features(), split.train().labels());
        BinaryScores test = BinaryScores.of(net, split.test().features(), split.test().labels());
        double positive = 0;
        for (int label : split.test().labels()) {
            positive += label;
        }
        positive /= split.test().rows();
        TrainedModel m = new TrainedModel(dataset, epochs, steps, net, split, train, test,
                Math.max(positive, 1 - positive));
        log.accept(String.format(Locale.ROOT, "%s: %d features, %s, accuracy train %.4f, test %.4f (majority class "
                        + "%.4f; paper %.3f), balanced accuracy %.4f, AUC %.4f", dataset.id(),
                split.train().dimension(), m.training(), train.accuracy(), test.accuracy(), m.majorityClassRate(),
                dataset.paperAccuracy(), test.balancedAccuracy(), test.auc()));
        return m;
    }

    private void writeFigure(int figure, List<Curves> curves) throws IOException {
        writeCsv(config.outDir().resolve("figure" + figure + ".csv"), curves);
        Path out = config.outDir();
        switch (figure) {
            case 2 -> chart(out.resolve("figure2.svg"), "Figure 2: SmoothGrad vs C-LIME (equivalence)",
                    "mean L1(SmoothGrad, C-LIME)", curves, Curves::equivalence, c -> c.model().dataset().id());
            case 3 -> robustnessChart(out.resolve("figure3.svg"), "Figure 3: robustness", curves,
                    c -> c.model().dataset().id());
            case 4 -> {
                chart(out.resolve("figure4-equivalence.svg"), "Figure 4: bankruptcy, equivalence by σ²",
                        "mean L1(SmoothGrad, C-LIME)", curves, Curves::equivalence, c -> "σ²=" + c.sigma2());
                robustnessChart(out.resolve("figure4-robustness.svg"), "Figure 4: bankruptcy, robustness by σ²", curves,
                        c -> "σ²=" + c.sigma2());
            }
            default -> {
                chart(out.resolve("figure5-equivalence.svg"), "Figure 5: bankruptcy, equivalence by model",
                        "mean L1(SmoothGrad, C-LIME)", curves, Curves::equivalence, Agarwal2021Reproduction::modelName);
                robustnessChart(out.resolve("figure5-robustness.svg"), "Figure 5: bankruptcy, robustness by model",
                        curves, Agarwal2021Reproduction::modelName);
            }
        }
    }

    static String modelName(Curves c) {
        return String.format(Locale.ROOT, "%s (test acc. %.3f)", c.model().training(), c.model().testAccuracy());
    }

    private static void chart(Path file, String title, String yLabel, List<Curves> curves,
                              Function<Curves, List<Statistics>> metric, Function<Curves, String> name) throws IOException {
        LineChart chart = new LineChart(title, "samples n", yLabel, true, true);
        for (Curves c : curves) {
            chart.add(series(name.apply(c), c, metric.apply(c)));
        }
        chart.addGuide(rateGuide(curves.get(0), metric.apply(curves.get(0))));
        StagedFile.writeString(file, chart.toSvg());
    }

    private static void robustnessChart(Path file, String title, List<Curves> curves, Function<Curves, String> name)
            throws IOException {
        LineChart chart = new LineChart(title, "samples n", "mean over x of max L1(φ(x), φ(x′))", true, true);
        // a method keeps its colour; the line style tells the data set (or σ², or model) apart
        for (Curves c : curves) {
            chart.add(series(name.apply(c) + " SmoothGrad", c, c.robustnessSmoothGrad()), "SmoothGrad", name.apply(c));
            chart.add(series(name.apply(c) + " C-LIME", c, c.robustnessClime()), "C-LIME", name.apply(c));
        }
        StagedFile.writeString(file, chart.toSvg());
    }

    /** Mean with a ±1.96 standard-error band. */
    private static Series series(String name, Curves c, List<Statistics> s) {
        return band(name, c.n(), s);
    }

    private static Series band(String name, double[] n, List<Statistics> s) {
        double[] mean = Curves.means(s);
        double[] lo = new double[mean.length];
        double[] hi = new double[mean.length];
        for (int k = 0; k < mean.length; k++) {
            lo[k] = mean[k] - 1.96 * s.get(k).standardError();
            hi[k] = mean[k] + 1.96 * s.get(k).standardError();
        }
        return new Series(name, n, mean, lo, hi);
    }

    /** A dashed 1/√n line through the first curve's last point: the Monte-Carlo rate. */
    private static Series rateGuide(Curves c, List<Statistics> s) {
        double[] n = c.n();
        double anchor = s.get(n.length - 1).mean() * Math.sqrt(n[n.length - 1]);
        double[] y = new double[n.length];
        for (int k = 0; k < n.length; k++) {
            y[k] = anchor / Math.sqrt(n[k]);
        }
        return Series.line("∝ 1/√n", n, y);
    }

    private static void writeCsv(Path file, List<Curves> curves) throws IOException {
        StagedFile.writeText(file, w -> {
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("run", "dataset", "epochs", "sigma2", "metric", "n", "mean",
                        "standard_error", "p10", "p90", "points").build())) {
                for (Curves c : curves) {
                    for (int k = 0; k < c.sampleSizes().size(); k++) {
                        row(p, c, "equivalence_l1", k, c.equivalence().get(k));
                        row(p, c, "robustness_smoothgrad", k, c.robustnessSmoothGrad().get(k));
                        row(p, c, "robustness_clime", k, c.robustnessClime().get(k));
                        row(p, c, "smoothgrad_l1_norm", k, c.smoothGradNorm().get(k));
                    }
                }
            }
        });
    }

    private static void row(CSVPrinter p, Curves c, String metric, int k, Statistics s) throws IOException {
        p.printRecord(c.label(), c.model().dataset().id(), c.model().epochs(), c.sigma2(), metric,
                c.sampleSizes().get(k), s.mean(), s.standardError(), s.p10(), s.p90(), s.count());
    }

    private void writeModels() throws IOException {
        StagedFile.writeText(config.outDir().resolve("models.csv"), w -> {
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("dataset", "features", "epochs",
                "steps", "train_accuracy", "test_accuracy", "majority_class_rate", "test_balanced_accuracy", "test_auc",
                "paper_accuracy", "jxplain_version").build())) {
                for (TrainedModel m : models.values()) {
                    p.printRecord(m.dataset().id(), m.split().train().dimension(), m.epochs(),
                            m.steps() == TrainingConfig.ALL_STEPS ? "all" : m.steps(), m.trainAccuracy(),
                            m.testAccuracy(), m.majorityClassRate(), m.test().balancedAccuracy(), m.test().auc(),
                            m.dataset().paperAccuracy(), Version.get());
                }
            }
        });
    }
}
