package io.jxplain.cli;

import io.jxplain.Setting;
import io.jxplain.catalog.ExplainerCatalog;
import io.jxplain.catalog.MetricCatalog;
import io.jxplain.catalog.RunProvenance;
import io.jxplain.catalog.SettingValues;
import io.jxplain.explain.Adaptive;
import io.jxplain.metric.Infidelity;
import io.jxplain.metric.MaxSensitivity;
import io.jxplain.options.MetricOptions;
import io.jxplain.options.SettingOptions;
import io.jxplain.explain.Explainer;
import io.jxplain.io.StagedFolder;
import io.jxplain.metric.AdaptiveMetric;
import io.jxplain.metric.DiscreteLipschitz;
import io.jxplain.metric.LocalLipschitzEstimate;
import io.jxplain.metric.Metric;
import io.jxplain.metric.ParameterRandomisation;
import io.jxplain.model.Model;
import io.jxplain.model.nn.Network;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate explainers with metrics on every row of a CSV file.",
                "Writes <method>-<metric>.csv (one row per instance), summary.csv (mean ± standard error over rows per"
                        + " method and metric, and each pair's status) and provenance.json to --out, a folder built"
                        + " beside it and swapped in when the run ends; interrupted, it is marked \"complete\": false and"
                        + " the summary says which pairs are partial or missing."})
final class EvaluateCommand implements Callable<Integer>, SettingOptions.Declares {
    /** The evaluate-only settings: the data-set metrics' and the adaptive metric precision. */
    private static final List<Setting<?>> OWN_SETTINGS = java.util.stream.Stream.concat(
            MetricCatalog.dataSetSettings().stream(), java.util.stream.Stream.of(AdaptiveMetric.PRECISION)).toList();

    @Spec
    CommandSpec spec;

    @Mixin
    ModelDataOptions input;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: new, empty, or one jxplain wrote (it holds provenance.json).")
    Path out;

    @Option(names = "--methods", split = ",", defaultValue = ExplainerCatalog.DEFAULT_EVALUATED_METHODS,
            paramLabel = "NAME,…", description = "Explainers to evaluate. Default: ${DEFAULT-VALUE}.")
    List<String> methods;

    @Option(names = "--metric", split = ",", defaultValue = MetricCatalog.DEFAULT_METRICS, paramLabel = "NAME,…",
            description = "Per input: infidelity, max-sensitivity, avg-sensitivity, lipschitz, robustness; over the data"
                    + " set: discrete-lipschitz, randomisation. Default: ${DEFAULT-VALUE}.")
    List<String> metrics;

    @Option(names = "--json", description = "Also write every per-instance file and the summary as JSON.")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Mixin
    ReferenceDataOptions reference;

    @Mixin
    SamplingOptions sampling;

    @Override
    public void declareOptions(CommandSpec command) {
        SamplingOptions.declare(command);
        MetricOptions.declare(command);
        SettingOptions.add(command, OWN_SETTINGS);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (RunOutputs outputs = new RunOutputs(err)) {
            outputs.input("--model", input.model).input("--data", input.data);
            reference.registerInputs(outputs);
            StagedFolder folder = outputs.folder("--out", out);
            try (ModelDataOptions.Loaded loaded = input.load(err)) {
                return evaluate(loaded, outputs, folder.path(), stdout, err);
            }
        }
    }

    private int evaluate(ModelDataOptions.Loaded loaded, RunOutputs outputs, Path dir, PrintWriter stdout,
                         PrintWriter err) throws IOException {
        loaded = OnnxTreesInJava.ifTreeShap(methods, input, loaded, reference, err);
        Model model = loaded.model();
        Target t = loaded.fixedTarget("evaluate");
        DMatrixRMaj rows = loaded.rows();
        int d = rows.numCols;
        SettingValues settings = MetricOptions.chosen(spec);
        SettingValues own = SettingOptions.chosen(spec, OWN_SETTINGS);
        Double metricPrecision = own.get(AdaptiveMetric.PRECISION);
        SamplingOptions.requireMeaningfulGradients(methods, model);
        requireCategoryCodesKept(metrics, settings, model);
        List<Explainer> explainers = sampling.explainers(methods, loaded.dataset(), reference.read(methods, loaded,
                input.external, sampling.seed(), err));
        List<Metric> chosen = new ArrayList<>();
        List<String> dataSetMetrics = new ArrayList<>();
        for (String m : metrics) {
            if (DATA_SET_METRICS.contains(m)) {
                dataSetMetrics.add(m);
            } else {
                chosen.add(metricPrecision == null ? MetricCatalog.create(m, settings, d)
                        : AdaptiveMetric.builder(n -> MetricCatalog.create(m, MetricCatalog.withSamples(settings, n),
                                        d))
                                .initialSamples(Math.max(2, Math.min(settings.get(Infidelity.SAMPLES),
                                        settings.get(MaxSensitivity.SAMPLES))))
                                .precision(metricPrecision)
                                .budget(SettingOptions.chosen(spec, List.of(Adaptive.BUDGET)).get(Adaptive.BUDGET))
                                .build());
            }
        }
        EvaluationFiles files = new EvaluationFiles(dir, json, provenance(explainers, chosen, t, model));
        for (Explainer explainer : explainers) {
            chosen.forEach(m -> files.plan(explainer.name(), m.name()));
            for (String m : dataSetMetrics) {
                files.plan(explainer.name(), m);
                if (m.equals("randomisation")) {
                    files.plan(explainer.name(), m + "-abs");
                }
            }
        }
        outputs.whenInterrupted(reason -> files.finish(false, reason));
        int threads = sampling.threads();
        boolean[] started = new boolean[1];
        try {
            for (Explainer explainer : explainers) {
                for (Metric metric : chosen) {
                    started[0] = true;
                    evaluateTo(files, metric, explainer, model, t, rows, threads, err);
                }
                for (String m : dataSetMetrics) {
                    for (Map.Entry<String, double[]> e : dataSetMetric(m, explainer, model, t, loaded, threads).entrySet()) {
                        files.whole(explainer.name(), e.getKey(), e.getValue());
                        started[0] = true;
                    }
                }
            }
            files.finish(true, null);
            outputs.commit();
        } catch (IOException | RuntimeException e) {
            throw outputs.failed(e, started[0]);
        }
        stdout.printf(Locale.ROOT, "%-18s %-16s %30s %6s%n", "method", "metric", "mean ± 95% half-width", "rows");
        for (List<String> row : files.summary()) {
            stdout.printf(Locale.ROOT, "%-18s %-16s %30s %6s%n", row.get(0), row.get(1), row.get(2).isEmpty() ? "-"
                    : Summary.plusMinus(Double.parseDouble(row.get(2)), Double.parseDouble(row.get(3))), row.get(4));
        }
        stdout.println("wrote " + out.resolve("summary.csv") + " and per-instance files");
        return 0;
    }

