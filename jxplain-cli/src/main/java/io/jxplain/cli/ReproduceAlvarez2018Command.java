package io.jxplain.cli;

import io.jxplain.experiments.alvarez2018.Alvarez2018Config;
import io.jxplain.experiments.alvarez2018.Alvarez2018Reproduction;
import io.jxplain.options.SettingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "alvarez2018", mixinStandardHelpOptions = true,
        description = {"Figures 5–7 of Alvarez-Melis & Jaakkola 2018 (§3.3) on MNIST: explanations of a digit and noisy"
                + " copies, local Lipschitz estimates (Eq. 1, Bayesian optimisation in the ε-box) of Saliency,"
                + " Gradient×Input, Integrated Gradients, ε-LRP, Occlusion, LIME and SHAP as box plots, and each method's"
                + " worst-case neighbour. Writes lipschitz.csv, SVG figures and index.html to --out.",
                "With the UCI files in the data folder (boston, breast cancer, wine, german credit, iris), also"
                        + " Figures 2–3: random forests (Tribuo) explained by LIME and SHAP, their local Lipschitz"
                        + " estimates (uci-lipschitz.csv, figure2.svg) and a boston point's worst neighbour (figure3/);"
                        + " with compas/, Figure 4 (COMPAS, logistic regression, discrete Lipschitz)."})
final class ReproduceAlvarez2018Command implements Callable<Integer>, SettingOptions.Declares {
    @Override
    public void declareOptions(CommandSpec command) {
        ReproduceCommand.declareSeed(command);
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ImageReproductionOptions options;

    @Option(names = "--out", defaultValue = "reproduce-alvarez2018", paramLabel = "DIR", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--images-only", description = "Only Figures 5–7 (the images): leave out Figures 2–4 (UCI and "
            + "COMPAS), which take most of a full run's time.")
    boolean imagesOnly;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return ReproductionOutput.run("alvarez2018", options.dataDir, out, spec.commandLine().getParseResult().originalArgs(),
                stdout, err, (folder, log) -> {
                    Alvarez2018Config all = options.apply(Alvarez2018Config.defaults(options.dataDir, folder,
                            options.seed(), options.threads()));
                    Alvarez2018Config config = imagesOnly ? all.imagesOnly() : all;
                    return Alvarez2018Reproduction.run(config, log,
                            new BarProgress(err, ProgressBar.terminalAttached())).index();
                });
    }
}
