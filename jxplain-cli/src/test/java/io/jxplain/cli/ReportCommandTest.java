package io.jxplain.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** explain --report and jxplain report: the page for a user's own explanations. */
class ReportCommandTest {
    static final Path FILES = Path.of("..", "fixtures", "bad-inputs", "files");
    @TempDir
    Path dir;

    @Test
    void explainWritesTheReportBesideItsOutputAndReportRebuildsItFromTheCsvOrTheJson() throws IOException {
        Path report = dir.resolve("report");
        Path csv = dir.resolve("ks.csv");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model(), "--data", data(), "--method",
                "kernel-shap", "--samples", "20", "--max-rows", "6", "--out", csv.toString(), "--report",
                report.toString(), "--report-rows", "2");
        assertEquals(0, r.exitCode(), r.err());
        String page = Files.readString(report.resolve("index.html"));
        assertTrue(page.contains("6 rows explained with kernel-shap, 2 features"), page);
        assertEquals(4, count(page, "<svg"), "importance, beeswarm and two waterfalls");
        assertTrue(page.contains("from base"), "KernelSHAP's rows start at their base value");
        assertTrue(page.contains("<details><summary>Provenance"), "the provenance, collapsed");

        Path evaluation = dir.resolve("evaluation");
        assertEquals(0, CliTestSupport.run("evaluate", "--model", model(), "--data", data(), "--max-rows", "6",
                "--methods", "kernel-shap", "--metric", "infidelity", "--samples", "20", "--out",
                evaluation.toString()).exitCode());
        Path again = dir.resolve("again");
        r = CliTestSupport.run("report", "--explanations", csv.toString(), "--data", data(), "--evaluation",
                evaluation.toString(), "--out", again.toString());
        assertEquals(0, r.exitCode(), r.err());
        String rebuilt = Files.readString(again.resolve("index.html"));
        assertTrue(rebuilt.contains("<td>kernel-shap</td><td>infidelity</td>"), "the metric table");
        assertTrue(rebuilt.contains("#0072b2") || rebuilt.contains("#e69f00"), "dots coloured by value with --data");

