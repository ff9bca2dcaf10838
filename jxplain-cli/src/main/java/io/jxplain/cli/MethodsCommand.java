package io.jxplain.cli;

import io.jxplain.explain.ExplainerCatalog;
import io.jxplain.explain.MethodOptions;
import io.jxplain.metric.MetricCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Locale;

@Command(name = "methods", mixinStandardHelpOptions = true,
        description = "List the explanation methods (with their defaults) and the metrics, with their sources.")
final class MethodsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        ExplainerCatalog.Settings defaults = ExplainerCatalog.Settings.defaults();
        out.printf(Locale.ROOT, "%-22s %-16s %s%n", "method", "needs", "source");
        for (ExplainerCatalog.Entry e : ExplainerCatalog.entries()) {
            out.printf(Locale.ROOT, "%-22s %-16s %s%n", e.name(), e.needs().name().toLowerCase(Locale.ROOT).replace("_", "-"), e.source());
            var explainer = e.create(defaults);
            if (!explainer.parameters().isEmpty()) {
                out.printf(Locale.ROOT, "%-22s defaults: %s%n", "", explainer.parameters());
            }
            for (MethodOptions.Option o : e.options()) {
                out.printf(Locale.ROOT, "%-22s -o %s=%s  %s%n", "", o.name(), o.defaultValue(), o.description());
            }
        }
        out.println();
        out.println("Every method also runs smoothed (Yeh et al. 2019 §4): NAME-sg, e.g. integrated-gradients-sg,"
                + " with -o sg=mean|mean-of-squares|variance.");
        out.println();
        out.printf(Locale.ROOT, "%-18s %s%n", "metric (evaluate)", "source");
        for (MetricCatalog.Entry e : MetricCatalog.entries()) {
            out.printf(Locale.ROOT, "%-18s %s%n", e.name(), e.source());
        }
    }
}
