package io.jxplain.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** explain --engine spark runs the jxplain-spark job in-process and gives the local run's values. */
class SparkEngineTest {
    @TempDir
    Path dir;

    @Test
    void sparkEngineEqualsTheLocalEngineRowByRow() throws IOException {
        Path data = dir.resolve("six.csv");
        SplittableRandom rng = new SplittableRandom(4);
        StringBuilder csv = new StringBuilder("a,b,c,d,e,f,label\n");
        for (int i = 0; i < 150; i++) {
            for (int j = 0; j < 6; j++) {
                csv.append(String.format(Locale.ROOT, "%.5f,", rng.nextGaussian()));
            }
            csv.append(i % 3).append('\n');
        }
        Files.writeString(data, csv);
        String model = Path.of("..", "fixtures", "models", "mlp.onnx").toString();
        Path local = dir.resolve("local.csv");
        CliTestSupport.Result l = CliTestSupport.run("explain", "--model", model, "--data", data.toString(),
                "--label-column", "label", "--method", "closed-form", "--samples", "40", "--seed", "3", "--out",
                local.toString());
        assertEquals(0, l.exitCode(), l.err());
        Path spark = dir.resolve("spark.csv");
        CliTestSupport.Result s = CliTestSupport.run("explain", "--engine", "spark", "--master", "local[2]", "--model",
                model, "--data", data.toString(), "--label-column", "label", "--method", "closed-form", "--samples", "40",
                "--seed", "3", "--out", spark.toString());
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("wrote " + spark), s.out());
        Map<Integer, CSVRecord> byRow = sparkRows(spark);
        assertEquals(150, byRow.size());
        try (Reader in = Files.newBufferedReader(local)) {
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)
                    .getRecords();
            for (CSVRecord r : rows) {
                int i = Integer.parseInt(r.get("row"));
                assertEquals(Double.parseDouble(r.get("f_x")), Double.parseDouble(byRow.get(i).get("f_x")), 0.0,
                        "row " + i + " f(x)");
                for (char f = 'a'; f <= 'f'; f++) {
                    assertEquals(Double.parseDouble(r.get("attr_" + f)), Double.parseDouble(byRow.get(i).get("attr_" + f)),
                            0.0, "row " + i + " feature " + f);
                    assertEquals(Double.parseDouble(r.get("se_" + f)), Double.parseDouble(byRow.get(i).get("se_" + f)),
                            0.0);
                }
            }
        }
        CliTestSupport.Result bad = CliTestSupport.run("explain", "--engine", "spark", "--model", model, "--data",
                data.toString(), "--out", dir.resolve("x.json").toString());
        assertEquals(Main.USER_ERROR, bad.exitCode());
        assertTrue(bad.err().contains("--out must end in .csv or .parquet"), bad.err());
    }

    /**
     * The two engines read the same files the same way: TRUE/FALSE cells as 1/0, a byte-order mark not part of the first
     * name, and a repeated header name refused with the same words (Spark would have renamed it "x10", "x11").
     */
    @Test
    void bothEnginesReadBooleansByteOrderMarksAndRepeatedNamesAlike() throws IOException {
        Path files = Path.of("..", "fixtures", "bad-inputs", "files");
        Path boolModel = dir.resolve("bool.json");
        assertEquals(0, CliTestSupport.run("train", "--data", files.resolve("booleans.csv").toString(), "--target",
                "label", "--epochs", "2", "--out", boolModel.toString()).exitCode());
        Map<String, String> cases = Map.of("booleans.csv", boolModel.toString(),
                "bom.csv", files.resolve("model.json").toString());
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String data = files.resolve(c.getKey()).toString();
            Path local = dir.resolve("local-" + c.getKey());
            CliTestSupport.Result l = CliTestSupport.run("explain", "--model", c.getValue(), "--data", data,
                    "--method", "smoothgrad", "--samples", "30", "--out", local.toString());
            assertEquals(0, l.exitCode(), c.getKey() + ": " + l.err());
            Path spark = dir.resolve("spark-" + c.getKey());
            CliTestSupport.Result s = CliTestSupport.run("explain", "--engine", "spark", "--master", "local[1]",
                    "--model", c.getValue(), "--data", data, "--method", "smoothgrad", "--samples", "30", "--out",
                    spark.toString());
            assertEquals(0, s.exitCode(), c.getKey() + ": " + s.err());
            Map<Integer, CSVRecord> byRow = sparkRows(spark);
            List<CSVRecord> rows = DemoCommandTest.read(local);
            assertEquals(rows.size(), byRow.size(), c.getKey());
            for (CSVRecord r : rows) {
                CSVRecord other = byRow.get(Integer.parseInt(r.get("row")));
                for (String column : r.getParser().getHeaderNames()) {
                    if (column.startsWith("attr_")) {
                        assertEquals(r.get(column), other.get(column), c.getKey() + " row " + r.get("row") + " " + column);
                    }
                }
            }
        }
        String repeated = files.resolve("duplicate-feature.csv").toString();
        CliTestSupport.Result l = CliTestSupport.run("explain", "--model", files.resolve("model.json").toString(),
                "--data", repeated, "--out", dir.resolve("l.csv").toString());
        CliTestSupport.Result s = CliTestSupport.run("explain", "--engine", "spark", "--master", "local[1]", "--model",
                files.resolve("model.json").toString(), "--data", repeated, "--out", dir.resolve("s.csv").toString());
        assertEquals(Main.USER_ERROR, l.exitCode());
        assertEquals(Main.USER_ERROR, s.exitCode());
        for (String err : List.of(l.err(), s.err())) {
            assertTrue(err.contains("the header repeats 'x1' (columns 1, 2); column names must be unique"), err);
            assertTrue(err.startsWith("jxplain: error: "), "one voice for both engines: " + err);
        }
    }

    private static Map<Integer, CSVRecord> sparkRows(Path spark) throws IOException {
        Map<Integer, CSVRecord> byRow = new HashMap<>();
        try (var parts = Files.list(spark)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                try (Reader in = Files.newBufferedReader(part)) {
                    for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                        byRow.put(Integer.parseInt(r.get("_jxplain_row_id")), r);
                    }
                }
            }
        }
        return byRow;
    }
}
