package io.jxplain.cli;

import io.jxplain.model.Target;
import io.jxplain.model.nn.NetworkFile;
import org.apache.commons.csv.CSVRecord;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --background (KernelSHAP, exact Shapley values, occlusion) and --training-data (LIME) from the command line. */
class ReferenceDataCommandTest {
    @TempDir
    Path dir;

    /** E f over the rows of the fixture's CSV, read as explain reads them (the model's standardisation). */
    private static double meanF(Path model, Path csv) throws IOException {
        NetworkFile file = io.jxplain.model.nn.NetworkJson.read(model);
        List<CSVRecord> records = DemoCommandTest.read(csv);
        DMatrixRMaj rows = new DMatrixRMaj(records.size(), 2);
        for (int i = 0; i < records.size(); i++) {
            for (int j = 0; j < 2; j++) {
                double v = Double.parseDouble(records.get(i).get("x" + (j + 1)));
                rows.set(i, j, file.hasStandardization() ? (v - file.inputMean()[j]) / file.inputScale()[j] : v);
            }
        }
        double[] f = io.jxplain.model.BatchedEvaluation.values(file.network(), Target.probability(1), rows, 4096);
        return java.util.Arrays.stream(f).average().orElseThrow();
    }

    @Test
    void withABackgroundShapleyValuesAddUpFromItsMeanToFxOnEveryRow() throws IOException {
        Path model = Path.of(ReportCommandTest.model());
        Path data = Path.of(ReportCommandTest.data());
        double expected = meanF(model, data);
        for (String method : List.of("kernel-shap", "shapley-exact", "occlusion")) {
            Path out = dir.resolve(method + ".csv");
            CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data",
                    data.toString(), "--method", method, "--background", data.toString(), "--max-rows", "8",
                    "--out", out.toString());
            assertEquals(0, r.exitCode(), method + ": " + r.err());
            for (CSVRecord row : DemoCommandTest.read(out)) {
                double base = Double.parseDouble(row.get("base_value"));
                assertEquals(expected, base, 1e-12, method + ": the base value is E f(background)");
                double sum = base + Double.parseDouble(row.get("attr_x1")) + Double.parseDouble(row.get("attr_x2"));
                if (!method.equals("occlusion")) { // occlusion adds up only for an additive model
                    assertEquals(Double.parseDouble(row.get("f_x")), sum, 1e-12, method + " row " + row.get("row"));
                }
            }
        }
        Path summarised = dir.resolve("kmeans.csv");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data", data.toString(),
                "--method", "kernel-shap", "--background", data.toString(), "--background-summary", "kmeans:4",
                "--max-rows", "3", "--out", summarised.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (CSVRecord row : DemoCommandTest.read(summarised)) {
            double sum = Double.parseDouble(row.get("base_value")) + Double.parseDouble(row.get("attr_x1"))
                    + Double.parseDouble(row.get("attr_x2"));
            assertEquals(Double.parseDouble(row.get("f_x")), sum, 1e-12, "efficiency from the summary's mean");
        }
        assertTrue(java.nio.file.Files.readString(dir.resolve("kmeans.csv.provenance.json")).contains("k-means: 4"));
    }

    @Test
    void limeWithTrainingDataDiscretisesAndSaysSoWithoutIt() throws IOException {
        Path data = Path.of(ReportCommandTest.data());
        Path out = dir.resolve("lime.csv");
        Path report = dir.resolve("report");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", ReportCommandTest.model(), "--data",
                data.toString(), "--method", "lime", "--training-data", data.toString(), "--samples", "300",
                "--max-rows", "4", "--out", out.toString(), "--report", report.toString(), "--report-rows", "2");
        assertEquals(0, r.exitCode(), r.err());
        String page = java.nio.file.Files.readString(report.resolve("index.html"));
        assertTrue(java.util.regex.Pattern.compile("(x1 [≤>] -?[0-9.]+|-?[0-9.]+ &lt; x1 ≤ -?[0-9.]+)<").matcher(page)
                .find(), "the waterfall names x1's quartile bin, as lime does: " + page.substring(page.indexOf("Row by row")));
        assertFalse(r.err().contains("note: lime"), r.err());
        for (CSVRecord row : DemoCommandTest.read(out)) {
            assertEquals(row.get("intercept"), row.get("base_value"), "discretised: the intercept is the base value");
        }
        assertTrue(java.nio.file.Files.readString(dir.resolve("lime.csv.provenance.json")).contains("quartile"));
        Path deciles = dir.resolve("deciles.csv");
        assertEquals(0, CliTestSupport.run("explain", "--model", ReportCommandTest.model(), "--data", data.toString(),
                "--method", "lime", "--training-data", data.toString(), "-o", "discretizer=decile", "--samples", "300",
                "--max-rows", "2", "--out", deciles.toString()).exitCode());
        assertTrue(java.nio.file.Files.readString(dir.resolve("deciles.csv.provenance.json")).contains("\"decile\""));
        Path entropy = dir.resolve("entropy.csv");
        assertEquals(0, CliTestSupport.run("explain", "--model", ReportCommandTest.model(), "--data", data.toString(),
                "--method", "lime", "--training-data", data.toString(), "-o", "discretizer=entropy", "--samples", "300",
                "--max-rows", "2", "--out", entropy.toString()).exitCode(), "entropy bins from the label column");
        assertTrue(java.nio.file.Files.readString(dir.resolve("entropy.csv.provenance.json")).contains("\"entropy\""));
        Path unlabelled = dir.resolve("unlabelled.csv");
        java.nio.file.Files.write(unlabelled, java.nio.file.Files.readAllLines(data).stream()
                .map(line -> line.substring(0, line.lastIndexOf(','))).toList());
        CliTestSupport.Result noLabels = CliTestSupport.run("explain", "--model", ReportCommandTest.model(), "--data",
                data.toString(), "--method", "lime", "--training-data", unlabelled.toString(), "-o",
                "discretizer=entropy", "--out", dir.resolve("y.csv").toString());
        assertEquals(1, noLabels.exitCode());
        assertTrue(noLabels.err().contains("labels"), noLabels.err());
        CliTestSupport.Result noTraining = CliTestSupport.run("explain", "--model", ReportCommandTest.model(), "--data",
                data.toString(), "--method", "lime", "-o", "discretizer=decile", "--out", dir.resolve("x.csv").toString());
        assertEquals(1, noTraining.exitCode());
        assertTrue(noTraining.err().contains("--training-data"), noTraining.err());
        CliTestSupport.Result plain = CliTestSupport.run("explain", "--model", ReportCommandTest.model(), "--data",
                data.toString(), "--method", "lime", "--samples", "300", "--max-rows", "2", "--out",
                dir.resolve("plain.csv").toString());
        assertEquals(0, plain.exitCode(), plain.err());
        assertTrue(plain.err().contains("note: lime without --training-data"), plain.err());
    }

    /** --categorical: lime draws the column by its training frequencies; the provenance and the report say so. */
    @Test
    void limeTakesCategoricalColumnsByName() throws IOException {
        Path data = Path.of(ReportCommandTest.data());
        Path out = dir.resolve("categories.csv");
        Path report = dir.resolve("categories-report");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", ReportCommandTest.model(), "--data",
                data.toString(), "--method", "lime", "--training-data", data.toString(), "--categorical", "x2",
                "--samples", "300", "--max-rows", "3", "--out", out.toString(), "--report", report.toString(),
                "--report-rows", "1");
        assertEquals(0, r.exitCode(), r.err());
        String provenance = java.nio.file.Files.readString(dir.resolve("categories.csv.provenance.json"));
        assertTrue(provenance.replaceAll("\\s", "").contains("\"categorical\":[1]"), provenance);
        assertTrue(java.nio.file.Files.readString(report.resolve("index.html")).contains("x2 = "),
                "the waterfall names x2's category");
        CliTestSupport.Result unknown = CliTestSupport.run("explain", "--model", ReportCommandTest.model(), "--data",
                data.toString(), "--method", "lime", "--training-data", data.toString(), "--categorical", "city",
                "--out", dir.resolve("u.csv").toString());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("--categorical city is not a feature") && unknown.err().contains("x1, x2"),
                unknown.err());
        CliTestSupport.Result noTraining = CliTestSupport.run("explain", "--model", ReportCommandTest.model(), "--data",
                data.toString(), "--method", "lime", "--categorical", "x2", "--out", dir.resolve("n.csv").toString());
        assertEquals(1, noTraining.exitCode());
        assertTrue(noTraining.err().contains("needs --method lime and --training-data"), noTraining.err());
    }

    @Test
    void aFileNoChosenMethodReadsIsRefused() {
        String data = ReportCommandTest.data();
        CliTestSupport.Result training = CliTestSupport.run("explain", "--model", ReportCommandTest.model(), "--data",
                data, "--training-data", data, "--out", dir.resolve("a.csv").toString());
        assertEquals(1, training.exitCode());
        assertTrue(training.err().contains("--training-data is read by lime only"), training.err());
        CliTestSupport.Result summary = CliTestSupport.run("explain", "--model", ReportCommandTest.model(), "--data",
                data, "--method", "kernel-shap", "--background-summary", "sample:3", "--out",
                dir.resolve("b.csv").toString());
        assertEquals(1, summary.exitCode());
        assertTrue(summary.err().contains("summarises --background, which is not given"), summary.err());
        CliTestSupport.Result both = CliTestSupport.run("explain", "--model", ReportCommandTest.model(), "--data",
                data, "--method", "kernel-shap", "--background", data, "-o", "baseline=mean", "--out",
                dir.resolve("c.csv").toString());
        assertEquals(1, both.exitCode());
        assertTrue(both.err().contains("two choices of what replaces a feature"), both.err());
    }
}
