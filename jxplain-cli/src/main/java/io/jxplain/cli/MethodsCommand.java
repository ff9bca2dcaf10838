package io.jxplain.cli;

import io.jxplain.explain.ExplainerCatalog;
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
        out.printf(Locale.ROOT, "%-18s %-10s %-40s %s%n", "method", "needs", "defaults", "source");
        for (ExplainerCatalog.Entry e : ExplainerCatalog.entries()) {
            var explainer = e.factory().apply(defaults);
            out.printf(Locale.ROOT, "%-18s %-10s %-40s %s%n", e.name(), e.needsGradients() ? "gradients" : "values",
                    explainer.parameters().isEmpty() ? "-" : explainer.parameters().toString(), e.source());
        }
        out.println();
        out.printf(Locale.ROOT, "%-18s %s%n", "metric (evaluate)", "source");
        for (MetricCatalog.Entry e : MetricCatalog.entries()) {
            out.printf(Locale.ROOT, "%-18s %s%n", e.name(), e.source());
        }
    }
}
