package io.jxplain.cli;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluateCommandTest {
    @TempDir
    Path dir;
    Path model;
    Path data;

    @BeforeEach
    void demoModel() {
        assertEquals(0, CliTestSupport.run("demo", "--out", dir.resolve("demo").toString()).exitCode());
        model = dir.resolve("demo/model.json");
    }

    @Test
    void everyMethodAndMetricGetsPerInstanceValuesAndASummary() throws IOException {
        data = writeData();
        Path out = dir.resolve("eval");
        CliTestSupport.Result r = CliTestSupport.run("evaluate", "--model", model.toString(), "--data", data.toString(),
                "--methods", "gradient,smoothgrad", "--metric", "infidelity,max-sensitivity,lipschitz",
                "--lipschitz-budget", "15", "--samples", "50", "--json", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<CSVRecord> summary = DemoCommandTest.read(out.resolve("summary.csv"));
        assertEquals(6, summary.size());
        for (CSVRecord row : summary) {
            assertTrue(Double.parseDouble(row.get("mean")) >= 0);
            assertEquals("12", row.get("rows"));
        }
        assertEquals(12, DemoCommandTest.read(out.resolve("smoothgrad-infidelity.csv")).size());
        assertTrue(r.out().contains("max-sensitivity"), r.out());
        assertTrue(Files.readString(out.resolve("provenance.json")).contains("\"lipschitz\""));
        var values = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("gradient-infidelity.json").toFile());
        assertEquals(12, values.get("values").size());
        assertEquals(6, new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile()).size());
    }

    @Test
    void aMetricPrecisionTargetTightensEveryRowsInterval() throws IOException {
        data = writeData();
        Path out = dir.resolve("precise");
        CliTestSupport.Result r = CliTestSupport.run("evaluate", "--model", model.toString(), "--data", data.toString(),
                "--methods", "gradient", "--metric", "infidelity", "--infidelity-samples", "10", "--metric-precision",
                "0.0005", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("±"), r.out());
        for (CSVRecord row : DemoCommandTest.read(out.resolve("gradient-infidelity.csv"))) {
            assertTrue(1.96 * Double.parseDouble(row.get("standard_error")) <= 0.0005, row.toString());
        }
        CliTestSupport.Result max = CliTestSupport.run("evaluate", "--model", model.toString(), "--data", data.toString(),
                "--methods", "gradient", "--metric", "max-sensitivity", "--metric-precision", "0.01", "--out",
                out.toString());
        assertEquals(1, max.exitCode());
        assertTrue(max.err().contains("no standard error"), max.err());
    }

    @Test
    void dataSetMetricsGiveOneValuePerRowToo() throws IOException {
        Path labelled = dir.resolve("labelled.csv");
        StringBuilder sb = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 40; i++) {
            sb.append(0.05 * i).append(',').append(Math.sin(i) * 0.1).append(',').append(i % 2).append('\n');
        }
        Files.writeString(labelled, sb);
        Path out = dir.resolve("ds");
        CliTestSupport.Result r = CliTestSupport.run("evaluate", "--model", model.toString(), "--data", labelled.toString(),
                "--methods", "gradient", "--metric", "discrete-lipschitz,randomisation", "--discrete-epsilon", "0.2",
                "--same-class", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<CSVRecord> summary = DemoCommandTest.read(out.resolve("summary.csv"));
        assertEquals(List.of("discrete-lipschitz", "randomisation", "randomisation-abs"),
                summary.stream().map(x -> x.get("metric")).toList());
        double rho = Double.parseDouble(summary.get(1).get("mean"));
        assertTrue(rho >= -1 && rho <= 1, "Spearman " + rho);
        assertEquals(40, DemoCommandTest.read(out.resolve("gradient-discrete-lipschitz.csv")).size());
    }

    @Test
    void valuesDoNotDependOnTheThreadCount() throws IOException {
        data = writeData();
        for (String threads : List.of("1", "2")) {
            assertEquals(0, CliTestSupport.run("evaluate", "--model", model.toString(), "--data", data.toString(),
                    "--methods", "smoothgrad", "--metric", "avg-sensitivity,robustness", "--threads", threads,
                    "--samples", "30", "--out", dir.resolve("t" + threads).toString()).exitCode());
        }
        for (String f : List.of("smoothgrad-avg-sensitivity.csv", "smoothgrad-robustness.csv", "summary.csv")) {
            assertEquals(Files.readString(dir.resolve("t1").resolve(f)), Files.readString(dir.resolve("t2").resolve(f)), f);
        }
    }

    @Test
    void unknownMetricsAndOptimisersAreOneLineErrors() throws IOException {
        data = writeData();
        CliTestSupport.Result r = CliTestSupport.run("evaluate", "--model", model.toString(), "--data", data.toString(),
                "--metric", "fidelity", "--out", dir.resolve("x").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("jxplain: error: unknown metric 'fidelity'; known metrics: infidelity"), r.err());
        r = CliTestSupport.run("evaluate", "--model", model.toString(), "--data", data.toString(),
                "--metric", "lipschitz", "--optimizer", "genetic", "--out", dir.resolve("x").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("optimizer must be one of bayesian, random, got 'genetic'"), r.err());
    }

    private Path writeData() throws IOException {
        StringBuilder sb = new StringBuilder("x1,x2\n");
        for (int i = 0; i < 12; i++) {
            sb.append(Math.sin(i)).append(',').append(Math.cos(3 * i)).append('\n');
        }
        Path p = dir.resolve("d.csv");
        Files.writeString(p, sb);
        return p;
    }
}
