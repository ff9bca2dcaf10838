package io.jxplain.spark;

import io.jxplain.explain.Explainer;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.ejml.data.DMatrixRMaj;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The Spark benchmark (not a test): explains a generated table of N rows (six standard-normal features, key = row
 * number) with SmoothGrad on a built-in network, in Spark local[1] and local[2], and the same rows with
 * single-machine jxplain on 1 and 2 threads; prints rows/s and the ratios (scaling 1 → 2 cores, Spark's overhead
 * over jxplain alone). Spark's output goes to the "noop" sink so that only explaining is timed; each run is preceded
 * by a warm-up on a tenth of the rows. CORES (default 1,2) picks the runs: on a small machine run each alone in a JVM
 * confined to that many cores ({@code taskset -c 0 … 1}, {@code taskset -c 0,1 … 2}), so that the one-core run does not
 * get the garbage collector and the driver on a second core for free.
 * <pre>java -cp … io.jxplain.spark.SparkBench MODEL.json [ROWS] [SAMPLES] [CORES]</pre>
 */
public final class SparkBench {
    private SparkBench() {
    }

    public static void main(String[] args) {
        Path modelFile = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.setProperty("log4j2.configurationFile", "jxplain-spark-log4j2.properties");
        ModelSource source = ModelSource.of(modelFile);
        MethodSpec method = MethodSpec.of("smoothgrad").withSamples(samples);
        List<String> features = List.of("a", "b", "c", "d", "e", "f");
        List<Integer> coreCounts = args.length > 3
                ? java.util.Arrays.stream(args[3].split(",")).map(Integer::valueOf).toList() : List.of(1, 2);
        double[] sparkSeconds = {Double.NaN, Double.NaN};
        DMatrixRMaj matrix = null;
        for (int cores : coreCounts) {
            SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("jxplain-bench")
                    .config("spark.ui.enabled", "false")
                    // delay scheduling waits up to 3 s for a "better" slot for a cached partition; one JVM has none
                    // (measured: local[2] 3.4 s → 2.7 s)
                    .config("spark.locality.wait", "0").getOrCreate();
            Dataset<Row> table = spark.range(rows).toDF().repartition(4 * cores);
            for (int j = 0; j < features.size(); j++) {
                table = table.withColumn(features.get(j), functions.randn(17 + j));
            }
            table = table.withColumnRenamed("id", "key").cache();
            table.count();
            if (matrix == null) {
                matrix = collect(table, features, rows);
            }
            Dataset<Row> explained = SparkExplain.builder(source, method).features(features).keyColumn("key").seed(1L)
                    .build().explain(table);
            explained.limit(rows / 10).write().format("noop").mode("overwrite").save(); // warm-up: JIT, model cache
            long start = System.nanoTime();
            explained.write().format("noop").mode("overwrite").save();
            sparkSeconds[cores - 1] = (System.nanoTime() - start) / 1e9;
            spark.stop();
        }
        Model model = source.open();
        Explainer explainer = method.create();
        double[] localSeconds = {Double.NaN, Double.NaN};
        explainer.explainAll(model, Target.probability(1), org.ejml.dense.row.CommonOps_DDRM.extract(matrix, 0,
                rows / 10, 0, features.size()), 1L, 2); // warm-up
        for (int threads : coreCounts) {
            long start = System.nanoTime();
            explainer.explainAll(model, Target.probability(1), matrix, 1L, threads);
            localSeconds[threads - 1] = (System.nanoTime() - start) / 1e9;
        }
        System.out.printf(Locale.ROOT, "%d rows, smoothgrad n=%d, %s%n", rows, samples, model.describe());
        System.out.printf(Locale.ROOT, "%-22s %10s %12s%n", "run", "seconds", "rows/s");
        String[] names = {"spark local[1]", "spark local[2]", "jxplain 1 thread", "jxplain 2 threads"};
        double[] secs = {sparkSeconds[0], sparkSeconds[1], localSeconds[0], localSeconds[1]};
        for (int i = 0; i < 4; i++) {
            if (Double.isNaN(secs[i])) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%-22s %10.2f %12.0f%n", names[i], secs[i], rows / secs[i]);
        }
        if (coreCounts.size() > 1) {
            System.out.printf(Locale.ROOT, "spark scaling local[1] → local[2]: %.2f×%n", sparkSeconds[0] / sparkSeconds[1]);
        }
        for (int cores : coreCounts) {
            System.out.printf(Locale.ROOT, "spark overhead over jxplain alone, %d core(s): %+.0f%%%n", cores,
                    100 * (sparkSeconds[cores - 1] / localSeconds[cores - 1] - 1));
        }
    }

    /** The table's features in key order, for the single-machine runs. */
    private static DMatrixRMaj collect(Dataset<Row> table, List<String> features, int rows) {
        DMatrixRMaj m = new DMatrixRMaj(rows, features.size());
        for (Row r : table.select("key", features.toArray(String[]::new)).collectAsList()) {
            int i = (int) r.getLong(0);
            for (int j = 0; j < features.size(); j++) {
                m.set(i, j, r.getDouble(j + 1));
            }
        }
        return m;
    }
}
