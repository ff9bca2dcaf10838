package io.jxplain.spark;

import io.jxplain.catalog.RunProvenance;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Model;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Explains every row of a Spark {@code Dataset<Row>}: the input rows come back with added columns
 * {@code attributions} (array of doubles, in the feature columns' order), {@code standard_errors} (null for exact
 * methods), {@code model_calls}, optionally one {@code attr_<feature>} column per feature, and {@code provenance} (JSON:
 * method, parameters, seed, target, model, jxplain version).
 *
 * <p>Row r is explained with the random stream {@code RandomStreams.childSeed(seed, key(r))}, the one single-machine
 * jxplain uses for row index key(r) ({@link Explainer#explainRow}): with the same keys and seed the Spark result is
 * bit-identical to {@code explainAll}, whatever the partitioning. Each explanation batches its own samples into model
 * calls (at most the method's rows-per-call), so no value depends on which rows share a partition. The model travels
 * as bytes ({@link ModelSource}) and is opened once per executor JVM.
 */
public final class SparkExplain {
    private final ModelSource model;
    private final MethodSpec method;
    private final String target;
    private final List<String> features;
    private final String keyColumn;
    private final long seed;
    private final boolean columnPerFeature;

    private SparkExplain(Builder b) {
        this.model = b.model;
        this.method = b.method;
        this.target = b.target;
        this.features = b.features;
        this.keyColumn = b.keyColumn;
        this.seed = b.seed;
        this.columnPerFeature = b.columnPerFeature;
    }

    public static Builder builder(ModelSource model, MethodSpec method) {
        return new Builder(model, method);
    }

    /** The explained rows (lazy: nothing runs until the result is written or collected; the checks run now). */
    public Dataset<Row> explain(Dataset<Row> input) {
        model.requireNumericFeatures();
        Model driverModel = ExecutorModels.get(model);
        Target t = resolveTarget(driverModel, target);
        List<String> columns = features != null ? features
                : model.featureNames().isEmpty() ? null : model.featureNames();
        FeatureRows rows = FeatureRows.check(input, columns, keyColumn, driverModel.inputSize(), driverModel.describe());
        StructType schema = rows.data.schema()
                .add("f_x", DataTypes.DoubleType, false)
                .add("attributions", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add("standard_errors", DataTypes.createArrayType(DataTypes.DoubleType, false), true)
                .add("model_calls", DataTypes.LongType, false);
        if (columnPerFeature) {
            for (String f : rows.features) {
                schema = schema.add("attr_" + f, DataTypes.DoubleType, false);
            }
        }
        String provenance = provenance(method, t, model, seed);
        ExplainPartition task = new ExplainPartition(model, method, t.toString(), rows.featureIndex, rows.keyIndex, seed,
                columnPerFeature);
        // the same text on every row: a literal column, not a string converted row by row
        return rows.data.mapPartitions(task, Encoders.row(schema))
                .withColumn("provenance", org.apache.spark.sql.functions.lit(provenance));
    }

    /** The given target, or the CLI's default: probability:1 (binary), probability:0 (one class), output:0 (regression). */
    static Target resolveTarget(Model m, String target) {
        Target t;
        if (target != null) {
            t = Target.parse(target);
        } else if (m.outputKind() == OutputKind.REGRESSION) {
            t = Target.output(0);
        } else {
            t = Target.probability(m.outputSize() > 1 ? 1 : 0);
        }
        t.validateFor(m);
        return t;
    }

    static String provenance(MethodSpec method, Target t, ModelSource model, long seed) {
        Map<String, Object> p = RunProvenance.explaining(method.create(), seed, "key").model(model.name(), null)
                .target(t).toMap();
        try {
            return new ObjectMapper().writeValueAsString(p);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What runs on the executors: serialisable data only. */
    private record ExplainPartition(ModelSource model, MethodSpec method, String target, int[] featureIndex,
                                    int keyIndex, long seed, boolean columnPerFeature)
            implements MapPartitionsFunction<Row, Row> {
        /** Rows explained together: one explainKeyed call (one model call for methods that batch rows). */
        private static final int BLOCK = 64;

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            Model m = ExecutorModels.get(model);
            Explainer explainer = method.create();
            Target t = Target.parse(target);
            return new Iterator<>() {
                private final List<Row> block = new ArrayList<>(BLOCK);
                private List<Explanation> explained = List.of();
                private double[] explainedValues = new double[0];
                private int next;

                @Override
                public boolean hasNext() {
                    return next < block.size() || input.hasNext();
                }

                @Override
                public Row next() {
                    if (next == block.size()) {
                        explainNextBlock();
                    }
                    Row row = block.get(next);
                    double fx = explainedValues[next];
                    Explanation e = explained.get(next++);
                    List<Object> values = new ArrayList<>(row.size() + 4 + featureIndex.length);
                    for (int i = 0; i < row.size(); i++) {
                        values.add(row.get(i));
                    }
                    values.add(fx);
                    values.add(boxed(e.attributions()));
                    values.add(e.hasStandardErrors() ? boxed(e.standardErrors()) : null);
                    values.add(e.modelCalls());
                    if (columnPerFeature) {
                        for (double a : e.attributions()) {
                            values.add(a);
                        }
                    }
                    return RowFactory.create(values.toArray());
                }

                private void explainNextBlock() {
                    block.clear();
                    next = 0;
                    while (block.size() < BLOCK && input.hasNext()) {
                        block.add(input.next());
                    }
                    int d = featureIndex.length;
                    DMatrixRMaj x = new DMatrixRMaj(block.size(), d);
                    long[] keys = new long[block.size()];
                    for (int r = 0; r < block.size(); r++) {
                        keys[r] = FeatureRows.key(block.get(r), keyIndex);
                        double[] features = model.toModelInput(FeatureRows.features(block.get(r), featureIndex));
                        System.arraycopy(features, 0, x.data, r * d, d);
                    }
                    try {
                        explained = explainer.explainKeyed(m, t, x, keys, seed);
                    } catch (RuntimeException blockFailure) {
                        throw failingRow(x, keys, blockFailure);
                    }
                    // f(x) of the target, the value each explanation explains, as 'jxplain explain' writes it
                    explainedValues = BatchedEvaluation.values(m, t, x, BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL);
                }

                /** Which row of a failed block failed: explained one by one, the first failure names its key. */
                private RuntimeException failingRow(DMatrixRMaj x, long[] keys, RuntimeException blockFailure) {
                    int d = x.numCols;
                    for (int r = 0; r < keys.length; r++) {
                        try {
                            explainer.explain(m, t, java.util.Arrays.copyOfRange(x.data, r * d, (r + 1) * d),
                                    RandomStreams.childSeed(seed, keys[r]));
                        } catch (RuntimeException ex) {
                            return new IllegalStateException("row key " + keys[r] + ": " + ex.getMessage(), ex);
                        }
                    }
                    return blockFailure;
                }
            };
        }

        private static Double[] boxed(double[] v) {
            Double[] out = new Double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i];
            }
            return out;
        }
    }

    /** Options: the target, feature and key columns, seed, per-feature columns. */
    public static final class Builder {
        private final ModelSource model;
        private final MethodSpec method;
        private String target;
        private List<String> features;
        private String keyColumn;
        private long seed = 42L;
        private boolean columnPerFeature;

        private Builder(ModelSource model, MethodSpec method) {
            this.model = java.util.Objects.requireNonNull(model, "model");
            this.method = java.util.Objects.requireNonNull(method, "method");
        }

        /** probability:I, logit:I or output:I; null (the default) as the CLI's. */
        public Builder target(String t) {
            if (t != null) {
                Target.parse(t);
            }
            this.target = t;
            return this;
        }

        /** The feature columns in the model's input order; default every numeric column but the key. */
        public Builder features(List<String> columns) {
            this.features = List.copyOf(columns);
            return this;
        }

        /** A stable integer row key; without one, jxplain adds the row's position in the input (zipWithIndex). */
        public Builder keyColumn(String column) {
            this.keyColumn = column;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Also one attr_&lt;feature&gt; column per feature. */
        public Builder columnPerFeature(boolean on) {
            this.columnPerFeature = on;
            return this;
        }

        public SparkExplain build() {
            return new SparkExplain(this);
        }
    }
}
