package io.jxplain.cli;

import io.jxplain.Version;
import io.jxplain.explain.Explainer;
import io.jxplain.io.StagedFolder;
import io.jxplain.metric.AdaptiveMetric;
import io.jxplain.metric.DiscreteLipschitz;
import io.jxplain.metric.LocalLipschitzEstimate;
import io.jxplain.metric.Metric;
import io.jxplain.metric.MetricCatalog;
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
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelDataOptions input;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: new, empty, or one jxplain wrote (it holds provenance.json).")
    Path out;

    @Option(names = "--methods", split = ",", defaultValue = "gradient,smoothgrad", paramLabel = "NAME,…",
            description = "Explainers to evaluate. Default: ${DEFAULT-VALUE}.")
    List<String> methods;

    @Option(names = "--metric", split = ",", defaultValue = "infidelity,max-sensitivity", paramLabel = "NAME,…",
            description = "Per input: infidelity, max-sensitivity, avg-sensitivity, lipschitz, robustness; over the data"
                    + " set: discrete-lipschitz, randomisation. Default: ${DEFAULT-VALUE}.")
    List<String> metrics;

    @Option(names = "--perturbation", defaultValue = "gaussian", paramLabel = "NAME",
            description = "Infidelity's perturbation: gaussian, baseline, noisy-baseline, subset. Default: ${DEFAULT-VALUE}.")
    String perturbation;

    @Option(names = "--noise-sigma2", defaultValue = "0.01", paramLabel = "S", description = "Variance of infidelity's noise. Default: ${DEFAULT-VALUE}.")
    double noiseSigma2;

    @Option(names = "--infidelity-samples", defaultValue = "100", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int infidelitySamples;

    @Option(names = "--normalize", description = "Scale each explanation by its infidelity-optimal factor first.")
    boolean normalize;

    @Option(names = "--radius", defaultValue = "0.2", paramLabel = "R", description = "Sensitivity radius (L∞). Default: ${DEFAULT-VALUE}.")
    double radius;

    @Option(names = "--sensitivity-samples", defaultValue = "50", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int sensitivitySamples;

    @Option(names = "--epsilon", defaultValue = "0.1", paramLabel = "E", description = "Lipschitz box radius. Default: ${DEFAULT-VALUE}.")
    double epsilon;

    @Option(names = "--lipschitz-budget", defaultValue = "200", paramLabel = "N", description = "Explanations the Lipschitz search may compute. Default: ${DEFAULT-VALUE}.")
    int budget;

    @Option(names = "--metric-precision", paramLabel = "EPS",
            description = "Adaptive sample size for infidelity and avg-sensitivity: double their samples until the 95%%"
                    + " half-width is at most EPS (within --budget model calls per row).")
    Double metricPrecision;

    @Option(names = "--optimizer", defaultValue = "bayesian", paramLabel = "NAME", description = "bayesian or random. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--neighbours", defaultValue = "10", paramLabel = "K", description = "Robustness neighbours. Default: ${DEFAULT-VALUE}.")
    int neighbours;

    @Option(names = "--neighbour-variance", defaultValue = "0.01", paramLabel = "S", description = "Default: ${DEFAULT-VALUE}.")
    double neighbourVariance;

    @Option(names = "--json", description = "Also write every per-instance file and the summary as JSON.")
    boolean json;

    @Option(names = "--discrete-epsilon", defaultValue = "0.1", paramLabel = "E",
            description = "discrete-lipschitz: neighbours within this L2 distance. Default: ${DEFAULT-VALUE}.")
    double discreteEpsilon;

    @Option(names = "--same-class", description = "discrete-lipschitz: only neighbours of the same class (needs the target column).")
    boolean sameClass;

    @Option(names = "--randomised-layers", defaultValue = "1", paramLabel = "K",
            description = "randomisation: re-initialise the top K layers. Default: ${DEFAULT-VALUE}.")
    int randomisedLayers;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Mixin
    SamplingOptions sampling;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (RunOutputs outputs = new RunOutputs(err)) {
            outputs.input("--model", input.model).input("--data", input.data);
            StagedFolder folder = outputs.folder("--out", out);
            try (ModelDataOptions.Loaded loaded = input.load(err)) {
                return evaluate(loaded, outputs, folder.path(), stdout, err);
            }
        }
    }

    private int evaluate(ModelDataOptions.Loaded loaded, RunOutputs outputs, Path dir, PrintWriter stdout,
                         PrintWriter err) throws IOException {
        Model model = loaded.model();
        Target t = loaded.target();
        DMatrixRMaj rows = loaded.rows();
        int d = rows.numCols;
        MetricCatalog.Settings settings = new MetricCatalog.Settings(perturbation, noiseSigma2, infidelitySamples,
                normalize, radius, sensitivitySamples, epsilon, budget, optimizer, neighbours, neighbourVariance);
        List<Explainer> explainers = sampling.explainers(methods, loaded.dataset());
        List<Metric> chosen = new ArrayList<>();
        List<String> dataSetMetrics = new ArrayList<>();
        for (String m : metrics) {
            if (DATA_SET_METRICS.contains(m)) {
                dataSetMetrics.add(m);
            } else {
                chosen.add(metricPrecision == null ? MetricCatalog.create(m, settings, d)
                        : AdaptiveMetric.of(n -> MetricCatalog.create(m, settings.withSamples(n), d),
                        Math.max(2, Math.min(settings.infidelitySamples(), settings.sensitivitySamples())),
                        metricPrecision, sampling.budget));
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
                files.block(start, measured.evaluateRange(model, t, explainer, rows, start, end, sampling.seed, threads));
                if (perRow == 1) {
                    progress.advance(end - start);
                }
            }
        }
        files.end();
    }

    /** Metrics over the whole data set that still give one value per row. */
    static final List<String> DATA_SET_METRICS = List.of("discrete-lipschitz", "randomisation");

    private Map<String, double[]> dataSetMetric(String name, Explainer explainer, Model model, Target t,
                                                ModelDataOptions.Loaded loaded, int threads) {
        Map<String, double[]> out = new LinkedHashMap<>();
        if (name.equals("discrete-lipschitz")) {
            int[] labels = sameClass && loaded.dataset().hasTargets() ? loaded.dataset().labels() : null;
            if (sameClass && labels == null) {
                String column = loaded.opened().builtIn() != null ? "'" + loaded.opened().builtIn().targetName() + "'"
                        : "(--label-column)";
                throw new IllegalArgumentException("--same-class needs the data's target column " + column);
            }
            DiscreteLipschitz metric = DiscreteLipschitz.within(discreteEpsilon);
            DiscreteLipschitz.Result r = (labels == null ? metric : metric.sameClassOnly())
                    .evaluate(model, t, explainer, loaded.rows(), labels, sampling.seed, threads);
            out.put(name, r.perPoint());
        } else {
            if (!(model instanceof Network net)) {
                throw new IllegalArgumentException("the randomisation metric rewrites a network's weights: it needs a"
                        + " built-in network (.json), not " + model.describe());
            }
            ParameterRandomisation.Result r = ParameterRandomisation.topLayers(randomisedLayers)
                    .evaluate(net, t, explainer, loaded.rows(), sampling.seed, threads);
            out.put(name, r.perRow());
            out.put(name + "-abs", r.perRowAbs());
        }
        return out;
    }

    private Map<String, Object> provenance(List<Explainer> explainers, List<Metric> chosen, Target t, Model model) {
        Map<String, Object> p = new LinkedHashMap<>();
        Map<String, Object> e = new LinkedHashMap<>();
        explainers.forEach(x -> e.put(x.name(), x.parameters()));
        Map<String, Object> m = new LinkedHashMap<>();
        chosen.forEach(x -> m.put(x.name(), x.parameters()));
        p.put("explainers", e);
        p.put("metrics", m);
        p.put("seed", sampling.seed);
        p.put("row_streams", "row i uses RandomStreams.childSeed(seed, i)");
        p.put("model", input.model.toString());
        p.put("model_description", model.describe());
        p.put("target", t.toString());
        p.put("data", input.data.toString().equals("-") ? "standard input" : input.data.toString());
        p.put("jxplain_version", Version.get());
        return p;
    }
}
