package io.jxplain.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Re-run a seed paper's experiments and write CSV files, SVG plots and an HTML report.",
        subcommands = {ReproduceAgarwal2021Command.class, ReproduceYeh2019Command.class, ReproduceAlvarez2018Command.class})
final class ReproduceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
