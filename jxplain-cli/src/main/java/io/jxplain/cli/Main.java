package io.jxplain.cli;

import io.jxplain.Version;
import io.jxplain.options.SettingOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The jxplain command line. Every error a user can cause prints one line and exits non-zero. */
@Command(name = "jxplain", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Explain machine-learning models' predictions and measure how far to trust the explanations.",
        subcommands = {DemoCommand.class, TrainCommand.class, ExplainCommand.class, MethodsCommand.class,
                EvaluateCommand.class, ReportCommand.class, InspectCommand.class, ReproduceCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for a user error (bad file, bad option value, bad model). */
    static final int USER_ERROR = 1;
    /** Exit code for an invalid command line. */
    static final int USAGE_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        try {
            System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
        } catch (OutOfMemoryError e) {
            // a size no check foresaw did not fit the heap: say what was running and what this command can do
            System.err.println("jxplain: error: out of memory while " + activity + " (" + e.getMessage() + "); "
                    + UserErrors.memoryRemedy(command(args)));
            System.exit(USER_ERROR);
        }
    }

    /** What the run is doing, for an out-of-memory message; commands set it as they move on. */
    static volatile String activity = "starting";

    static void doing(String what) {
        activity = what;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The subcommand named in {@code args}, or null. */
    static String command(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /** Runs the CLI with the given streams; returns the exit code (used by the tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = SettingOptions.declareAll(new CommandLine(new Main()));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.originalArgs().contains("--verbose");
            String message = UserErrors.describe(e);
            if (causedBy(e, io.jxplain.internal.HeapBudget.Exceeded.class)) {
                message += "; " + UserErrors.memoryRemedy(command(args));
            }
            commandLine.getErr().println("jxplain: error: " + message);
            if (verbose) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return USER_ERROR;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            CommandLine c = e.getCommandLine();
            String hint = "";
            if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                hint = "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
            }
            c.getErr().println("jxplain: error: " + e.getMessage() + hint + " (see '"
                    + c.getCommandSpec().qualifiedName() + " --help')");
            c.getErr().flush();
            return USAGE_ERROR;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jxplain " + Version.get()};
        }
    }
}
