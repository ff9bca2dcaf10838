package io.jxplain.experiments.alvarez2018;

import io.jxplain.io.StagedFile;
import io.jxplain.internal.Parallel;
import io.jxplain.data.TrainTestSplit;
import io.jxplain.explain.AttributionMap;
import io.jxplain.explain.EpsilonLrp;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.Gradient;
import io.jxplain.explain.GradientTimesInput;
import io.jxplain.explain.IntegratedGradients;
import io.jxplain.explain.KernelShap;
import io.jxplain.explain.Quickshift;
import io.jxplain.explain.SuperpixelLime;
import io.jxplain.explain.Occlusion;
import io.jxplain.experiments.Progress;
import io.jxplain.experiments.TrainedImageModel;
import io.jxplain.metric.LocalLipschitzEstimate;
import io.jxplain.model.ImageShape;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.report.BoxPlot;
import io.jxplain.report.Heatmap;
import io.jxplain.random.RandomStreams;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Re-runs Alvarez-Melis &amp; Jaakkola 2018: §3.2's Figures 2–3 (random forests on UCI sets, {@link UciRobustness}) and
 * Figure 4 (COMPAS, {@link CompasRobustness}); §3.3 on MNIST (or the 8×8 digits): Figure 5 (one digit and three noisy
 * copies, each method's explanations and the ratio δ = ‖φ(x) − φ(x′)‖/‖x − x′‖), Figure 6 (local Lipschitz estimates,
 * Eq. 1, by Bayesian optimisation in the ε-box, per method, as box plots) and Figure 7 (each method's Lipschitz-
 * maximising neighbour of one digit). Files are written as each part finishes.
 */
public final class Alvarez2018Reproduction {
    /** What a run produced. */
    public record Result(double testAccuracy, Network model, double[][] points, Target[] targets,
                         List<RobustnessScores> scores, double[][] figure5Ratios, CompasRobustness.Result compas,
                         List<UciRobustness.SetResult> uci, Path index) {
    }

    private final Alvarez2018Config config;
    private final Consumer<String> log;
    private final Progress progress;

    private Alvarez2018Reproduction(Alvarez2018Config config, Consumer<String> log, Progress progress) {
        this.config = config;
        this.log = log;
        this.progress = progress;
    }

    public static Result run(Alvarez2018Config config, Consumer<String> log, Progress progress) throws IOException {
        return new Alvarez2018Reproduction(config, log, progress).run();
    }

    /** The paper's seven methods (§3.1), in its order; LIME on superpixels and SHAP on pixels, both black-box. */
    static List<String> labels() {
        return List.of("Saliency", "Grad*Input", "Int.Grad.", "e-LRP", "Occlusion", "LIME", "SHAP");
    }

    private List<Explainer> methods() {
        return List.of(Gradient.builder().build(), GradientTimesInput.builder().build(), IntegratedGradients.builder()
                .build(),
                EpsilonLrp.builder().build(), Occlusion.builder().build(),
                SuperpixelLime.builder().imageShape(config.images().shape()).segmentation(superpixels(config.images()
                        .shape()))
                        .samples(config.limeSamples()).build(),
                KernelShap.builder().samples(config.shapSamples()).build());
    }

    /**
     * The lime package's MNIST segmentation ({@link Quickshift#LIME_MNIST}); on smaller images its kernel shrinks
     * with the width (8/28 on the 8×8 digits), so that a digit is cut into about as many superpixels.
     */
    static Quickshift superpixels(ImageShape shape) {
        return Quickshift.LIME_MNIST.withKernelSize(Quickshift.LIME_MNIST.kernelSize() * shape.width() / 28.0);
    }

