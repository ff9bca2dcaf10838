package io.jxplain.spark;

import io.jxplain.model.ImageShape;
import io.jxplain.model.OutputKind;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import io.jxplain.catalog.ExplainerCatalog;
import io.jxplain.options.MethodOptions;
import io.jxplain.options.MetricOptions;
import io.jxplain.options.SettingOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The spark-submit job: reads a CSV or Parquet table, explains (or, with --metric, evaluates) every row, and writes
 * Parquet or CSV through Spark's output committer, so a failed job leaves no half-written table.
 * <pre>
 * spark-submit --class io.jxplain.spark.ExplainJob --master yarn jxplain-spark.jar \
 *     --input hdfs:///t/day.parquet --output hdfs:///t/explained.parquet --model model.onnx --key id --method closed-form
 * </pre>
 * The model file is read on the driver and shipped to executors as bytes.
 */
@Command(name = "jxplain-spark", mixinStandardHelpOptions = true,
        description = "Explain or evaluate every row of a table on Apache Spark.")
public final class ExplainJob implements Callable<Integer>, SettingOptions.Declares {
    @Option(names = "--input", required = true, paramLabel = "PATH", description = "Input table: .csv (with a header) or .parquet.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "PATH",
            description = "Output table: .parquet (arrays kept) or .csv (one attr_/se_ column per feature). Must not exist.")
    String output;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = ".json (built-in), .onnx or .pt.")
    Path model;

    @Option(names = "--method", defaultValue = ExplainerCatalog.DEFAULT_METHOD, paramLabel = "NAME",
            description = "Explanation method ('jxplain methods' lists them). Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--methods", split = ",", paramLabel = "NAME,…", description = "With --metric: the methods evaluated (default: --method).")
    List<String> methods;

    @Option(names = "--metric", split = ",", paramLabel = "NAME,…",
            description = "Evaluate instead of explain: infidelity, max-sensitivity, avg-sensitivity, lipschitz, robustness.")
    List<String> metrics;

    @Option(names = "--target", paramLabel = "KIND:I", description = "probability:I, logit:I or output:I.")
    String target;

    @Option(names = "--features", split = ",", paramLabel = "COL,…",
            description = "Feature columns in the model's order. Default: every numeric column but the key and label.")
    List<String> features;

    @Option(names = "--key", paramLabel = "COL",
            description = "Stable integer row key: row r uses the stream (seed, key). Without it, the row's position in"
                    + " the input (line order for the same files), as 'jxplain explain' numbers rows.")
    String key;

    @Option(names = "--label-column", paramLabel = "COL", description = "A column that is not a feature.")
    String labelColumn;

    @Option(names = "--output-kind", paramLabel = "KIND", description = "External models: logits, probabilities or regression.")
    String outputKind;

    @Option(names = "--input-shape", paramLabel = "CxHxW", description = "TorchScript image models.")
    String inputShape;

    @Option(names = "--columns-per-feature", description = "Parquet: also one attr_<feature> column per feature.")
    boolean columnsPerFeature;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master when not set by spark-submit, e.g. local[2].")
    String master;

    @Option(names = "--max-rows", paramLabel = "N", description = "Only the first N rows.")
    Integer maxRows;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** The catalogue's method and metric settings, with the names and defaults of 'jxplain explain' and 'evaluate'. */
    @Override
    public void declareOptions(CommandLine.Model.CommandSpec command) {
        MethodOptions.declare(command);
        MetricOptions.declare(command);
    }

    /** Runs the job with the given streams; returns the exit code (0, or 1 for an error, printed as one line). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, "jxplain-spark");
    }

    /** As above, an error's line starting with {@code program} (jxplain when its CLI runs the job: one voice). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, String program) {
        CommandLine cli = SettingOptions.declareAll(new CommandLine(new ExplainJob()));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println(program + ": error: " + rootMessage(e));
            c.getErr().flush();
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (master != null && System.getProperty("log4j2.configurationFile") == null) {
            // in-process: Spark's default console logging at INFO would bury the job's own output
            System.setProperty("log4j2.configurationFile", "jxplain-spark-log4j2.properties");
        }
        SparkSession.Builder b = SparkSession.builder().appName("jxplain");
        if (master != null && master.startsWith("local")) {
            // one JVM: no "better" slot to wait for, so no delay scheduling (it held cached partitions back up to 3 s)
            b.master(master).config("spark.ui.enabled", "false").config("spark.locality.wait", "0");
        } else if (master != null) {
            b.master(master).config("spark.ui.enabled", "false");
        }
        SparkSession spark = b.getOrCreate();
        try {
            return run(spark, out);
        } finally {
            if (master != null) {
                spark.stop(); // in-process runs (the CLI, tests) own their session
            }
        }
    }

    private int run(SparkSession spark, PrintWriter out) {
        long start = System.nanoTime();
        Dataset<Row> table = read(spark, input);
        if (maxRows != null) {
            table = table.limit(maxRows);
        }
        ModelSource source = source(table);
        List<String> chosen = features != null ? features
                : !source.featureNames().isEmpty() ? source.featureNames() : defaultFeatures(table);
        if (metrics != null && !metrics.isEmpty()) {
            List<MethodSpec> specs = new ArrayList<>();
            for (String m : methods == null ? List.of(method) : methods) {
                specs.add(methodSpec(m));
            }
            List<MetricSpec> metricSpecs = new ArrayList<>();
            for (String m : metrics) {
                metricSpecs.add(MetricSpec.of(m).with(MetricOptions.chosen(spec)));
            }
            Dataset<Row> values = SparkEvaluate.of(source, specs, metricSpecs, target, chosen, key,
                    MethodOptions.seed(spec)).evaluate(table);
            write(values, output);
            Dataset<Row> written = read(spark, output);
            out.printf(Locale.ROOT, "%-18s %-16s %28s %10s%n", "method", "metric", "mean ± 95% half-width", "rows");
            for (SparkEvaluate.Summary s : SparkEvaluate.summary(written)) {
                out.printf(Locale.ROOT, "%-18s %-16s %28s %10d%n", s.method(), s.metric(),
                        String.format(Locale.ROOT, "%.6g ± %.2g", s.mean(), 1.959963984540054 * s.standardError()), s.rows());
            }
        } else {
            SparkExplain job = SparkExplain.builder(source, methodSpec(method)).target(target).features(chosen)
                    .keyColumn(key).seed(MethodOptions.seed(spec)).columnPerFeature(columnsPerFeature && !isCsv(output)).build();
            Dataset<Row> explained = job.explain(table);
            if (isCsv(output)) {
                explained = flattenForCsv(explained, chosen);
            }
            write(explained, output);
        }
        out.printf(Locale.ROOT, "wrote %s in %.1f s%n", output, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private MethodSpec methodSpec(String name) {
        return MethodSpec.of(name).with(MethodOptions.shared(spec), MethodOptions.methodSettings(spec));
    }

    private ModelSource source(Dataset<Row> table) {
        ModelSource s = ModelSource.of(model);
        if (outputKind != null) {
            s = s.withOutputKind(OutputKind.valueOf(outputKind.trim().toUpperCase(Locale.ROOT)));
        }
        if (inputShape != null) {
            s = s.withImageShape(ImageShape.parse(inputShape));
        } else if (s.format() == ModelSource.Format.TORCHSCRIPT) {
            s = s.withInputSize(features != null ? features.size() : defaultFeatures(table).size());
        }
        return s;
    }

    /** Every numeric column but the key and the label. */
    private List<String> defaultFeatures(Dataset<Row> table) {
        List<String> out = new ArrayList<>();
        for (StructField f : table.schema().fields()) {
            boolean numeric = f.dataType() instanceof org.apache.spark.sql.types.NumericType
                    || f.dataType().equals(org.apache.spark.sql.types.DataTypes.BooleanType); // 1/0, as locally
            if (numeric && !f.name().equals(key) && !f.name().equals(labelColumn)) {
                out.add(f.name());
            }
        }
        return out;
    }

    private static Dataset<Row> read(SparkSession spark, String path) {
        if (isCsv(path)) {
            checkHeader(spark, path);
            return spark.read().option("header", "true").option("inferSchema", "true").option("escape", "\"").csv(path);
        }
        if (path.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            return spark.read().parquet(path);
        }
        throw new IllegalArgumentException(path + ": tables must end in .csv or .parquet");
    }

    /**
     * The header by the local reader's rules (names unique and non-empty, a byte-order mark not part of a name): Spark
     * would rename a repeated "a" to "a0", "a1" and explain other columns than the local engine.
     */
    private static void checkHeader(SparkSession spark, String path) {
        List<Row> first = spark.read().option("header", "false").option("escape", "\"").csv(path).limit(1)
                .collectAsList();
        if (first.isEmpty()) {
            throw new IllegalArgumentException(path + ": the file is empty (no header row)");
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < first.get(0).size(); j++) {
            String cell = first.get(0).isNullAt(j) ? "" : first.get(0).getString(j);
            names.add((j == 0 && cell.startsWith("\uFEFF") ? cell.substring(1) : cell).trim());
        }
        io.jxplain.data.TableConverter.checkHeader(path, names);
    }

    /** Through Spark's committer: the table appears only when every task has succeeded. */
    private static void write(Dataset<Row> data, String path) {
        if (isCsv(path)) {
            // RFC 4180 quoting (a quote inside a field is doubled), which every CSV reader takes; Spark's default is \"
            data.write().mode(SaveMode.ErrorIfExists).option("header", "true").option("escape", "\"").csv(path);
        } else if (path.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            data.write().mode(SaveMode.ErrorIfExists).parquet(path);
        } else {
            throw new IllegalArgumentException(path + ": tables must end in .csv or .parquet");
        }
    }

    /** CSV has no arrays: one attr_&lt;f&gt; and se_&lt;f&gt; column per feature instead. */
    private static Dataset<Row> flattenForCsv(Dataset<Row> explained, List<String> features) {
        Dataset<Row> d = explained;
        for (int j = 0; j < features.size(); j++) {
            d = d.withColumn("attr_" + features.get(j), functions.col("attributions").getItem(j))
                    .withColumn("se_" + features.get(j), functions.col("standard_errors").getItem(j));
        }
        return d.drop("attributions", "standard_errors");
    }

    private static boolean isCsv(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = String.valueOf(e.getMessage());
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && t.getMessage().startsWith("row key ")) {
                message = t.getMessage();
            }
        }
        return message.replace('\n', ' ');
    }
}
