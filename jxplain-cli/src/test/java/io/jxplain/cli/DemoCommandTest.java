package io.jxplain.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void theDemoTrainsExplainsAndShowsTheDistanceFallingWithN() throws IOException {
        CliTestSupport.Result r = CliTestSupport.run("demo", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("mean L1 distance between SmoothGrad and C-LIME"), r.out());
        List<CSVRecord> summary = read(dir.resolve("summary.csv"));
        assertEquals(3, summary.size());
        double previous = Double.POSITIVE_INFINITY;
        for (CSVRecord row : summary) {
            double l1 = Double.parseDouble(row.get("mean_l1_smoothgrad_clime"));
            double se = Double.parseDouble(row.get("standard_error"));
            // Falls at each step by more than the two standard errors' combined noise.
            assertTrue(l1 + 3 * se < previous, "n = " + row.get("n") + ": " + l1 + " after " + previous);
            previous = l1;
        }
        assertTrue(r.out().contains("the distance falls as n grows"), r.out());
        for (CSVRecord row : summary) {
            // independent draws cannot cancel each other's noise as common ones do: the distance is larger
            double common = Double.parseDouble(row.get("mean_l1_smoothgrad_clime"));
            double independent = Double.parseDouble(row.get("mean_l1_independent_draws"));
            double se = Math.hypot(Double.parseDouble(row.get("standard_error")),
                    Double.parseDouble(row.get("standard_error_independent_draws")));
            assertTrue(independent > common + 2 * se, "n = " + row.get("n") + ": " + independent + " vs " + common);
        }
        String printed = java.nio.file.Files.readString(Path.of("..", "README.md"));
        for (CSVRecord row : summary) { // the README shows this demo's numbers
            String line = String.format(java.util.Locale.ROOT, "%8d  %11.5f %11.5f  %11.5f %11.5f",
                    Integer.parseInt(row.get("n")), Double.parseDouble(row.get("mean_l1_smoothgrad_clime")),
                    Double.parseDouble(row.get("standard_error")), Double.parseDouble(row.get("mean_l1_independent_draws")),
                    Double.parseDouble(row.get("standard_error_independent_draws")));
            assertTrue(printed.contains(line), "README lacks the demo's line: " + line);
        }
        for (String method : List.of("smoothgrad", "clime")) {
            for (int n : DemoCommand.SAMPLE_SIZES) {
                assertEquals(200, read(dir.resolve("explanations-" + method + "-n" + n + ".csv")).size());
            }
        }
        assertTrue(Files.exists(dir.resolve("model.json")));
    }

    static List<CSVRecord> read(Path csv) throws IOException {
        try (CSVParser p = CSVParser.parse(csv, StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            return p.getRecords();
        }
    }

    /** A copy of {@code csv} without column {@code name}, in {@code dir}. */
    static Path withoutColumn(Path csv, String name, Path dir) throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(csv);
        int drop = List.of(lines.get(0).split(",")).indexOf(name);
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            List<String> cells = new java.util.ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(drop);
            sb.append(String.join(",", cells)).append('\n');
        }
        Path out = dir.resolve("without-" + name + ".csv");
        java.nio.file.Files.writeString(out, sb);
        return out;
    }
}
