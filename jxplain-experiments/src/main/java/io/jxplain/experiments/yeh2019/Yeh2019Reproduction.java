package io.jxplain.experiments.yeh2019;

import io.jxplain.io.StagedFile;
import io.jxplain.internal.Parallel;
import io.jxplain.data.TrainTestSplit;
import io.jxplain.explain.AttributionMap;
import io.jxplain.explain.Explanation;
import io.jxplain.experiments.Progress;
import io.jxplain.experiments.TrainedImageModel;
import io.jxplain.metric.Infidelity;
import io.jxplain.metric.MaxSensitivity;
import io.jxplain.metric.ParameterRandomisation;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.report.Heatmap;
import io.jxplain.random.RandomStreams;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Re-runs Yeh et al. 2019 §5 on MNIST (or, for a quick check, the 8×8 digits): Table 1(a) (local explanations, noisy-baseline infidelity), Table 1(b) (global
 * explanations, square-removal infidelity), Table 2 (sanity check against a network with a randomised last layer)
 * and Figure 2 (heat maps). Every method's per-point numbers are written to CSV as soon as the method is done, and
 * index.html is rewritten after each table, so an interrupted run keeps what it finished.
 */
public final class Yeh2019Reproduction {
    /** What a run produced. */
    public record Result(double testAccuracy, List<MethodScores> local, List<MethodScores> global,
                         List<SanityScores> sanity, Path index) {
    }

    private final Yeh2019Config config;
    private final Consumer<String> log;
    private final Progress progress;

    private Yeh2019Reproduction(Yeh2019Config config, Consumer<String> log, Progress progress) {
        this.config = config;
        this.log = log;
        this.progress = progress;
    }

    public static Result run(Yeh2019Config config, Consumer<String> log, Progress progress) throws IOException {
        return new Yeh2019Reproduction(config, log, progress).run();
    }

    private Result run() throws IOException {
        long trainingStart = System.nanoTime();
        TrainedImageModel model = TrainedImageModel.train(config.images(), config.dataDir(), config.trainImages(),
                config.epochs(), config.seed(), progress);
        log.accept(String.format(Locale.ROOT, "trained in %.1f s", (System.nanoTime() - trainingStart) / 1e9));
        Files.createDirectories(config.out());
        TrainTestSplit split = model.split();
        Network net = model.network();
        double accuracy = model.testAccuracy();
        log.accept(String.format(Locale.ROOT, "%s CNN: %s, %d training images, test accuracy %.4f", config.images(),
                net.describe(), split.train().rows(), accuracy));
        int points = Math.min(config.points(), split.test().rows());
        double[][] x = new double[points][];
        int[] labels = new int[points];
        for (int i = 0; i < points; i++) {
            x[i] = split.test().row(i);
            labels[i] = split.test().labels()[i];
        }
        Path index = config.out().resolve("index.html");
        List<MethodScores> local = new ArrayList<>();
        List<MethodScores> global = new ArrayList<>();
        List<SanityScores> sanity = new ArrayList<>();
        Infidelity noisy = Infidelity.builder().perturbation(Yeh2019Methods.noisyBaseline(config.images().shape()))
                .samples(config.infidelitySamples())
                .normalized(true).build();
        MaxSensitivity localSensitivity = MaxSensitivity.builder().radius(Yeh2019Config.SENSITIVITY_RADIUS_LOCAL)
                .samples(config.sensitivitySamples()).build();
        List<Explanation[]> figure = new ArrayList<>();
        for (YehMethod m : Yeh2019Methods.local(config)) {
            Explanation[] kept = new Explanation[points];
            local.add(score(m, net, x, labels, noisy, localSensitivity, "table 1(a)", kept));
            figure.add(kept);
            writeScores(config.out().resolve("table1a.csv"), local);
        }
        writeFigure(net, x, labels, figure);
        Yeh2019Report.write(index, config, accuracy, points, local, global, sanity);
        Infidelity square = Infidelity.builder().perturbation(Yeh2019Methods.squares(config.images().shape()))
                .samples(config.infidelitySamples())
                .normalized(true).forGlobalExplanations(true).build();
        MaxSensitivity globalSensitivity = MaxSensitivity.builder().radius(Yeh2019Config.SENSITIVITY_RADIUS_GLOBAL)
                .samples(config.sensitivitySamples()).build();
        for (YehMethod m : Yeh2019Methods.global(config)) {
            global.add(score(m, net, x, labels, square, globalSensitivity, "table 1(b)", new Explanation[points]));
            writeScores(config.out().resolve("table1b.csv"), global);
        }
        Yeh2019Report.write(index, config, accuracy, points, local, global, sanity);
        Network[] randomised = new Network[config.randomisations()];
        for (int r = 0; r < randomised.length; r++) { // the first is the one draw earlier runs used
            randomised[r] = ParameterRandomisation.builder().build()
                    .randomise(net, RandomStreams.childSeed(config.seed(), -7 - r));
        }
        for (SanityMethod m : Yeh2019Methods.sanity(config)) {
            sanity.add(sanity(m, net, randomised, x, labels));
            writeSanity(config.out().resolve("table2.csv"), sanity);
        }
        Yeh2019Report.write(index, config, accuracy, points, local, global, sanity);
        log.accept("report written to " + index);
        return new Result(accuracy, local, global, sanity, index);
    }

