package io.jxplain.cli;

import io.jxplain.Setting;
import io.jxplain.catalog.ExplainerCatalog;
import io.jxplain.catalog.MetricCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Lists the catalogue: each method and metric with its source and every setting's name, default, range and meaning. */
@Command(name = "methods", mixinStandardHelpOptions = true,
        description = "List the explanation methods and the metrics, with their sources and settings (name, default,"
                + " range, meaning), as explain, evaluate and the Spark job take them.")
final class MethodsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-22s %-16s %s%n", "method", "needs", "source");
        for (ExplainerCatalog.Entry e : ExplainerCatalog.entries()) {
            out.printf(Locale.ROOT, "%-22s %-16s %s%n", e.name(), e.needs().name().toLowerCase(Locale.ROOT)
                    .replace("_", "-"), e.source());
            for (Setting<?> s : e.settings()) {
                boolean shared = ExplainerCatalog.SHARED.stream().anyMatch(x -> x.name().equals(s.name()));
                print(out, (shared ? "--" + s.name() + " " : "-o " + s.name() + "=") + s.defaultText(), s);
            }
        }
        out.println();
        out.println("Every method also runs smoothed (Yeh et al. 2019 §4): NAME-sg, e.g. integrated-gradients-sg,"
                + " with --samples and --sigma2 for the smoothing and:");
        print(out, "-o sg=mean", io.jxplain.explain.Smoothed.STATISTIC);
        out.println();
        out.printf(Locale.ROOT, "%-22s %s%n", "metric (evaluate)", "source");
        for (MetricCatalog.Entry e : MetricCatalog.entries()) {
            metric(out, e.name(), e.source(), e.settings());
        }
        for (MetricCatalog.DataSetEntry e : MetricCatalog.dataSetEntries()) {
            metric(out, e.name(), e.source() + " (over the data set)", e.settings());
        }
    }

    private static void metric(PrintWriter out, String name, String source, List<Setting<?>> settings) {
        out.printf(Locale.ROOT, "%-22s %s%n", name, source);
        settings.forEach(s -> print(out, "--" + s.name() + (s.isFlag() ? "" : " " + s.defaultText()), s));
    }

    private static void print(PrintWriter out, String usage, Setting<?> s) {
        out.printf(Locale.ROOT, "  %-32s %s (%s)%s%n", usage, s.description(), s.range(),
                s.source().isEmpty() ? "" : "; " + s.source());
    }
}