    private Result run() throws IOException {
        CompasRobustness.Result compas = null;
        Path compasFile = config.dataDir().resolve(io.jxplain.experiments.data.CompasData.DEFAULT_FILE);
        if (!config.tabular()) {
            log.accept("images only: Figures 2–4 (UCI and COMPAS) left out");
        } else if (Files.isRegularFile(compasFile)) {
            long start = System.nanoTime();
            compas = CompasRobustness.run(compasFile, config.epsilon(), config.compasEpochs(), config.limeSamples(),
                    config.shapBackground(), config.seed(), config.threads());
            StringBuilder worst = new StringBuilder();
            compas.byMethod().forEach((label, r) -> worst.append(String.format(Locale.ROOT, "; %s %.4g", label, r.worst())));
            log.accept(String.format(Locale.ROOT, "COMPAS: logistic regression test accuracy %.4f; worst discrete Lipschitz"
                    + "%s  [%.1f s]", compas.testAccuracy(), worst, (System.nanoTime() - start) / 1e9));
        } else {
            log.accept("COMPAS: " + compasFile + " not found; Figure 4 skipped");
        }
        Files.createDirectories(config.out());
        List<UciRobustness.SetResult> uci = new ArrayList<>();
        for (String name : config.uciSets()) {
            UciRobustness.UciSet set = UciRobustness.named(name);
            if (!UciRobustness.available(set, config.dataDir())) {
                log.accept(name + ": " + config.dataDir().resolve(set.file()) + " not found; left out of Figure 2");
                continue;
            }
            uci.add(UciRobustness.run(set, config, log, progress));
            UciFigures.write(config, uci);
        }
        TrainedImageModel model = TrainedImageModel.train(config.images(), config.dataDir(), config.trainImages(),
                config.epochs(), config.seed(), progress);
        Files.createDirectories(config.out());
        TrainTestSplit split = model.split();
        Network net = model.network();
        double accuracy = model.testAccuracy();
        log.accept(String.format(Locale.ROOT, "%s CNN: test accuracy %.4f", config.images(), accuracy));
        ImageShape shape = config.images().shape();
        int points = Math.min(config.points(), split.test().rows());
        double[][] x = new double[points][];
        Target[] targets = new Target[points];
        DMatrixRMaj logits = net.predict(split.test().features());
        for (int i = 0; i < points; i++) {
            x[i] = split.test().row(i);
            int best = 0;
            for (int k = 1; k < logits.numCols; k++) {
                best = logits.get(i, k) > logits.get(i, best) ? k : best;
            }
            targets[i] = Target.probability(best); // the predicted class, as the paper explains predictions
        }
        List<Explainer> methods = methods();
        double[][] ratios = figure5(net, x[0], targets[0], methods, shape);
        List<RobustnessScores> scores = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            scores.add(lipschitz(labels().get(m), methods.get(m), m >= 5 ? config.blackBoxBudget() : config.budget(),
                    net, x, targets));
            writeScores(scores);
            writeFigure6(scores);
        }
        writeFigure7(net, x[0], targets[0], scores, shape);
        Path index = config.out().resolve("index.html");
        Alvarez2018Report.write(index, config, accuracy, points, scores, ratios, compas, uci);
        log.accept("report written to " + index);
        return new Result(accuracy, net, x, targets, scores, ratios, compas, List.copyOf(uci), index);
    }

    /** One digit and three copies with N(0, σ²) noise (clipped to the pixel range): explanations and δ per method. */
    private double[][] figure5(Network net, double[] x, Target target, List<Explainer> methods, ImageShape shape)
            throws IOException {
        Path dir = config.out().resolve("figure5");
        Files.createDirectories(dir);
        RandomGenerator rng = RandomStreams.stream(RandomStreams.childSeed(config.seed(), -5));
        double[][] copies = new double[4][];
        copies[0] = x.clone();
        for (int c = 1; c < 4; c++) {
            copies[c] = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                copies[c][j] = Math.min(1, Math.max(0, x[j] + config.noiseSigma() * rng.nextGaussian()));
            }
        }
        double[][] ratios = new double[methods.size()][3];
        for (int m = 0; m < methods.size(); m++) {
            double[][] phi = new double[4][];
            for (int c = 0; c < 4; c++) {
                Explanation e = methods.get(m).explain(net, target, copies[c], config.seed()); // common random numbers
                phi[c] = e.attributions();
                double delta = c == 0 ? 0 : distance(phi[c], phi[0]) / distance(copies[c], copies[0]);
                if (c > 0) {
                    ratios[m][c - 1] = delta;
                }
                String title = String.format(Locale.ROOT, "%s, %s (p = %.3f)%s", labels().get(m),
                        c == 0 ? "the digit" : "noisy copy " + c, value(net, target, copies[c]),
                        c == 0 ? "" : String.format(Locale.ROOT, ", δ = %.3g", delta));
                StagedFile.writeString(dir.resolve(String.format(Locale.ROOT, "method%d-copy%d.svg", m, c)),
                        Heatmap.toSvg(title, AttributionMap.of(copies[c], shape).pixels(),
                                AttributionMap.of(phi[c], shape).pixels()));
            }
        }
        return ratios;
    }

    /** Eq. 1 at every point, in parallel, one seed per point (the explainer's randomness held fixed within a point). */
    private RobustnessScores lipschitz(String label, Explainer explainer, int budget, Network net, double[][] x,
                                       Target[] targets) {
        int n = x.length;
        double[] values = new double[n];
        double[][] argmax = new double[n][];
        LocalLipschitzEstimate estimate = LocalLipschitzEstimate.builder().epsilon(config.epsilon()).budget(budget)
                .build();
        long start = System.nanoTime();
        progress.begin("local Lipschitz: " + label, n);
        Parallel.forEachIndex(0, n, config.threads(), i -> {
            LocalLipschitzEstimate.Search s = estimate.search(net, targets[i], explainer, x[i],
                    RandomStreams.childSeed(config.seed(), i));
            values[i] = s.value();
            argmax[i] = s.argmax();
            progress.advance(1);
        });
        progress.end();
        RobustnessScores r = new RobustnessScores(label, explainer, values, argmax);
        log.accept(String.format(Locale.ROOT, "%-10s median local Lipschitz %.4g  [%.1f s]", label, r.median(),
                (System.nanoTime() - start) / 1e9));
        return r;
    }

    private void writeScores(List<RobustnessScores> scores) throws IOException {
        StagedFile.writeText(config.out().resolve("lipschitz.csv"), w -> {
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("method", "point", "lipschitz").build())) {
                for (RobustnessScores s : scores) {
                    for (int i = 0; i < s.lipschitz().length; i++) {
                        p.printRecord(s.label(), i, s.lipschitz()[i]);
                    }
                }
            }
        });
    }

    private void writeFigure6(List<RobustnessScores> scores) throws IOException {
        BoxPlot plot = new BoxPlot("Local Lipschitz estimates (Eq. 1, ε = " + config.epsilon() + ") on "
                + config.images() + " test digits", "local Lipschitz estimate", true);
        for (RobustnessScores s : scores) {
            plot.add(s.label(), s.lipschitz());
        }
        StagedFile.writeString(config.out().resolve("figure6.svg"), plot.toSvg());
    }

    /** The first digit's Lipschitz-maximising neighbour for each method, with both explanations. */
    private void writeFigure7(Network net, double[] x, Target target, List<RobustnessScores> scores, ImageShape shape)
            throws IOException {
        Path dir = config.out().resolve("figure7");
        Files.createDirectories(dir);
        for (int m = 0; m < scores.size(); m++) {
            RobustnessScores s = scores.get(m);
            double[] worst = s.argmax()[0];
            for (int c = 0; c < 2; c++) {
                double[] input = c == 0 ? x : worst;
                double[] phi = s.explainer().explain(net, target, input, RandomStreams.childSeed(
                        RandomStreams.childSeed(config.seed(), 0), 0)).attributions();
                String title = String.format(Locale.ROOT, "%s: %s", s.label(), c == 0 ? "the digit"
                        : String.format(Locale.ROOT, "its worst neighbour (L = %.3g)", s.lipschitz()[0]));
                StagedFile.writeString(dir.resolve(String.format(Locale.ROOT, "method%d-%s.svg", m, c == 0 ? "x" : "worst")),
                        Heatmap.toSvg(title, AttributionMap.of(input, shape).pixels(), AttributionMap.of(phi, shape).pixels()));
            }
        }
    }

    private static double value(Network net, Target target, double[] x) {
        return net.targetGradients(target, DMatrixRMaj.wrap(1, x.length, x.clone())).values()[0];
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(s);
    }
}
