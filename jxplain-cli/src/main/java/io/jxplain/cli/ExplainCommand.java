package io.jxplain.cli;

import io.jxplain.Version;
import io.jxplain.data.Dataset;
import io.jxplain.explain.Explainer;
import io.jxplain.model.Target;
import io.jxplain.model.Model;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain every row of a CSV file with a trained model.",
                "Writes one row per instance (attributions, standard errors, model calls) as it goes: an interrupted"
                        + " run keeps the rows it finished and is marked \"complete\": false."})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelDataOptions input;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Output: .csv or .json (--engine spark: a .csv or .parquet table, which must not exist).")
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
                    + " DIR/row-NNNNN.svg (at most --heatmap-rows of them).")
    Path heatmaps;

    @Option(names = "--heatmap-rows", defaultValue = "16", paramLabel = "N",
            description = "How many rows get a heat map. Default: ${DEFAULT-VALUE}.")
    int heatmapRows;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Mixin
    SamplingOptions sampling;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int threads = sampling.threads();
        if (engine.equals("spark")) {
            return SparkEngine.explain(input, sampling, out.toString(), master, stdout, err);
        }
        if (!engine.equals("local")) {
            throw new IllegalArgumentException("--engine must be local or spark, got '" + engine + "'");
        }
        try (ModelDataOptions.Loaded loaded = input.load(err)) {
            return explain(loaded, stdout, err, threads);
        }
    }

    private int explain(ModelDataOptions.Loaded loaded, PrintWriter stdout, PrintWriter err, int threads)
            throws IOException {
        Explainer explainer = sampling.explainer(loaded.dataset());
        Model model = loaded.model();
        Target t = loaded.target();
        if (heatmaps != null && model.imageShape().isEmpty()) {
            throw new IllegalArgumentException("--heatmaps needs an image model; " + input.model + " takes a flat vector"
                    + " (train one with 'jxplain train --image CxHxW')");
        }
        Dataset dataset = loaded.dataset();
        DMatrixRMaj rows = loaded.rows();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("method", explainer.name());
        provenance.put("parameters", explainer.parameters());
        provenance.put("seed", sampling.seed);
        provenance.put("row_streams", "row i uses RandomStreams.childSeed(seed, i)");
        provenance.put("model", input.model.toString());
        provenance.put("model_description", model.describe());
        provenance.put("target", t.toString());
        provenance.put("data", input.data.toString());
        provenance.put("standardized_with_model_statistics", loaded.standardized());
        provenance.put("jxplain_version", Version.get());
        long start = System.nanoTime();
        ExplainRun.Result results;
        try (ResultWriter writer = ResultWriter.open(out, dataset.featureNames(), provenance);
             ProgressBar progress = new ProgressBar(err, "explain", rows.numRows, ProgressBar.terminalAttached())) {
            Thread hook = new Thread(() -> finishQuietly(writer));
            Runtime.getRuntime().addShutdownHook(hook);
            results = ExplainRun.run(explainer, model, t, rows, sampling.seed, threads, writer, progress,
                    heatmaps == null ? 0 : heatmapRows);
            writer.finish(true);
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        stdout.printf(Locale.ROOT, "explained %d rows with %s %s in %.2f s -> %s%n", results.rows(), explainer.name(),
                explainer.parameters(), seconds, out);
        if (heatmaps != null) {
            int written = HeatmapFiles.write(heatmaps, model.imageShape().orElseThrow(), explainer.name(), t,
                    rows, results.kept(), heatmapRows);
            stdout.printf(Locale.ROOT, "wrote %d heat maps -> %s%n", written, heatmaps);
        }
        Summary.printMeanAttributions(stdout, dataset.featureNames(), results.means());
        return 0;
    }

    private static void finishQuietly(ResultWriter writer) {
        try {
            writer.finish(false);
        } catch (Exception ignored) {
            // the JVM is exiting: nothing more can be saved
        }
    }
}
