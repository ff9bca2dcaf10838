package io.jxplain.cli;

import io.jxplain.options.SettingOptions;
import io.jxplain.random.RandomStreams;
import picocli.CommandLine;

import java.util.List;
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

    /** --seed of a reproduction: the catalogue's seed setting (seed of splits, training and sampling). */
    static void declareSeed(CommandLine.Model.CommandSpec command) {
        SettingOptions.add(command, List.of(RandomStreams.SEED));
    }

    static long seedOf(CommandLine.Model.CommandSpec command) {
        return SettingOptions.chosen(command, List.of(RandomStreams.SEED)).get(RandomStreams.SEED);
    }
}
