package io.jxplain.cli;

import io.jxplain.experiments.yeh2019.Yeh2019Config;
import io.jxplain.experiments.yeh2019.Yeh2019Reproduction;
import io.jxplain.options.SettingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "yeh2019", mixinStandardHelpOptions = true,
        description = {"Tables 1(a), 1(b), 2 and Figure 2 of Yeh et al. 2019 (§5) on MNIST: max-sensitivity and infidelity"
                + " of local and global explanations (Grad, IG, GBP, their -SG variants, SHAP, and the infidelity-optimal"
                + " Noisy Baseline and Square), the sanity check against a randomised last layer, and heat maps.",
                "Writes table1a.csv, table1b.csv, table2.csv (every per-point number), figure2/*.svg and index.html"
                        + " (the paper's numbers beside this run's, claim by claim) to --out, each table as it is done."})
final class ReproduceYeh2019Command implements Callable<Integer>, SettingOptions.Declares {
    @Override
    public void declareOptions(CommandSpec command) {
        ReproduceCommand.declareSeed(command);
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ImageReproductionOptions options;

    @Option(names = "--randomisations", paramLabel = "R",
            description = "Table 2: independent randomisations of the last layer (its error bars count their spread)."
                    + " Default: 5 (3 with --quick).")
    Integer randomisations;

    @Option(names = "--out", defaultValue = "reproduce-yeh2019", paramLabel = "DIR", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return ReproductionOutput.run("yeh2019", options.dataDir, out, spec.commandLine().getParseResult().originalArgs(),
                stdout, err, (folder, log) -> {
                    Yeh2019Config config = options.apply(Yeh2019Config.defaults(options.dataDir, folder, options.seed(),
                            options.threads()));
                    if (randomisations != null) {
                        config = config.withRandomisations(randomisations);
                    }
                    return Yeh2019Reproduction.run(config, log,
                            new BarProgress(err, ProgressBar.terminalAttached())).index();
                });
    }
}
