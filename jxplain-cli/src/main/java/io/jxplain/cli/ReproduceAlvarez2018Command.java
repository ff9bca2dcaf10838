package io.jxplain.cli;

import io.jxplain.experiments.ImageSet;
import io.jxplain.experiments.alvarez2018.Alvarez2018Config;
import io.jxplain.experiments.alvarez2018.Alvarez2018Reproduction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "alvarez2018", mixinStandardHelpOptions = true,
        description = {"Figures 5–7 of Alvarez-Melis & Jaakkola 2018 (§3.3) on MNIST: explanations of a digit and noisy"
                + " copies, local Lipschitz estimates (Eq. 1, Bayesian optimisation in the ε-box) of Saliency,"
                + " Gradient×Input, Integrated Gradients, ε-LRP, Occlusion, LIME and SHAP as box plots, and each method's"
                + " worst-case neighbour. Writes lipschitz.csv, SVG figures and index.html to --out.",
                "Figures 2–4 (random forests on UCI data, COMPAS) are not implemented yet."})
final class ReproduceAlvarez2018Command implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
            description = "Folder with mnist/ and digits/ (e.g. ../shared/data). Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--out", defaultValue = "reproduce-alvarez2018", paramLabel = "DIR", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "K", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--quick", description = "A check in under a minute: the 8x8 digits, 3 points, small budgets.")
    boolean quick;

    @Option(names = "--images", paramLabel = "mnist|digits",
            description = "Image set (default: mnist, as the paper; digits with --quick).")
    String images;

    @Option(names = "--points", paramLabel = "N", description = "Test images (default 20; the paper: 100).")
    Integer points;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (results do not depend on it). Default: all cores.")
    Integer threads;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Alvarez2018Config config = Alvarez2018Config.defaults(dataDir, out, seed, SamplingOptions.resolveThreads(threads));
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
        Alvarez2018Reproduction.Result result = Alvarez2018Reproduction.run(config, stdout::println,
                new BarProgress(err, ProgressBar.terminalAttached()));
        stdout.printf(Locale.ROOT, "done in %.1f s; open %s%n", (System.nanoTime() - start) / 1e9, result.index());
        return 0;
    }
}
