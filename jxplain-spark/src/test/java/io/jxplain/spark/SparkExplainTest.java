package io.jxplain.spark;

import io.jxplain.explain.Explanation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.testing.ModelFixtures;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparkExplainTest {
    static final int ROWS = 2000;
    static SparkSession spark;
    static Dataset<Row> table;
    static DMatrixRMaj matrix;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("jxplain-test").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        SplittableRandom rng = new SplittableRandom(3);
        matrix = new DMatrixRMaj(ROWS, 6);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Object[] v = new Object[8];
            v[0] = (long) i;
            for (int j = 0; j < 6; j++) {
                matrix.set(i, j, rng.nextGaussian());
                v[j + 1] = matrix.get(i, j);
            }
            v[7] = "row" + i;
            rows.add(RowFactory.create(v));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType);
        for (char c = 'a'; c <= 'f'; c++) {
            schema = schema.add(String.valueOf(c), DataTypes.DoubleType);
        }
        schema = schema.add("name", DataTypes.StringType);
        table = spark.createDataFrame(rows, schema).repartition(3);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static final List<String> FEATURES = List.of("a", "b", "c", "d", "e", "f");

    private static Map<Long, Row> byKey(Dataset<Row> explained) {
        Map<Long, Row> out = new HashMap<>();
        for (Row r : explained.collectAsList()) {
            out.put(r.getLong(r.fieldIndex("id")), r);
        }
        return out;
    }

    private static double[] doubles(Row r, String column) {
        List<Double> list = r.getList(r.fieldIndex(column));
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void sparkEqualsSingleMachineRowByRowWhateverThePartitioning() {
        ModelSource source = ModelSource.of(ModelFixtures.path("mlp.json"));
        MethodSpec smoothgrad = MethodSpec.of("smoothgrad").withSamples(20);
        SparkExplain job = SparkExplain.builder(source, smoothgrad).features(FEATURES).keyColumn("id").seed(11L)
                .columnPerFeature(true).build();
        Map<Long, Row> three = byKey(job.explain(table));
        Map<Long, Row> seven = byKey(job.explain(table.repartition(7)));
        Model model = source.open();
        List<Explanation> local = smoothgrad.create().explainAll(model, Target.probability(1), matrix, 11L, 2);
        assertEquals(ROWS, three.size());
        for (int i = 0; i < ROWS; i++) {
            Row r = three.get((long) i);
            assertArrayEquals(local.get(i).attributions(), doubles(r, "attributions"), 0.0, "row " + i);
            assertArrayEquals(local.get(i).standardErrors(), doubles(r, "standard_errors"), 0.0);
            assertEquals(local.get(i).modelCalls(), r.getLong(r.fieldIndex("model_calls")));
            assertEquals(local.get(i).attribution(2), r.getDouble(r.fieldIndex("attr_c")), 0.0);
            assertEquals("row" + i, r.getString(r.fieldIndex("name")), "input columns are kept");
            assertArrayEquals(doubles(r, "attributions"), doubles(seven.get((long) i), "attributions"), 0.0);
        }
        String provenance = three.get(0L).getString(three.get(0L).fieldIndex("provenance"));
        assertTrue(provenance.contains("\"method\":\"smoothgrad\"") && provenance.contains("\"seed\":11")
                && provenance.contains("\"target\":\"probability:1\""), provenance);
    }

    @Test
    void methodsThatBatchRowsGiveTheSingleMachineValuesWhateverThePartitioning() {
        ModelSource source = ModelSource.of(ModelFixtures.path("mlp.json"));
        MethodSpec ig = MethodSpec.of("integrated-gradients"); // partitions explain blocks of 64 rows in one call
        SparkExplain job = SparkExplain.builder(source, ig).features(FEATURES).keyColumn("id").build();
        Map<Long, Row> three = byKey(job.explain(table));
        Map<Long, Row> seven = byKey(job.explain(table.repartition(7)));
        List<Explanation> local = ig.create().explainAll(source.open(), Target.probability(1), matrix, 1L, 2);
        for (int i = 0; i < ROWS; i++) {
            assertArrayEquals(local.get(i).attributions(), doubles(three.get((long) i), "attributions"), 0.0, "row " + i);
            assertArrayEquals(local.get(i).attributions(), doubles(seven.get((long) i), "attributions"), 0.0, "row " + i);
        }
    }

    @Test
    void onnxModelsTravelAsBytesAndAgreeWithTheBuiltInNetwork() {
        Dataset<Row> small = table.limit(200);
        MethodSpec occlusion = MethodSpec.of("occlusion");
        Map<Long, Row> onnx = byKey(SparkExplain.builder(ModelSource.of(ModelFixtures.path("mlp.onnx")), occlusion)
                .features(FEATURES).keyColumn("id").build().explain(small));
        Map<Long, Row> json = byKey(SparkExplain.builder(ModelSource.of(ModelFixtures.path("mlp.json")), occlusion)
                .features(FEATURES).keyColumn("id").build().explain(small));
        assertEquals(200, onnx.size());
        for (Map.Entry<Long, Row> e : onnx.entrySet()) {
            assertArrayEquals(doubles(json.get(e.getKey()), "attributions"), doubles(e.getValue(), "attributions"), 1e-12);
            assertNull(e.getValue().get(e.getValue().fieldIndex("standard_errors")), "occlusion is exact");
        }
    }

    @Test
    void badInputIsRefusedOnTheDriverWithAClearMessage() {
        ModelSource mlp = ModelSource.of(ModelFixtures.path("mlp.json"));
        MethodSpec gradient = MethodSpec.of("gradient");
        assertMessage("feature column 'g' is not in the input", () -> SparkExplain.builder(mlp, gradient)
                .features(List.of("a", "b", "c", "d", "e", "g")).keyColumn("id").build().explain(table));
        assertMessage("feature column 'name' is string, not numeric", () -> SparkExplain.builder(mlp, gradient)
                .features(List.of("a", "b", "c", "d", "e", "name")).keyColumn("id").build().explain(table));
        assertMessage("takes 6 inputs but 5 feature columns were chosen", () -> SparkExplain.builder(mlp, gradient)
                .features(List.of("a", "b", "c", "d", "e")).keyColumn("id").build().explain(table));
        assertMessage("the input has no rows", () -> SparkExplain.builder(mlp, gradient).features(FEATURES)
                .keyColumn("id").build().explain(table.limit(0)));
        Dataset<Row> withNull = table.withColumn("c", org.apache.spark.sql.functions.when(
                org.apache.spark.sql.functions.col("id").equalTo(17), null).otherwise(org.apache.spark.sql.functions.col("c")));
        assertMessage("row with id = 17 has null in [c]", () -> SparkExplain.builder(mlp, gradient).features(FEATURES)
                .keyColumn("id").build().explain(withNull));
        assertMessage("key column 'name' is string; a row key must be an integer column", () -> SparkExplain
                .builder(mlp, gradient).features(FEATURES).keyColumn("name").build().explain(table));
        assertMessage("unknown method 'gradient-descent'", () -> MethodSpec.of("gradient-descent"));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable run) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aFailingRowFailsItsTaskNamingTheRowKey() {
        ModelSource nan = ModelSource.of(ModelFixtures.path("nan.onnx"));
        Dataset<Row> explained = SparkExplain.builder(nan, MethodSpec.of("occlusion")).features(FEATURES)
                .keyColumn("id").build().explain(table);
        Exception e = assertThrows(Exception.class, explained::collectAsList);
        String all = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : e.getCause().getMessage());
        assertTrue(all.matches("(?s).*row key \\d+: finite differences of ONNX nan.onnx.*returned a non-finite output.*"),
                all);
    }
}
