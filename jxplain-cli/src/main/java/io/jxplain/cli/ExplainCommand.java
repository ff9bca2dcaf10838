package io.jxplain.cli;

import io.jxplain.catalog.ExplainerCatalog;
import io.jxplain.catalog.RunProvenance;
import io.jxplain.options.SettingOptions;
import io.jxplain.data.Dataset;
import io.jxplain.explain.Explainer;
import io.jxplain.model.RowTargets;
import io.jxplain.report.ExplanationReport;
import io.jxplain.model.Model;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.jxplain.io.StagedFile;
import io.jxplain.io.StagedFolder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain every row of a CSV file with a trained model.",
                "Writes one row per instance (attributions, standard errors, model calls) as it goes: an interrupted"
                        + " run keeps the rows it finished and is marked \"complete\": false."})
final class ExplainCommand implements Callable<Integer>, SettingOptions.Declares {
    @Spec
    CommandSpec spec;

    @Option(names = "--method", defaultValue = ExplainerCatalog.DEFAULT_METHOD, paramLabel = "NAME",
            description = "Explanation method: ${COMPLETION-CANDIDATES}, or any of them smoothed (NAME-sg); 'jxplain"
                    + " methods' lists their settings. Default: ${DEFAULT-VALUE}.",
            completionCandidates = SamplingOptions.MethodNames.class)
    String method;