    /** Evaluates block by block, appending and flushing each block. */
    private void evaluateTo(EvaluationFiles files, Metric metric, Explainer explainer, Model model, Target t,
                            DMatrixRMaj rows, int threads, PrintWriter err) throws IOException {
        int n = rows.numRows;
        int block = Math.max(8, 4 * threads);
        files.start(explainer.name(), metric.name(), n);
        Main.doing("evaluating " + explainer.name() + " with " + metric.name());
        // a Lipschitz search moves its bar by explanations: one point's search of 1 000 can take a while
        int perRow = metric instanceof LocalLipschitzEstimate l ? l.budget() : 1;
        try (ProgressBar progress = new ProgressBar(err, explainer.name() + " " + metric.name(), (long) n * perRow,
                ProgressBar.terminalAttached())) {
            Metric measured = metric instanceof LocalLipschitzEstimate l ? l.withProgress(() -> progress.advance(1))
                    : metric;
            for (int start = 0; start < n; start += block) {
                int end = Math.min(n, start + block);
                files.block(start, measured.evaluateRange(model, t, explainer, rows, start, end, sampling.seed(), threads));
                if (perRow == 1) {
                    progress.advance(end - start);
                }
            }
        }
        files.end();
    }

    /** Metrics over the whole data set that still give one value per row. */
    static final List<String> DATA_SET_METRICS = MetricCatalog.dataSetEntries().stream()
            .map(MetricCatalog.DataSetEntry::name).toList();

    /**
     * Refuses, before any work, a per-input metric that moves a category code off the codes: every one of them
     * perturbs x with continuous noise, except infidelity with a baseline or subset perturbation (features set to 0).
     */
    static void requireCategoryCodesKept(List<String> metrics, SettingValues settings, Model model) {
        if (model.categoricalInputs().length == 0) {
            return;
        }
        String perturbation = settings.get(MetricCatalog.PERTURBATION);
        for (String m : metrics) {
            boolean keepsCodes = DATA_SET_METRICS.contains(m)
                    || m.equals("infidelity") && (perturbation.equalsIgnoreCase("baseline") || perturbation.equalsIgnoreCase("subset"));
            if (!keepsCodes) {
                throw new IllegalArgumentException("--metric " + m + " perturbs every input with continuous noise, but "
                        + model.describe() + " takes category codes, which noise does not keep; on this model use "
                        + String.join(" or ", DATA_SET_METRICS)
                        + ", or infidelity with --perturbation baseline or subset");
            }
        }
    }

    private Map<String, double[]> dataSetMetric(String name, Explainer explainer, Model model, Target t,
                                                ModelDataOptions.Loaded loaded, int threads) {
        Map<String, double[]> out = new LinkedHashMap<>();
        if (name.equals("discrete-lipschitz")) {
            SettingValues own = SettingOptions.chosen(spec, OWN_SETTINGS);
            boolean sameClass = own.get(DiscreteLipschitz.SAME_CLASS);
            int[] labels = sameClass && loaded.dataset().hasTargets() ? loaded.dataset().labels() : null;
            if (sameClass && labels == null) {
                String column = loaded.opened().builtIn() != null ? "'" + loaded.opened().builtIn().targetName() + "'"
                        : "(--label-column)";
                throw new IllegalArgumentException("--same-class needs the data's target column " + column);
            }
            DiscreteLipschitz.Result r = DiscreteLipschitz.builder().epsilon(own.get(DiscreteLipschitz.EPSILON))
                    .sameClass(labels != null).build()
                    .evaluate(model, t, explainer, loaded.rows(), labels, sampling.seed(), threads);
            out.put(name, r.perPoint());
        } else {
            if (!(model instanceof Network net)) {
                throw new IllegalArgumentException("the randomisation metric rewrites a network's weights: it needs a"
                        + " built-in network (.json), not " + model.describe());
            }
            ParameterRandomisation.Result r = ParameterRandomisation.builder()
                    .layers(SettingOptions.chosen(spec, OWN_SETTINGS).get(ParameterRandomisation.LAYERS)).build()
                    .evaluate(net, t, explainer, loaded.rows(), sampling.seed(), threads);
            out.put(name, r.perRow());
            out.put(name + "-abs", r.perRowAbs());
        }
        return out;
    }

    private Map<String, Object> provenance(List<Explainer> explainers, List<Metric> chosen, Target t, Model model) {
        return RunProvenance.evaluating(explainers, chosen, sampling.seed(), "i")
                .model(input.model.toString(), model.describe()).target(t)
                .data(input.data.toString().equals("-") ? "standard input" : input.data.toString()).toMap();
    }
}
