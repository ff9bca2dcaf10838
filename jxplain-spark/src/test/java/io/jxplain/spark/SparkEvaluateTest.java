package io.jxplain.spark;

import io.jxplain.metric.Estimate;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.testing.ModelFixtures;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparkEvaluateTest {
    @BeforeAll
    static void start() {
        SparkExplainTest.start();
    }

    @AfterAll
    static void stop() {
        SparkExplainTest.stop();
    }

    @Test
    void perRowValuesEqualSingleMachineAndTheSummaryAggregatesThem() {
        int n = 300;
        Dataset<Row> rows = SparkExplainTest.table.filter("id < " + n).repartition(5);
        ModelSource source = ModelSource.of(ModelFixtures.path("mlp.json"));
        List<MethodSpec> methods = List.of(MethodSpec.of("gradient"), MethodSpec.of("smoothgrad").withSamples(20));
        List<MetricSpec> metrics = List.of(MetricSpec.of("infidelity").withSamples(20),
                MetricSpec.of("max-sensitivity").withSamples(10));
        SparkEvaluate job = SparkEvaluate.of(source, methods, metrics, "probability:0", List.of("a", "b", "c", "d", "e", "f"),
                "id", 5L);
        Dataset<Row> values = job.evaluate(rows).cache();
        assertEquals(n * 4, values.count());
        Model model = source.open();
        DMatrixRMaj x = CommonOps_DDRM.extract(SparkExplainTest.matrix, 0, n, 0, 6);
        List<SparkEvaluate.Summary> summary = SparkEvaluate.summary(values);
        java.util.Map<String, Double> byKey = new java.util.HashMap<>();
        for (Row r : values.collectAsList()) {
            byKey.put(r.getString(r.fieldIndex("method")) + "/" + r.getString(r.fieldIndex("metric")) + "/"
                    + r.getLong(r.fieldIndex("id")), r.getDouble(r.fieldIndex("value")));
        }
        assertEquals(4, summary.size());
        for (MethodSpec method : methods) {
            for (MetricSpec metric : metrics) {
                List<Estimate> local = metric.create(6).evaluateAll(model, Target.probability(0), method.create(), x, 5L, 2);
                double mean = 0;
                for (int i = 0; i < n; i++) {
                    assertEquals(local.get(i).value(), byKey.get(method.method() + "/" + metric.metric() + "/" + i), 0.0,
                            method.method() + " " + metric.metric() + " row " + i);
                }
                for (Estimate e : local) {
                    mean += e.value() / n;
                }
                SparkEvaluate.Summary s = summary.stream().filter(v -> v.method().equals(method.method())
                        && v.metric().equals(metric.metric())).findFirst().orElseThrow();
                assertEquals(mean, s.mean(), 1e-12 * Math.max(1, Math.abs(mean)));
                assertEquals(n, s.rows());
                assertTrue(s.standardError() > 0);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> MetricSpec.of("accuracy"));
    }
}
