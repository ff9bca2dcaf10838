package io.jxplain.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The checked input of a Spark explain or evaluate job: the feature columns' positions and the row key's. Every
 * check runs on the driver before any explaining task: missing or non-numeric columns, a width that differs from
 * the model's, nulls in a feature or key column, no rows.
 */
final class FeatureRows {
    /**
     * The column jxplain adds when no key column is given: each row's position in the input (zipWithIndex), which
     * for the same files read the same way is the line order, so row i gets the stream single-machine jxplain gives
     * row i. It costs one extra pass over the input.
     */
    static final String GENERATED_KEY = "_jxplain_row_id";

    final Dataset<Row> data;
    final int[] featureIndex;
    final int keyIndex;
    final List<String> features;

    private FeatureRows(Dataset<Row> data, int[] featureIndex, int keyIndex, List<String> features) {
        this.data = data;
        this.featureIndex = featureIndex;
        this.keyIndex = keyIndex;
        this.features = features;
    }

    /**
     * @param features   the feature columns in the model's input order; null or empty: every numeric column but the key
     * @param keyColumn  an integral column that identifies rows stably; null: {@link #GENERATED_KEY}, the row's position
     *                   in the input
     */
    static FeatureRows check(Dataset<Row> input, List<String> features, String keyColumn, int modelInputSize,
                             String modelName) {
        Dataset<Row> data = input;
        String key = keyColumn;
        if (key == null) {
            key = GENERATED_KEY;
            data = withRowIndex(data);
        }
        StructType schema = data.schema();
        int keyIndex = index(schema, key, "key column");
        DataType keyType = schema.fields()[keyIndex].dataType();
        if (!(keyType.equals(DataTypes.LongType) || keyType.equals(DataTypes.IntegerType)
                || keyType.equals(DataTypes.ShortType) || keyType.equals(DataTypes.ByteType))) {
            throw new IllegalArgumentException("key column '" + key + "' is " + keyType.simpleString()
                    + "; a row key must be an integer column");
        }
        List<String> chosen = new ArrayList<>();
        if (features == null || features.isEmpty()) {
            for (StructField f : schema.fields()) {
                if (!f.name().equals(key) && numeric(f.dataType())) {
                    chosen.add(f.name());
                }
            }
        } else {
            chosen.addAll(features);
        }
        int[] index = new int[chosen.size()];
        for (int j = 0; j < index.length; j++) {
            index[j] = index(schema, chosen.get(j), "feature column");
            DataType t = schema.fields()[index[j]].dataType();
            if (!numeric(t)) {
                throw new IllegalArgumentException("feature column '" + chosen.get(j) + "' is " + t.simpleString()
                        + ", not numeric");
            }
        }
        if (index.length != modelInputSize) {
            throw new IllegalArgumentException(modelName + " takes " + modelInputSize + " inputs but " + index.length
                    + " feature columns were chosen: " + io.jxplain.Names.shortList(chosen));
        }
        Column anyNull = functions.col(key).isNull();
        for (String c : chosen) {
            anyNull = anyNull.or(functions.col(c).isNull());
        }
        List<Row> withNull = data.filter(anyNull).limit(1).collectAsList();
        if (!withNull.isEmpty()) {
            Row r = withNull.get(0);
            List<String> nullColumns = new ArrayList<>();
            for (String c : chosen) {
                if (r.isNullAt(r.fieldIndex(c))) {
                    nullColumns.add(c);
                }
            }
            throw new IllegalArgumentException("the input has nulls: e.g. row with " + key + " = "
                    + (r.isNullAt(r.fieldIndex(key)) ? "null" : r.get(r.fieldIndex(key))) + " has null in "
                    + (nullColumns.isEmpty() ? List.of(key) : nullColumns) + "; fill or drop them first");
        }
        if (data.isEmpty()) {
            throw new IllegalArgumentException("the input has no rows");
        }
        return new FeatureRows(data, index, keyIndex, List.copyOf(chosen));
    }

    private static Dataset<Row> withRowIndex(Dataset<Row> input) {
        StructType schema = input.schema().add(GENERATED_KEY, DataTypes.LongType, false);
        org.apache.spark.api.java.JavaRDD<Row> indexed = input.javaRDD().zipWithIndex().map(t -> {
            Object[] v = new Object[t._1().size() + 1];
            for (int i = 0; i < t._1().size(); i++) {
                v[i] = t._1().get(i);
            }
            v[v.length - 1] = t._2();
            return org.apache.spark.sql.RowFactory.create(v);
        });
        return input.sparkSession().createDataFrame(indexed, schema);
    }

    /** The features of one row, as doubles, in the model's order. */
    static double[] features(Row row, int[] index) {
        double[] x = new double[index.length];
        for (int j = 0; j < index.length; j++) {
            Object v = row.get(index[j]);
            // TRUE/FALSE read as 1/0, as the local CSV reader does
            x[j] = v instanceof Boolean flag ? (flag ? 1 : 0)
                    : v instanceof java.math.BigDecimal b ? b.doubleValue() : ((Number) v).doubleValue();
        }
        return x;
    }

    static long key(Row row, int keyIndex) {
        return ((Number) row.get(keyIndex)).longValue();
    }

    private static int index(StructType schema, String name, String what) {
        String[] names = schema.fieldNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(what + " '" + name + "' is not in the input; its columns are "
                + io.jxplain.Names.shortList(Arrays.asList(names)));
    }

    /** Numbers, and booleans (1/0) as the local engine reads TRUE/FALSE cells. */
    private static boolean numeric(DataType t) {
        return t.equals(DataTypes.BooleanType) || t.equals(DataTypes.DoubleType) || t.equals(DataTypes.FloatType) || t.equals(DataTypes.LongType)
                || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.ShortType) || t.equals(DataTypes.ByteType)
                || t instanceof DecimalType;
    }
}
