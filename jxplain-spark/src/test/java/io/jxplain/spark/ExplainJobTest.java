package io.jxplain.spark;

import io.jxplain.explain.Explanation;
import io.jxplain.model.Target;
import io.jxplain.testing.ModelFixtures;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplainJobTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ExplainJob.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** 300 rows: id, six features, a label; the matrix of features for the single-machine comparison. */
    private DMatrixRMaj writeCsv(Path file) throws IOException {
        SplittableRandom rng = new SplittableRandom(8);
        DMatrixRMaj x = new DMatrixRMaj(300, 6);
        StringBuilder csv = new StringBuilder("id,a,b,c,d,e,f,label\n");
        for (int i = 0; i < 300; i++) {
            csv.append(i);
            for (int j = 0; j < 6; j++) {
                x.set(i, j, Math.round(rng.nextGaussian() * 1e6) / 1e6); // what the CSV round-trips exactly
                csv.append(',').append(String.format(Locale.ROOT, "%.6f", x.get(i, j)));
            }
            csv.append(',').append(i % 2).append('\n');
        }
        Files.writeString(file, csv);
        return x;
    }

    @Test
    void explainsACsvIntoParquetAndCsvAsSingleMachineJxplainDoes() throws IOException {
        Path csv = dir.resolve("in.csv");
        DMatrixRMaj x = writeCsv(csv);
        Path parquet = dir.resolve("out.parquet");
        Run r = run("--master", "local[2]", "--input", csv.toString(), "--output", parquet.toString(), "--model",
                ModelFixtures.path("mlp.onnx").toString(), "--key", "id", "--label-column", "label", "--method",
                "closed-form", "--samples", "50", "--seed", "9");
        assertEquals(0, r.code(), r.err());
        List<Explanation> local = MethodSpec.of("closed-form").withSamples(50).create()
                .explainAll(ModelSource.of(ModelFixtures.path("mlp.onnx")).open(), Target.probability(1), x, 9L, 2);
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<Row> rows = spark.read().parquet(parquet.toString()).collectAsList();
            assertEquals(300, rows.size());
            for (Row row : rows) {
                int i = row.getInt(row.fieldIndex("id"));
                List<Double> a = row.getList(row.fieldIndex("attributions"));
                for (int j = 0; j < 6; j++) {
                    assertEquals(local.get(i).attribution(j), a.get(j), 0.0, "row " + i);
                }
            }
        } finally {
            spark.stop();
        }
        Path outCsv = dir.resolve("out.csv");
        Run c = run("--master", "local[2]", "--input", csv.toString(), "--output", outCsv.toString(), "--model",
                ModelFixtures.path("mlp.json").toString(), "--key", "id", "--label-column", "label", "--method", "occlusion");
        assertEquals(0, c.code(), c.err());
        String header = Files.list(outCsv).filter(p -> p.getFileName().toString().startsWith("part-"))
                .map(p -> {
                    try {
                        return Files.readAllLines(p).get(0);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).findFirst().orElseThrow();
        assertTrue(header.contains("attr_a") && header.contains("se_f") && !header.contains("attributions"), header);
        Run again = run("--master", "local[2]", "--input", csv.toString(), "--output", outCsv.toString(), "--model",
                ModelFixtures.path("mlp.json").toString(), "--key", "id", "--label-column", "label");
        assertEquals(1, again.code());
        assertTrue(again.err().startsWith("jxplain-spark: error: ") && again.err().contains("already exists"), again.err());
    }

    @Test
    void aFailedJobLeavesNoTable() throws IOException {
        Path csv = dir.resolve("in.csv");
        writeCsv(csv);
        Path out = dir.resolve("never.parquet");
        Run r = run("--master", "local[2]", "--input", csv.toString(), "--output", out.toString(), "--model",
                ModelFixtures.path("nan.onnx").toString(), "--key", "id", "--label-column", "label", "--method", "occlusion");
        assertEquals(1, r.code());
        assertTrue(r.err().matches("(?s)jxplain-spark: error: row key \\d+: .*non-finite output.*"), r.err());
        boolean anyData = Files.exists(out) && Files.walk(out).anyMatch(p -> p.getFileName().toString().startsWith("part-")
                || p.getFileName().toString().equals("_SUCCESS"));
        assertTrue(!anyData, "a failed job must not leave data files or a _SUCCESS marker");
    }

    @Test
    void evaluatesAndPrintsMeansWithHalfWidths() throws IOException {
        Path csv = dir.resolve("in.csv");
        writeCsv(csv);
        Path out = dir.resolve("eval.parquet");
        Run r = run("--master", "local[2]", "--input", csv.toString(), "--output", out.toString(), "--model",
                ModelFixtures.path("mlp.json").toString(), "--key", "id", "--label-column", "label", "--methods",
                "gradient,occlusion", "--metric", "infidelity", "--infidelity-samples", "20", "--max-rows", "100",
                "--noise-sigma2", "0.04");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*gradient +infidelity +[0-9.e+-]+ ± [0-9.e+-]+ +100.*"), r.out());
        assertTrue(r.out().matches("(?s).*occlusion +infidelity.*"), r.out());
    }
}