        Path json = dir.resolve("sg.json");
        assertEquals(0, CliTestSupport.run("explain", "--model", model(), "--data", data(), "--samples", "20",
                "--max-rows", "4", "--out", json.toString()).exitCode());
        r = CliTestSupport.run("report", "--explanations", json.toString(), "--out", dir.resolve("fromJson").toString());
        assertEquals(0, r.exitCode(), r.err());
        String fromJson = Files.readString(dir.resolve("fromJson").resolve("index.html"));
        assertTrue(fromJson.contains("4 rows explained with smoothgrad"), fromJson);
        assertTrue(fromJson.contains("smoothgrad defines no base value"));
    }

    @Test
    void additiveMethodsRowsAddUpFromTheirBaseValueToTheExplainedValue() throws IOException {
        for (String method : java.util.List.of("shapley-exact", "integrated-gradients", "kernel-shap")) {
            Path csv = dir.resolve(method + ".csv");
            assertEquals(0, CliTestSupport.run("explain", "--model", model(), "--data", data(), "--method", method,
                    "--samples", "40", "--max-rows", "5", "--out", csv.toString()).exitCode());
            try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().build()
                    .parse(Files.newBufferedReader(csv))) {
                for (var r : parser) {
                    double sum = Double.parseDouble(r.get("base_value"));
                    for (String f : java.util.List.of("x1", "x2")) {
                        sum += Double.parseDouble(r.get("attr_" + f));
                    }
                    // exact for Shapley values (efficiency), up to the quadrature's completeness gap for IG
                    double gap = r.isMapped("completeness_gap") ? Math.abs(Double.parseDouble(r.get("completeness_gap")))
                            : 0;
                    assertEquals(Double.parseDouble(r.get("f_x")), sum, 1e-12 + 2 * gap, method + " row " + r.get("row"));
                }
            }
        }
    }

    @Test
    void aKernelShapReportNamesEveryFeatureItsWaterfallsAddUpToFxAndItsBarsAreTheCsvsMeans() throws IOException {
        Path csv = dir.resolve("ks.csv");
        Path report = dir.resolve("report");
        assertEquals(0, CliTestSupport.run("explain", "--model", model(), "--data", data(), "--method", "kernel-shap",
                "--samples", "40", "--max-rows", "30", "--out", csv.toString(), "--report", report.toString(),
                "--report-rows", "30").exitCode());
        String page = Files.readString(report.resolve("index.html"));
        java.util.Map<String, double[]> sums = new java.util.LinkedHashMap<>();
        int rows = 0;
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().build()
                .parse(Files.newBufferedReader(csv))) {
            for (var r : parser) {
                rows++;
                for (String f : java.util.List.of("x1", "x2")) {
                    sums.computeIfAbsent(f, k -> new double[1])[0] += Math.abs(Double.parseDouble(r.get("attr_" + f)));
                }
            }
        }
        for (String f : sums.keySet()) {
            assertTrue(page.contains("<td>" + f + "</td>"), "the page names " + f);
            // the bar's tooltip: "feature: mean ± half-width", the CSV's mean |attribution| to 4 digits
            String bar = String.format(java.util.Locale.ROOT, "%s: %.4g ±", f, sums.get(f)[0] / rows);
            assertTrue(page.contains(bar), bar);
        }
        // every waterfall: "from base B to S; f(x) = F" with S and F equal as shown
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("from base \\S+ to (\\S+); f\\(x\\) = ([^<]+)<")
                .matcher(page);
        int waterfalls = 0;
        while (m.find()) {
            assertEquals(m.group(2), m.group(1), "a waterfall that does not add up to f(x): " + m.group());
            waterfalls++;
        }
        assertEquals(rows, waterfalls);
    }

    /** --id-column: each row's id goes to the CSV and the JSON and names its waterfall, also when rows are dropped. */
    @Test
    void anIdColumnIsPassedThroughToTheOutputsAndNamesTheReportsRows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(data()));
        StringBuilder named = new StringBuilder("name," + lines.get(0) + "\n");
        for (int i = 1; i <= 6; i++) {
            named.append("patient-").append((char) ('a' + i - 1)).append(',').append(lines.get(i)).append('\n');
        }
        Path data = dir.resolve("named.csv");
        Files.writeString(data, named);
        Path csv = dir.resolve("named-out.csv");
        Path json = dir.resolve("named-out.json");
        Path report = dir.resolve("named-report");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model(), "--data", data.toString(),
                "--method", "occlusion", "--id-column", "name", "--out", csv.toString(), "--report", report.toString(),
                "--report-rows", "2");
        assertEquals(0, r.exitCode(), r.err());
        List<org.apache.commons.csv.CSVRecord> rows = DemoCommandTest.read(csv);
        assertEquals(6, rows.size());
        for (int i = 0; i < 6; i++) {
            assertEquals("patient-" + (char) ('a' + i), rows.get(i).get("id"));
            assertEquals(Integer.toString(i), rows.get(i).get("row"));
        }
        assertFalse(rows.get(0).isMapped("attr_name"), "the id column is not a feature");
        assertTrue(Files.readString(report.resolve("index.html")).contains("row patient-b: from base"),
                "the waterfall is named by the id and starts at occlusion's base value f(baseline)");
        assertEquals(0, CliTestSupport.run("explain", "--model", model(), "--data", data.toString(), "--id-column",
                "name", "--samples", "10", "--out", json.toString()).exitCode());
        var first = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).get("explanations").get(0);
        assertEquals("patient-a", first.get("id").asText());
    }

    @Test
    void badInputsAreOneLineErrorsAndNoInputIsWritten() throws IOException {
        Path notExplanations = FILES.resolve("good.csv");
        CliTestSupport.Result r = CliTestSupport.run("report", "--explanations", notExplanations.toString(), "--out",
                dir.resolve("r").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("is not an explain output"), r.err());
        Path csv = dir.resolve("g.csv");
        assertEquals(0, CliTestSupport.run("explain", "--model", model(), "--data", data(), "--method", "gradient",
                "--max-rows", "3", "--out", csv.toString()).exitCode());
        Path wrongData = dir.resolve("other.csv");
        Files.writeString(wrongData, "u,v\n1,2\n");
        r = CliTestSupport.run("report", "--explanations", csv.toString(), "--data", wrongData.toString(), "--out",
                dir.resolve("r").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("has no column 'x1'"), r.err());
        r = CliTestSupport.run("report", "--explanations", csv.toString(), "--out", csv.toString());
        assertEquals(1, r.exitCode(), "the report may not replace its input");
        assertTrue(Files.readString(csv).startsWith("row,"), "the input is untouched");
        assertFalse(Files.exists(dir.resolve("r")), "nothing written on an error");
    }

    static String model() {
        return FILES.resolve("model.json").toString();
    }

    static String data() {
        return FILES.resolve("good.csv").toString();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
