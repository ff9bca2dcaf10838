package io.jxplain.spark;

import io.jxplain.explain.Explainer;
import io.jxplain.metric.Estimate;
import io.jxplain.metric.Metric;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Evaluates explanation methods with metrics on every row of a Spark {@code Dataset<Row>}: one output row per input
 * row, method and metric, with the input's columns and {@code method}, {@code metric}, {@code value},
 * {@code standard_error} (NaN when the metric has none), {@code model_calls}. Row r of every method/metric pair uses
 * the stream {@code childSeed(seed, key(r))}, as single-machine {@code Metric.evaluateAll} (and {@code jxplain
 * evaluate}) does for row index key(r). {@link #summary} aggregates mean ± standard error per method and metric.
 */
public final class SparkEvaluate {
    /** One method × metric aggregate: the mean over rows, its standard error (sd/√n) and the row count. */
    public record Summary(String method, String metric, double mean, double standardError, long rows) {
    }

    private final ModelSource model;
    private final List<MethodSpec> methods;
    private final List<MetricSpec> metrics;
    private final String target;
    private final List<String> features;
    private final String keyColumn;
    private final long seed;

    private SparkEvaluate(ModelSource model, List<MethodSpec> methods, List<MetricSpec> metrics, String target,
                          List<String> features, String keyColumn, long seed) {
        if (methods.isEmpty() || metrics.isEmpty()) {
            throw new IllegalArgumentException("evaluate needs at least one method and one metric");
        }
        this.model = model;
        this.methods = List.copyOf(methods);
        this.metrics = List.copyOf(metrics);
        this.target = target;
        this.features = features;
        this.keyColumn = keyColumn;
        this.seed = seed;
    }

    /**
     * @param target     probability:I, logit:I or output:I; null for the CLI's default
     * @param features   feature columns in the model's order; null for every numeric column but the key
     * @param keyColumn  stable integer row key; null for the row's position in the input (zipWithIndex)
     */
    public static SparkEvaluate of(ModelSource model, List<MethodSpec> methods, List<MetricSpec> metrics, String target,
                                   List<String> features, String keyColumn, long seed) {
        return new SparkEvaluate(model, methods, metrics, target, features, keyColumn, seed);
    }

    /** The per-row values (lazy; the input checks run now). */
    public Dataset<Row> evaluate(Dataset<Row> input) {
        model.requireNumericFeatures();
        Model driverModel = ExecutorModels.get(model);
        Target t = SparkExplain.resolveTarget(driverModel, target);
        List<String> columns = features != null ? features
                : model.featureNames().isEmpty() ? null : model.featureNames();
        FeatureRows rows = FeatureRows.check(input, columns, keyColumn, driverModel.inputSize(), driverModel.describe());
        for (MetricSpec m : metrics) {
            m.create(driverModel.inputSize()); // settings that do not fit the data fail on the driver
        }
        StructType schema = rows.data.schema()
                .add("method", DataTypes.StringType, false)
                .add("metric", DataTypes.StringType, false)
                .add("value", DataTypes.DoubleType, false)
                .add("standard_error", DataTypes.DoubleType, false)
                .add("model_calls", DataTypes.LongType, false);
        EvaluateRows task = new EvaluateRows(model, methods, metrics, t.toString(), rows.featureIndex, rows.keyIndex, seed);
        return rows.data.flatMap(task, Encoders.row(schema));
    }

    /** Mean ± standard error per method and metric over the rows of {@link #evaluate}'s result. */
    public static List<Summary> summary(Dataset<Row> evaluated) {
        List<Summary> out = new ArrayList<>();
        for (Row r : evaluated.groupBy("method", "metric")
                .agg(functions.avg("value"), functions.stddev_samp("value"), functions.count("value"))
                .orderBy("method", "metric").collectAsList()) {
            long n = r.getLong(4);
            double sd = r.isNullAt(3) ? Double.NaN : r.getDouble(3);
            out.add(new Summary(r.getString(0), r.getString(1), r.getDouble(2), sd / Math.sqrt(n), n));
        }
        return out;
    }

    /** What runs on the executors: every method × metric for each row. */
    private record EvaluateRows(ModelSource model, List<MethodSpec> methods, List<MetricSpec> metrics, String target,
                                int[] featureIndex, int keyIndex, long seed) implements FlatMapFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Row row) {
            Model m = ExecutorModels.get(model);
            Target t = Target.parse(target);
            long key = FeatureRows.key(row, keyIndex);
            double[] x = model.toModelInput(FeatureRows.features(row, featureIndex));
            List<Row> out = new ArrayList<>();
            for (MethodSpec method : methods) {
                Explainer explainer = method.create();
                for (MetricSpec spec : metrics) {
                    Metric metric = spec.create(x.length);
                    Estimate e;
                    try {
                        e = metric.evaluate(m, t, explainer, x, RandomStreams.childSeed(seed, key));
                    } catch (RuntimeException ex) {
                        throw new IllegalStateException("row key " + key + " (" + method.method() + ", " + spec.metric()
                                + "): " + ex.getMessage(), ex);
                    }
                    Object[] values = new Object[row.size() + 5];
                    for (int i = 0; i < row.size(); i++) {
                        values[i] = row.get(i);
                    }
                    values[row.size()] = method.method();
                    values[row.size() + 1] = spec.metric();
                    values[row.size() + 2] = e.value();
                    values[row.size() + 3] = e.standardError();
                    values[row.size() + 4] = e.evaluations();
                    out.add(RowFactory.create(values));
                }
            }
            return out.iterator();
        }
    }
}