    /**
     * Per point (in parallel, one seed each): the explanation, its infidelity and its max-sensitivity, absolute and
     * relative to ‖φ(x)‖. φ(x) is computed with the seed the sensitivity metric uses at x, so both see the same φ(x).
     */
    private MethodScores score(YehMethod m, Network net, double[][] x, int[] labels, Infidelity infidelity,
                               MaxSensitivity sensitivity, String table, Explanation[] kept) {
        int n = x.length;
        double[] infd = new double[n];
        double[] sens = new double[n];
        double[] absolute = new double[n];
        long start = System.nanoTime();
        progress.begin(table + ": " + m.label(), n);
        Parallel.forEachIndex(0, n, config.threads(), i -> {
            Target target = Target.logit(labels[i]);
            long seed = RandomStreams.childSeed(config.seed(), i);
            Explanation phi = m.explainer().explain(net, target, x[i], RandomStreams.childSeed(seed, 0));
            kept[i] = phi;
            infd[i] = infidelity.evaluate(net, target, phi, x[i], RandomStreams.childSeed(seed, 7)).value();
            absolute[i] = sensitivity.evaluate(net, target, m.explainer(), x[i], seed).value();
            double norm = norm(phi.attributions());
            sens[i] = norm > 0 ? absolute[i] / norm : Double.NaN;
            progress.advance(1);
        });
        progress.end();
        log.accept(String.format(Locale.ROOT, "%s %-15s SENS_MAX %.3f (paper %.2f)  INFD %.4g (paper %.2f)  [%.1f s]",
                table, m.label(), mean(sens), m.paperSensitivity(), mean(infd), m.paperInfidelity(),
                (System.nanoTime() - start) / 1e9));
        return new MethodScores(m, sens, absolute, infd);
    }

    private SanityScores sanity(SanityMethod m, Network net, Network[] randomised, double[][] x, int[] labels) {
        int n = x.length;
        double[][] corr = new double[randomised.length][n];
        double[][] abs = new double[randomised.length][n];
        progress.begin("table 2: " + m.label(), n);
        Parallel.forEachIndex(0, n, config.threads(), i -> {
            Target target = Target.logit(labels[i]);
            long seed = RandomStreams.childSeed(config.seed(), i);
            double[] a = m.explainer().explain(net, target, x[i], seed).attributions();
            for (int r = 0; r < randomised.length; r++) {
                double[] b = m.explainer().explain(randomised[r], target, x[i], seed).attributions();
                corr[r][i] = ParameterRandomisation.spearman(a, b);
                abs[r][i] = ParameterRandomisation.spearman(absolute(a), absolute(b));
            }
            progress.advance(1);
        });
        progress.end();
        return new SanityScores(m, corr, abs);
    }

    private void writeFigure(Network net, double[][] x, int[] labels, List<Explanation[]> explanations) throws IOException {
        Path dir = config.out().resolve("figure2");
        Files.createDirectories(dir);
        List<YehMethod> methods = Yeh2019Methods.local(config);
        for (int i = 0; i < Math.min(config.figureDigits(), x.length); i++) {
            for (int k = 0; k < methods.size(); k++) {
                String title = String.format(Locale.ROOT, "digit %d (label %d): %s", i, labels[i], methods.get(k).label());
                String svg = Heatmap.toSvg(title, AttributionMap.of(x[i], config.images().shape()).pixels(),
                        AttributionMap.of(explanations.get(k)[i], config.images().shape()).pixels());
                StagedFile.writeString(dir.resolve(figureFile(i, k)), svg);
            }
        }
    }

    static String figureFile(int digit, int method) {
        return String.format(Locale.ROOT, "digit%d-method%d.svg", digit, method);
    }

    private static void writeScores(Path file, List<MethodScores> rows) throws IOException {
        StagedFile.writeText(file, w -> {
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("method", "point", "max_sensitivity_relative", "max_sensitivity",
                        "infidelity").build())) {
                for (MethodScores r : rows) {
                    for (int i = 0; i < r.sensitivity().length; i++) {
                        p.printRecord(r.method().label(), i, r.sensitivity()[i], r.absoluteSensitivity()[i], r.infidelity()[i]);
                    }
                }
            }
        });
    }

    private static void writeSanity(Path file, List<SanityScores> rows) throws IOException {
        StagedFile.writeText(file, w -> {
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("method", "randomisation", "point",
                    "spearman", "spearman_abs").build())) {
                for (SanityScores r : rows) {
                    for (int k = 0; k < r.correlation().length; k++) {
                        for (int i = 0; i < r.correlation()[k].length; i++) {
                            p.printRecord(r.method().label(), k, i, r.correlation()[k][i], r.absCorrelation()[k][i]);
                        }
                    }
                }
            }
        });
    }

    private static double[] absolute(double[] v) {
        double[] a = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            a[j] = Math.abs(v[j]);
        }
        return a;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double q : v) {
            s += q * q;
        }
        return Math.sqrt(s);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double q : v) {
            s += q / v.length;
        }
        return s;
    }
}
