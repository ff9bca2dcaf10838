package io.jxplain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jxplain.data.Dataset;
import io.jxplain.data.SimulatedData;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainAndExplainCommandTest {
    @TempDir
    Path dir;
    Path csv;
    Path model;

    @BeforeEach
    void trainAModel() throws IOException {
        Dataset d = SimulatedData.generate(300, 3L);
        StringBuilder sb = new StringBuilder("a,colour,b,label\n");
        for (int i = 0; i < d.rows(); i++) {
            sb.append(d.row(i)[0]).append(i % 2 == 0 ? ",red," : ",blue,").append(d.row(i)[1]).append(',')
                    .append((int) d.targets()[i]).append('\n');
        }
        csv = dir.resolve("data.csv");
        Files.writeString(csv, sb);
        model = dir.resolve("model.json");
        CliTestSupport.Result r = CliTestSupport.run("train", "--data", csv.toString(), "--target", "label",
                "--epochs", "10", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("test accuracy"), r.out());
        assertTrue(r.err().contains("dropped non-numeric column(s) colour"), r.err());
    }

    @Test
    void explainWritesOneJsonRowPerInstanceWithProvenance() throws IOException {
        Path out = dir.resolve("res.json");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data", csv.toString(),
                "--method", "clime", "--samples", "50", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertTrue(json.get("complete").asBoolean());
        assertEquals(300, json.get("explanations").size());
        assertEquals(300, json.get("rows_written").asInt());
        JsonNode first = json.get("explanations").get(0);
        assertEquals(2, first.get("attributions").size());
        assertEquals(2, first.get("standard_errors").size());
        assertTrue(first.has("intercept"));
        assertEquals(50, first.get("model_calls").asInt());
        assertEquals("clime", json.get("provenance").get("method").asText());
        assertEquals(50, json.get("provenance").get("parameters").get("samples").asInt());
        assertEquals(List.of("a", "b"), List.of(json.get("features").get(0).asText(), json.get("features").get(1).asText()));
    }

    @Test
    void csvOutputIsTheSameWhateverTheThreadCount() throws IOException {
        Path one = dir.resolve("one.csv");
        Path two = dir.resolve("two.csv");
        assertEquals(0, CliTestSupport.run("explain", "--model", model.toString(), "--data", csv.toString(),
                "--threads", "1", "--out", one.toString()).exitCode());
        assertEquals(0, CliTestSupport.run("explain", "--model", model.toString(), "--data", csv.toString(),
                "--threads", "2", "--out", two.toString()).exitCode());
        assertEquals(Files.readString(one), Files.readString(two));
        List<CSVRecord> rows = DemoCommandTest.read(one);
        assertEquals(300, rows.size());
        assertFalse(rows.get(0).get("se_a").isEmpty());
        JsonNode provenance = new ObjectMapper().readTree(dir.resolve("one.csv.provenance.json").toFile());
        assertTrue(provenance.get("complete").asBoolean());
        assertEquals("smoothgrad", provenance.get("method").asText());
    }

    @Test
    void gradientOutputLeavesStandardErrorsEmpty() throws IOException {
        Path out = dir.resolve("g.csv");
        assertEquals(0, CliTestSupport.run("explain", "--model", model.toString(), "--data", csv.toString(),
                "--method", "gradient", "--max-rows", "5", "--out", out.toString()).exitCode());
        List<CSVRecord> rows = DemoCommandTest.read(out);
        assertEquals(5, rows.size());
        assertTrue(rows.get(0).get("se_a").isEmpty());
    }

    @Test
    void everyCatalogueMethodAndItsSmoothedVariantRunFromTheCli() throws IOException {
        for (String m : io.jxplain.catalog.ExplainerCatalog.names()) {
            if (m.equals("square-removal")) {
                assertOneLineError(1, "needs an image model", "explain", "--model", model.toString(), "--data",
                        csv.toString(), "--method", m, "--out", dir.resolve("sq.csv").toString());
                continue; // runs on images in ImageCommandsTest
            }
            if (m.equals("lime-superpixels")) {
                assertOneLineError(1, "explains images", "explain", "--model", model.toString(), "--data",
                        csv.toString(), "--method", m, "--out", dir.resolve("superpixels.csv").toString());
                continue; // runs on images in ImageCommandsTest
            }
            if (m.equals("tree-shap")) {
                assertOneLineError(1, "explains tree ensembles", "explain", "--model", model.toString(), "--data",
                        csv.toString(), "--method", m, "--out", dir.resolve("trees.csv").toString());
                continue; // runs on XGBoost models in TreeModelCommandsTest
            }
            for (String name : List.of(m, m + "-sg")) {
                Path out = dir.resolve(name + ".csv");
                CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data",
                        csv.toString(), "--method", name, "--samples", "20", "--max-rows", "3", "--out", out.toString());
                assertEquals(0, r.exitCode(), name + ": " + r.err());
                assertEquals(3, DemoCommandTest.read(out).size(), name);
            }
        }
    }

    @Test
    void userErrorsPrintOneLineAndExitNonZero() throws IOException {
        assertOneLineError(1, "file not found", "explain", "--model", dir.resolve("nope.json").toString(),
                "--data", csv.toString(), "--out", dir.resolve("o.csv").toString());
        assertOneLineError(1, "unknown method 'lime2'", "explain", "--model", model.toString(), "--data", csv.toString(),
                "--method", "lime2", "--out", dir.resolve("o.csv").toString());
        assertOneLineError(1, "--out must end in .csv or .json", "explain", "--model", model.toString(),
                "--data", csv.toString(), "--out", dir.resolve("o.txt").toString());
        assertOneLineError(1, "samples must be an integer ≥ 2, got 1", "explain", "--model", model.toString(),
                "--data", csv.toString(), "--samples", "1", "--out", dir.resolve("o.csv").toString());
        assertOneLineError(1, "target probability:3 asks for output 3", "explain", "--model", model.toString(),
                "--data", csv.toString(), "--target", "probability:3", "--out", dir.resolve("o.csv").toString());
        Path other = dir.resolve("other.csv");
        Files.writeString(other, "z,w\n1,2\n");
        assertOneLineError(1, "lacks 2 columns the model needs: a, b; its columns are z, w", "explain", "--model", model.toString(), "--data", other.toString(),
                "--out", dir.resolve("o.csv").toString());
        Path nan = dir.resolve("nan.csv");
        Files.writeString(nan, "a,b\n1,NaN\n");
        assertOneLineError(1, "line 2, column 'b': missing value", "explain", "--model", model.toString(),
                "--data", nan.toString(), "--out", dir.resolve("o.csv").toString());
        assertOneLineError(1, "no column named 'y'", "train", "--data", csv.toString(), "--target", "y",
                "--out", dir.resolve("m.json").toString());
        assertOneLineError(2, "did you mean --samples?", "explain", "--model", model.toString(), "--data",
                csv.toString(), "--out", dir.resolve("o.csv").toString(), "--sampels", "3");
        assertOneLineError(2, "Missing required option", "train");
    }

    @Test
    void methodOptionsReachTheMethodAndMisspeltOnesAreErrors() throws IOException {
        Path out = dir.resolve("ig.json");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data", csv.toString(),
                "--method", "integrated-gradients", "-o", "steps=7", "-o", "rule=riemann-trapezoid", "-o", "baseline=mean",
                "--max-rows", "2", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode parameters = new ObjectMapper().readTree(out.toFile()).get("provenance").get("parameters");
        assertEquals(7, parameters.get("steps").asInt());
        assertEquals("riemann-trapezoid", parameters.get("rule").asText());
        assertTrue(parameters.get("baseline").isArray(), "the data mean, not zeros: " + parameters);
        assertOneLineError(1, "no chosen method takes option stpes", "explain", "--model", model.toString(), "--data",
                csv.toString(), "--method", "integrated-gradients", "-o", "stpes=7", "--out", dir.resolve("o.csv").toString());
        assertOneLineError(1, "steps must be an integer ≥ 1, got 'many'", "explain", "--model", model.toString(), "--data",
                csv.toString(), "--method", "integrated-gradients", "-o", "steps=many", "--out",
                dir.resolve("o.csv").toString());
        assertOneLineError(1, "--heatmaps needs an image model", "explain", "--model", model.toString(), "--data",
                csv.toString(), "--heatmaps", dir.resolve("maps").toString(), "--out", dir.resolve("o.csv").toString());
    }

    @Test
    void precisionTargetsAndCertificatesAddTheirColumns() throws IOException {
        Path out = dir.resolve("adaptive.csv");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data", csv.toString(),
                "--method", "smoothgrad", "--samples", "20", "--precision", "0.02", "--certify", "--max-rows", "4",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("±"), r.out());
        List<CSVRecord> rows = DemoCommandTest.read(out);
        assertEquals(4, rows.size());
        for (CSVRecord row : rows) {
            assertEquals(1.0, Double.parseDouble(row.get("target_met")), row.toString());
            assertTrue(Double.parseDouble(row.get("half_width")) <= 0.02, row.toString());
            assertTrue(Double.parseDouble(row.get("samples_used")) >= 20, row.toString());
            assertTrue(Double.parseDouble(row.get("lipschitz_bound")) > 0, row.toString());
            assertTrue(Double.parseDouble(row.get("certified_radius")) >= 0, row.toString());
            assertTrue(Double.parseDouble(row.get("theory_samples")) > Double.parseDouble(row.get("samples_used")),
                    "Proposition 1 asks for more than sufficed: " + row);
        }
        assertOneLineError(1, "exact: a precision target applies to sampling methods only", "explain", "--model",
                model.toString(), "--data", csv.toString(), "--method", "gradient", "--precision", "0.1", "--out",
                dir.resolve("o.csv").toString());
        assertOneLineError(1, "kernel-shap is not one", "explain", "--model", model.toString(), "--data", csv.toString(),
                "--method", "kernel-shap", "--certify", "--out", dir.resolve("o.csv").toString());
    }

    @Test
    void verbosePrintsTheStackTrace() {
        CliTestSupport.Result r = CliTestSupport.run("explain", "--verbose", "--model", dir.resolve("nope.json").toString(),
                "--data", csv.toString(), "--out", dir.resolve("o.csv").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void methodsListsEveryMethodWithItsSource() {
        CliTestSupport.Result r = CliTestSupport.run("methods");
        assertEquals(0, r.exitCode());
        for (String m : io.jxplain.catalog.ExplainerCatalog.names()) {
            assertTrue(r.out().contains(m), m);
        }
        assertTrue(r.out().contains("Theorem 1"), r.out());
        for (String m : io.jxplain.catalog.MetricCatalog.names()) {
            assertTrue(r.out().contains(m), m);
        }
    }

    private static void assertOneLineError(int code, String fragment, String... args) {
        CliTestSupport.Result r = CliTestSupport.run(args);
        assertEquals(code, r.exitCode(), r.err());
        String err = r.err().strip();
        String[] lines = err.split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("jxplain: error: ") && last.contains(fragment), err);
        for (String line : lines) {
            assertTrue(line.startsWith("jxplain: "), "only jxplain's own lines, no stack trace: " + err);
        }
    }
}
