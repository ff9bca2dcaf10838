package io.jxplain.cli;

import io.jxplain.catalog.RunProvenance;
import io.jxplain.catalog.SettingValues;
import io.jxplain.explain.Sampling;
import io.jxplain.options.SettingOptions;
import io.jxplain.random.RandomStreams;
import io.jxplain.Version;
import io.jxplain.data.SimulatedData;
import io.jxplain.data.Standardization;
import io.jxplain.data.StandardizedSplit;
import io.jxplain.data.TrainTestSplit;
import io.jxplain.experiments.Statistics;
import io.jxplain.explain.ContinuousLime;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.model.Accuracy;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkFile;
import io.jxplain.model.nn.NetworkJson;
import io.jxplain.model.nn.NetworkTrainer;
import io.jxplain.model.nn.TrainingConfig;
import io.jxplain.theory.GradientNormBound;
import io.jxplain.theory.SmoothGradLipschitz;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.jxplain.io.StagedFile;
import io.jxplain.io.StagedFolder;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The built-in default run: trains the unification paper's MLP on its simulated data set,"
                + " explains the test split with SmoothGrad and C-LIME for n = 10, 100, 1000 (σ² = 1), prints the mean"
                + " L1 distance between them (Theorem 1 says it falls to 0 as n grows) and writes the explanations."})
final class DemoCommand implements Callable<Integer>, SettingOptions.Declares {
    static final int[] SAMPLE_SIZES = {10, 100, 1000};
    /** The stream index of the independent C-LIME run: no row has it (rows are 0, 1, …). */
    private static final long INDEPENDENT_STREAM = -1L;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "jxplain-demo", paramLabel = "DIR",
            description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    /** The seed (of data, split, training and sampling here) and σ², the settings explain has. */
    private long seed;
    private double sigma2;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (results do not depend on it). Default: all cores.")
    Integer threads;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public void declareOptions(CommandSpec command) {
        SettingOptions.add(command, List.of(RandomStreams.SEED, Sampling.SIGMA2));
    }

    @Override
    public Integer call() throws Exception {
        SettingValues chosen = SettingOptions.chosen(spec, List.of(RandomStreams.SEED, Sampling.SIGMA2));
        seed = chosen.get(RandomStreams.SEED);
        sigma2 = chosen.get(Sampling.SIGMA2);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int workers = SamplingOptions.resolveThreads(threads);
        try (RunOutputs outputs = new RunOutputs(err)) {
            StagedFolder folder = outputs.folder("--out", out);
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("command", "demo");
            provenance.put(RandomStreams.SEED.name(), seed);
            provenance.put(Sampling.SIGMA2.name(), sigma2);
            provenance.put("jxplain_version", Version.get());
            outputs.whenInterrupted(reason -> Provenance.write(folder.path(), provenance, false, reason));
            try {
                run(folder.path(), stdout, err, workers);
                Provenance.write(folder.path(), provenance, true, null);
                outputs.commit();
            } catch (Exception e) {
                throw outputs.failed(e, false);
            }
        }
        stdout.println("wrote " + out.resolve("model.json") + ", " + out.resolve("summary.csv")
                + " and the explanations (explanations-<method>-n<N>.csv)");
        return 0;
    }

