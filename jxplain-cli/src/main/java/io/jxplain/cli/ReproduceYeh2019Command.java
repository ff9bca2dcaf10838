package io.jxplain.cli;

import io.jxplain.experiments.yeh2019.Yeh2019Config;
import io.jxplain.experiments.yeh2019.Yeh2019Reproduction;
import io.jxplain.experiments.ImageSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "yeh2019", mixinStandardHelpOptions = true,
        description = {"Tables 1(a), 1(b), 2 and Figure 2 of Yeh et al. 2019 (§5) on MNIST: max-sensitivity and infidelity"
                + " of local and global explanations (Grad, IG, GBP, their -SG variants, SHAP, and the infidelity-optimal"
                + " Noisy Baseline and Square), the sanity check against a randomised last layer, and heat maps.",
                "Writes table1a.csv, table1b.csv, table2.csv (every per-point number), figure2/*.svg and index.html"
                        + " (the paper's numbers beside this run's, claim by claim) to --out, each table as it is done."})
final class ReproduceYeh2019Command implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
            description = "Folder with mnist/ (e.g. ../shared/data). Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--out", defaultValue = "reproduce-yeh2019", paramLabel = "DIR", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "K", description = "Seed of split, training and sampling. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--quick", description = "A check in about a minute: the 8x8 digits, 6 points, small samples.")
    boolean quick;

    @Option(names = "--images", paramLabel = "mnist|digits",
            description = "Image set (default: mnist, as the paper; digits with --quick).")
    String images;

    @Option(names = "--points", paramLabel = "N", description = "Test images to explain (default 20; the paper: 50).")
    Integer points;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (results do not depend on it). Default: all cores.")
    Integer threads;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Yeh2019Config config = Yeh2019Config.defaults(dataDir, out, seed, SamplingOptions.resolveThreads(threads));
        if (quick) {
            config = config.quick();
        }
        if (images != null) {
            config = config.withImages(ImageSet.parse(images));
        }
        if (points != null) {
            config = config.withPoints(points);
        }
        long start = System.nanoTime();
        Yeh2019Reproduction.Result result = Yeh2019Reproduction.run(config, stdout::println,
                new BarProgress(err, ProgressBar.terminalAttached()));
        stdout.printf(Locale.ROOT, "done in %.1f s; open %s%n", (System.nanoTime() - start) / 1e9, result.index());
        return 0;
    }
}