    @Mixin
    ModelDataOptions input;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Output: .csv (its provenance beside it, as FILE.provenance.json), .json, or - for CSV on"
                    + " standard output. Replaced only when the run completes (or is interrupted: then marked"
                    + " \"complete\": false); never an input. --engine spark: a .csv or .parquet table, which must not"
                    + " exist.")
    Path out;

    @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark",
            description = "local: this JVM; spark: the jxplain-spark job on Apache Spark in this JVM (--master), rows"
                    + " keyed by position so the values equal a local run. Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--master", defaultValue = "local[*]", paramLabel = "URL",
            description = "Spark master for --engine spark. Default: ${DEFAULT-VALUE}.")
    String master;

    @Option(names = "--heatmaps", paramLabel = "DIR",
            description = "For an image model: also write each explained row's attribution map beside the input, as"
                    + " DIR/row-NNNNN.svg (at most --heatmap-rows of them), replacing DIR only if jxplain wrote it.")
    Path heatmaps;

    @Option(names = "--heatmap-rows", defaultValue = "16", paramLabel = "N",
            description = "How many rows get a heat map. Default: ${DEFAULT-VALUE}.")
    int heatmapRows;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write DIR/index.html: a self-contained page with the features' global importance (with"
                    + " 95%% confidence bars), a beeswarm of every row's attributions and waterfalls of the first"
                    + " --report-rows rows; replacing DIR only if jxplain wrote it.")
    Path report;

    @Option(names = "--report-rows", defaultValue = "5", paramLabel = "K",
            description = "How many rows get a waterfall in the report. Default: ${DEFAULT-VALUE}.")
    int reportRows;

    @Option(names = "--id-column", paramLabel = "NAME",
            description = "A column that names each row (text or numbers; never a feature), passed through to the"
                    + " output as 'id' and used by the report.")
    String idColumn;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    ReferenceDataOptions reference;

    @Override
    public void declareOptions(CommandSpec command) {
        SamplingOptions.declare(command);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int threads = sampling.threads();
        if (heatmaps != null && heatmapRows < 1) {
            throw new IllegalArgumentException("--heatmap-rows must be at least 1, got " + heatmapRows);
        }
        if (report != null && reportRows < 0) {
            throw new IllegalArgumentException("--report-rows must be at least 0, got " + reportRows);
        }
        if (engine.equals("spark")) {
            String local = report != null ? "--report" : heatmaps != null ? "--heatmaps" : idColumn != null ? "--id-column"
                    : reference.training != null ? "--training-data" : reference.background != null ? "--background"
                    : reference.categorical != null ? "--categorical" : null;
            if (local != null) {
                throw new IllegalArgumentException(local + " runs with --engine local");
            }
        }
        if (engine.equals("spark")) {
            new RunOutputs(err).input("--model", input.model).input("--data", input.data).check("--out", out);
            return SparkEngine.explain(input, method, sampling, out.toString(), master, stdout, err);
        }
        if (!engine.equals("local")) {
            throw new IllegalArgumentException("--engine must be local or spark, got '" + engine + "'");
        }
        boolean json = ResultWriter.isJson(out);
        boolean toStandardOutput = out.toString().equals("-");
        try (RunOutputs outputs = new RunOutputs(err)) {
            outputs.input("--model", input.model).input("--data", input.data);
            reference.registerInputs(outputs);
            StagedFile file = toStandardOutput ? null : outputs.file("--out", out);
            StagedFile sidecar = toStandardOutput || json ? null
                    : outputs.file("--out (its provenance)", out.resolveSibling(out.getFileName() + ".provenance.json"));
            StagedFolder maps = heatmaps == null ? null : outputs.folder("--heatmaps", heatmaps);
            StagedFolder page = report == null ? null : outputs.folder("--report", report);
            try (ModelDataOptions.Loaded loaded = input.load(err, idColumn)) {
                // with --out -, standard output carries the CSV alone: the run's summary goes to standard error
                PrintWriter summary = toStandardOutput ? err : stdout;
                Function<Map<String, Object>, ResultWriter> writers = provenance -> toStandardOutput
                        ? CsvResultWriter.toStandardOutput(stdout, loaded.dataset().featureNames())
                        : ResultWriter.open(json, file.stream(), sidecar, loaded.dataset().featureNames(), provenance);
                return explain(loaded, outputs, writers, maps, page, summary, err, threads);
            }
        }
    }

    private int explain(ModelDataOptions.Loaded loaded, RunOutputs outputs,
                        Function<Map<String, Object>, ResultWriter> writers, StagedFolder maps, StagedFolder page,
                        PrintWriter report, PrintWriter err, int threads) throws IOException {
        loaded = OnnxTreesInJava.ifTreeShap(List.of(method), input, loaded, reference, err);
        SamplingOptions.requireMeaningfulGradients(List.of(method), loaded.model());
        Explainer explainer = sampling.explainers(List.of(method), loaded.dataset(), reference.read(List.of(method),
                loaded, input.external, sampling.seed(), err)).get(0);
        Model model = loaded.model();
        RowTargets t = loaded.targets();
        if (maps != null && model.imageShape().isEmpty()) {
            throw new IllegalArgumentException("--heatmaps needs an image model; " + input.model + " takes a flat vector"
                    + " (train one with 'jxplain train --image CxHxW')");
        }
        Dataset dataset = loaded.dataset();
        DMatrixRMaj rows = loaded.rows();
        Map<String, Object> provenance = RunProvenance.explaining(explainer, sampling.seed(), "i")
                .model(input.model.toString(), model.describe()).target(t)
                .data(input.data.toString().equals("-") ? "standard input" : input.data.toString())
                .with("standardized_with_model_statistics", loaded.standardized()).toMap();
        model.imageShape().ifPresent(shape -> provenance.put(ReportFiles.IMAGE_SHAPE, shape.toString()));
        if (!dataset.categories().isEmpty()) { // what names each code, in the report and for a reader of the CSV
            Map<String, Object> levels = new java.util.LinkedHashMap<>();
            dataset.featureNames().stream().filter(dataset.categories()::containsKey)
                    .forEach(f -> levels.put(f, dataset.categories().get(f)));
            provenance.put(ReportFiles.CATEGORIES, levels);
        }
        HeatmapFiles heatmapFiles = maps == null ? null : new HeatmapFiles(maps.path(),
                model.imageShape().orElseThrow(), explainer.name(), rows, heatmapRows, provenance);
        ResultWriter plain = writers.apply(provenance);
        ReportFiles.Collector collected = page == null ? null : new ReportFiles.Collector(plain);
        ResultWriter writer = collected == null ? plain : collected;
        double[][] values = page == null ? null : rowsOf(dataset.features());
        outputs.whenInterrupted(reason -> {
            writer.finish(false, reason);
            if (heatmapFiles != null) {
                heatmapFiles.finish(false, reason);
            }
            if (collected != null && writer.rowsWritten() > 0) {
                ReportFiles.write(page.path(), "Explanations (incomplete: " + reason + ")",
                        collected.explanations(explainer.name(), dataset.featureNames(), values, provenance),
                        images(collected, model, values, t), reportRows, null, provenance);
            }
        });
        long start = System.nanoTime();
        ExplainRun.Result results;
        try (ProgressBar progress = new ProgressBar(err, "explain", rows.numRows, ProgressBar.terminalAttached())) {
            results = ExplainRun.run(explainer, model, t, rows, dataset.rowIds(), sampling.seed(), threads, writer,
                    progress, 0, heatmapFiles == null ? null : heatmapFiles::block);
            writer.finish(true, null);
            if (heatmapFiles != null) {
                heatmapFiles.finish(true, null);
            }
            if (collected != null) {
                ReportFiles.write(page.path(), "Explanations: " + explainer.name() + " on " + input.data.getFileName(),
                        collected.explanations(explainer.name(), dataset.featureNames(), values, provenance),
                        images(collected, model, values, t), reportRows, null, provenance);
            }
            outputs.commit();
        } catch (IOException | RuntimeException e) {
            throw outputs.failed(e, writer.rowsWritten() > 0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.printf(Locale.ROOT, "explained %d rows with %s %s in %.2f s -> %s%n", results.rows(), explainer.name(),
                Summary.parameters(explainer.parameters()), seconds, out.toString().equals("-") ? "standard output" : out);
        if (heatmapFiles != null) {
            report.printf(Locale.ROOT, "wrote %d heat maps -> %s%n", heatmapFiles.written(), heatmaps);
        }
        if (page != null) {
            report.printf(Locale.ROOT, "wrote the report -> %s%n", this.report.resolve("index.html"));
        }
        Summary.printMeanAttributions(report, dataset.featureNames(), results.means());
        return 0;
    }

    /** An image model's rows as the report's pictures; null for a tabular model. */
    private ExplanationReport.Images images(ReportFiles.Collector collected, Model model, double[][] values,
                                            RowTargets targets) {
        return model.imageShape().map(shape -> collected.images(shape, values, targets.toString(), reportRows))
                .orElse(null);
    }

    /** The rows of a matrix as arrays (the report colours each row's dots by its feature values). */
    static double[][] rowsOf(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][];
        for (int i = 0; i < m.numRows; i++) {
            out[i] = java.util.Arrays.copyOfRange(m.data, i * m.numCols, (i + 1) * m.numCols);
        }
        return out;
    }
}