    private void run(Path dir, PrintWriter stdout, PrintWriter err, int workers) throws Exception {
        stdout.println("jxplain demo: SmoothGrad vs C-LIME on the simulated set of Agarwal et al. 2021 (§6.1)");
        StandardizedSplit prepared = StandardizedSplit.of(SimulatedData.generate(SimulatedData.DEFAULT_ROWS, seed), 0.8, seed);
        TrainTestSplit split = prepared.split();
        Standardization standardization = prepared.standardization();
        TrainingConfig config = TrainingConfig.paperDefaults().withSeed(seed);
        Network net = NetworkTrainer.train(split.train().features(), split.train().targets(), 2, config);
        double trainAcc = Accuracy.of(net, split.train().features(), split.train().labels());
        double testAcc = Accuracy.of(net, split.test().features(), split.test().labels());
        stdout.printf(Locale.ROOT, "model: %s, %d epochs; accuracy train %.3f, test %.3f%n", net.describe(),
                config.epochs(), trainAcc, testAcc);
        stdout.printf(Locale.ROOT, "       (best possible on this data: Φ(√2) = %.3f; the paper's 99.5%% is out of reach)%n",
                SimulatedData.bayesAccuracy());
        Map<String, Object> modelProvenance = new LinkedHashMap<>();
        modelProvenance.put("data", "simulated (Agarwal et al. 2021 §6.1), seed " + seed);
        modelProvenance.put("epochs", config.epochs());
        modelProvenance.put("train_accuracy", trainAcc);
        modelProvenance.put("test_accuracy", testAcc);
        modelProvenance.put("jxplain_version", Version.get());
        NetworkJson.write(new NetworkFile(net, split.train().featureNames(), "y", standardization.mean(),
                standardization.scale(), modelProvenance), dir.resolve("model.json"));

        Target target = Target.probability(1);
        DMatrixRMaj x = split.test().features();
        List<double[]> table = new ArrayList<>();
        // C-LIME once more from streams no row of the first run uses: the two methods' draws then are independent,
        // as in Captum's figures; with the same seed they share their draws (common random numbers), which makes
        // their distance smaller
        long independentSeed = RandomStreams.childSeed(seed, INDEPENDENT_STREAM);
        try (ProgressBar progress = new ProgressBar(err, "demo", 3L * SAMPLE_SIZES.length * x.numRows,
                ProgressBar.terminalAttached())) {
            for (int n : SAMPLE_SIZES) {
                Explainer sg = SmoothGrad.builder().samples(n).sigma2(sigma2).build();
                Explainer clime = ContinuousLime.builder().samples(n).sigma2(sigma2).build();
                List<Explanation> a = explainTo(dir, sg, net, target, x, n, workers, progress);
                List<Explanation> b = explainTo(dir, clime, net, target, x, n, workers, progress);
                List<Explanation> c = ExplainRun.run(clime, net, target, x, independentSeed, workers, null, progress,
                        Integer.MAX_VALUE).kept();
                Statistics common = distances(a, b);
                Statistics independent = distances(a, c);
                table.add(new double[] {n, common.mean(), common.standardError(), independent.mean(),
                        independent.standardError()});
            }
        }
        stdout.printf(Locale.ROOT, "%nmean L1 distance between SmoothGrad and C-LIME over %d test points (σ² = %s)%n",
                x.numRows, sigma2);
        stdout.printf(Locale.ROOT, "%8s  %23s  %23s%n", "", "same draws", "independent draws");
        stdout.printf(Locale.ROOT, "%8s  %11s %11s  %11s %11s%n", "n", "mean L1", "std. err.", "mean L1", "std. err.");
        for (double[] row : table) {
            stdout.printf(Locale.ROOT, "%8d  %11.5f %11.5f  %11.5f %11.5f%n", (int) row[0], row[1], row[2], row[3],
                    row[4]);
        }
        boolean falls = true;
        for (int k = 1; k < table.size(); k++) {
            falls &= table.get(k)[1] < table.get(k - 1)[1] && table.get(k)[3] < table.get(k - 1)[3];
        }
        stdout.println(falls ? "the distance falls as n grows: both estimate Σ⁻¹·cov(a, f(a)) (Theorem 1)"
                : "warning: the distance did not fall at every step of n");
        double gradientBound = GradientNormBound.of(net, target);
        double sigma = io.jxplain.sample.Perturbation.gaussian(sigma2).sigma();
        stdout.printf(Locale.ROOT, "Theorem 2: ‖∇f‖ ≤ %.4f from the weights; Lipschitz constant of SmoothGrad/C-LIME ≤ %.4f"
                        + " (√(2/π)·∇f_max/σ; the paper's ∇f_max/(2σ) = %.4f is too small)%n",
                gradientBound, SmoothGradLipschitz.corrected(gradientBound, sigma),
                SmoothGradLipschitz.paper(gradientBound, sigma));
        writeSummary(dir, table);
    }

    /** The L1 distances of paired explanations, row by row, summarised. */
    private static Statistics distances(List<Explanation> a, List<Explanation> b) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).l1DistanceTo(b.get(i));
        }
        return Statistics.of(d);
    }

    private List<Explanation> explainTo(Path dir, Explainer explainer, Network net, Target target, DMatrixRMaj x, int n,
                                        int workers, ProgressBar progress) throws Exception {
        Path file = dir.resolve("explanations-" + explainer.name() + "-n" + n + ".csv");
        Map<String, Object> provenance = RunProvenance.explaining(explainer, seed, "i").target(target).toMap();
        try (StagedFile csv = StagedFile.create(file);
             StagedFile sidecar = StagedFile.create(file.resolveSibling(file.getFileName() + ".provenance.json"))) {
            ResultWriter writer = ResultWriter.open(false, csv.stream(), sidecar, List.of("x1", "x2"), provenance);
            List<Explanation> all = ExplainRun.run(explainer, net, target, x, seed, workers, writer, progress,
                    Integer.MAX_VALUE).kept();
            writer.finish(true, null);
            csv.commit();
            sidecar.commit();
            return all;
        }
    }

    private static void writeSummary(Path dir, List<double[]> table) throws Exception {
        StagedFile.writeText(dir.resolve("summary.csv"), w -> {
            try (CSVPrinter p = new CSVPrinter(w,
                    CSVFormat.DEFAULT.builder().setHeader("n", "mean_l1_smoothgrad_clime", "standard_error",
                            "mean_l1_independent_draws", "standard_error_independent_draws").build())) {
                for (double[] row : table) {
                    p.printRecord((int) row[0], row[1], row[2], row[3], row[4]);
                }
            }
        });
    }
}
