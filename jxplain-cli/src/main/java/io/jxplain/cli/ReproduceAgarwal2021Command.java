package io.jxplain.cli;

import io.jxplain.experiments.agarwal2021.Agarwal2021Config;
import io.jxplain.experiments.agarwal2021.Agarwal2021Reproduction;
import io.jxplain.experiments.agarwal2021.UnificationDataset;
import io.jxplain.options.SettingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "agarwal2021", mixinStandardHelpOptions = true,
        description = {"Figures 2–5 of Agarwal et al. 2021 (§6): SmoothGrad vs C-LIME equivalence and robustness as the"
                + " number of samples grows, on the simulated, bankruptcy and online-shoppers data, for several σ² and"
                + " for a worse model. Writes figureN.csv, SVG plots and index.html (paper's claims beside this run's"
                + " numbers) to --out, each figure as soon as it is done."})
final class ReproduceAgarwal2021Command implements Callable<Integer>, SettingOptions.Declares {
    @Override
    public void declareOptions(CommandSpec command) {
        ReproduceCommand.declareSeed(command);
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--figure", defaultValue = "all", paramLabel = "2|3|4|5|all", description = "Which figure(s). Default: ${DEFAULT-VALUE}.")
    String figure;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
            description = "Folder with polish_bankruptcy/ and online_shoppers/ (e.g. ../shared/data). Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--out", defaultValue = "reproduce-agarwal2021", paramLabel = "DIR", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;


    @Option(names = "--quick", description = "At most " + Agarwal2021Config.QUICK_MAX_POINTS + " test points and n ∈ {100 … 2000}: a check in about a minute.")
    boolean quick;

    @Option(names = "--max-points", paramLabel = "N", description = "At most N test points per data set (default: the whole test split).")
    Integer maxPoints;

    @Option(names = "--datasets", split = ",", paramLabel = "NAME", defaultValue = "simulated,bankruptcy,online-shoppers",
            description = "Data sets of Figures 2 and 3. Default: ${DEFAULT-VALUE}.")
    List<String> datasets;

    @Option(names = "--samples-grid", split = ",", paramLabel = "N,N,…", description = "The n grid. Default: 10,20,50,100,200,500,1000,2000,5000.")
    List<Integer> sampleSizes;

    @Option(names = "--sigma2", defaultValue = "1.0", paramLabel = "S", description = "σ² of Figures 2, 3 and 5. Default: ${DEFAULT-VALUE}.")
    double sigma2;

    @Option(names = "--sigma2-grid", split = ",", defaultValue = "0.01,0.1,1.0", paramLabel = "S,S,…",
            description = "σ² values of Figure 4. Default: ${DEFAULT-VALUE}.")
    List<Double> sigma2Grid;

    @Option(names = "--epochs", split = ",", paramLabel = "DATASET=E",
            description = "Training epochs per data set (paper: simulated=15, bankruptcy=60, online-shoppers=100).")
    Map<String, Integer> epochs;

    @Option(names = "--weak-accuracy", defaultValue = "0.86", paramLabel = "A", description = "Figure 5's worse model "
            + "is the network stopped at the first mini-batch step of its first epoch whose training accuracy is "
            + "nearest A (the paper's is 86%%). Default: ${DEFAULT-VALUE}.")
    double weakAccuracy;

    @Option(names = "--bankruptcy-file", paramLabel = "PATH", description = "Bankruptcy file under --data-dir (.csv[.gz] or .arff[.gz]). Default: the derived year-3 file.")
    String bankruptcyFile;

    @Option(names = "--captum-reference", paramLabel = "DIR", description = "shared/reference: set Captum's Figure 2 "
            + "and 3 curves beside jxplain's, computed on the same networks and points. Default: left out.")
    Path captumReference;

    @Option(names = "--bankruptcy-features", defaultValue = "15", paramLabel = "K",
            description = "Keep the first K bankruptcy attributes of the importance ranking (see docs/reproductions.md). "
                    + "Default: ${DEFAULT-VALUE}.")
    int bankruptcyFeatures;

    @Option(names = "--epsilon", defaultValue = "0.05", paramLabel = "E",
            description = "Distance at which empirical n is set against Proposition 1 and Theorem 3. Default: ${DEFAULT-VALUE}.")
    double epsilon;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (results do not depend on it). Default: all cores.")
    Integer threads;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return ReproductionOutput.run("agarwal2021", dataDir, out, spec.commandLine().getParseResult().originalArgs(),
                stdout, err, (folder, log) -> {
                    Agarwal2021Config.Builder b = Agarwal2021Config.paper(dataDir, folder, ReproduceCommand.seedOf(spec))
                            .figures(figures(figure))
                            .datasets(datasets.stream().map(UnificationDataset::parse).toList())
                            .sigma2(sigma2).sigma2Grid(sigma2Grid).weakAccuracy(weakAccuracy).epsilon(epsilon)
                            .threads(SamplingOptions.resolveThreads(threads))
                            .maxPoints(maxPoints)
                            .captumReference(captumReference);
                    if (bankruptcyFile != null || bankruptcyFeatures != 15) {
                        b.bankruptcy(bankruptcyFile == null ? io.jxplain.experiments.data.BankruptcyData.DEFAULT_FILE
                                : bankruptcyFile, bankruptcyFeatures);
                    }
                    if (epochs != null) {
                        epochs.forEach((name, e) -> b.epochs(UnificationDataset.parse(name), e));
                    }
                    if (quick) {
                        b.quick();
                    }
                    if (sampleSizes != null) {
                        b.sampleSizes(sampleSizes);
                    }
                    return Agarwal2021Reproduction.run(b.build(), log,
                            new BarProgress(err, ProgressBar.terminalAttached())).index();
                });
    }

    static Set<Integer> figures(String text) {
        if (text.trim().equalsIgnoreCase("all")) {
            return Set.of(2, 3, 4, 5);
        }
        try {
            return Set.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--figure must be 2, 3, 4, 5 or all, got '" + text + "'");
        }
    }
}
