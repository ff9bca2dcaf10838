package io.jxplain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jxplain.random.RandomStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Train a CNN from the CLI on 8×8 images of bars, then explain it with image methods and heat maps. */
class ImageCommandsTest {
    @TempDir
    Path dir;
    Path csv;
    Path model;

    /** Vertical bar: class 0; horizontal: class 1; noise on every pixel. */
    @BeforeEach
    void trainACnn() throws IOException {
        RandomGenerator rng = RandomStreams.stream(3L);
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < 64; j++) {
            sb.append("px_").append(j / 8).append('_').append(j % 8).append(',');
        }
        sb.append("label\n");
        for (int i = 0; i < 400; i++) {
            int label = rng.nextInt(2);
            int line = rng.nextInt(8);
            for (int j = 0; j < 64; j++) {
                boolean lit = label == 0 ? j % 8 == line : j / 8 == line;
                sb.append((lit ? 1.0 : 0.0) + 0.2 * rng.nextGaussian()).append(',');
            }
            sb.append(label).append('\n');
        }
        csv = dir.resolve("bars.csv");
        Files.writeString(csv, sb);
        model = dir.resolve("cnn.json");
        CliTestSupport.Result r = CliTestSupport.run("train", "--data", csv.toString(), "--target", "label",
                "--image", "1x8x8", "--conv", "4:3", "--epochs", "8", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        String accuracy = r.out().substring(r.out().indexOf("test accuracy ") + 14).split(" ")[0];
        assertTrue(Double.parseDouble(accuracy) > 0.9, r.out());
        assertTrue(io.jxplain.model.nn.NetworkFile.load(model).network().imageShape().isPresent());
    }

    @Test
    void slidingOcclusionWritesHeatMapsForTheFirstRows() throws Exception {
        Path out = dir.resolve("occ.csv");
        Path maps = dir.resolve("maps");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data", csv.toString(),
                "--method", "occlusion", "-o", "window=2", "-o", "stride=2", "--max-rows", "5", "--heatmaps",
                maps.toString(), "--heatmap-rows", "3", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(5, DemoCommandTest.read(out).size());
        try (var files = Files.list(maps)) {
            assertEquals(List.of(".jxplain-files", "provenance.json", "row-00000.svg", "row-00001.svg", "row-00002.svg"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String svg = Files.readString(maps.resolve("row-00000.svg"));
        assertTrue(svg.startsWith("<svg") && svg.contains("occlusion of probability:1 (predicted class "),
                svg.substring(0, 300));
        assertEquals(1 + 64 + 64 + 41 + 1, svg.split("<rect").length - 1,
                "background, 64 input and 64 attribution cells, the colour bar's 41 steps and its frame");
        for (String name : List.of("row-00000.svg", "row-00001.svg", "row-00002.svg")) { // well-formed: a browser shows it
            assertEquals("svg", javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(maps.resolve(name).toFile()).getDocumentElement().getTagName());
        }
    }

    /**
     * lime-superpixels, LIME as lime_image runs it: a pixel's attribution is its superpixel's coefficient, so a row has
     * exactly as many distinct values as superpixels (a smaller quickshift kernel cuts more of them); a flat model is
     * refused by name.
     */
    @Test
    void limeOnSuperpixelsGivesOneValuePerSuperpixel() throws Exception {
        double[] meanSuperpixels = new double[2];
        String[] kernels = {"0.2", "0.5"};
        for (int k = 0; k < 2; k++) {
            Path out = dir.resolve("lime-" + k + ".csv");
            CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data",
                    csv.toString(), "--method", "lime-superpixels", "-o", "quickshift-kernel=" + kernels[k],
                    "--samples", "300", "--max-rows", "6", "--out", out.toString());
            assertEquals(0, r.exitCode(), r.err());
            for (org.apache.commons.csv.CSVRecord row : DemoCommandTest.read(out)) {
                java.util.Set<String> values = new java.util.HashSet<>();
                for (int j = 0; j < 64; j++) {
                    values.add(row.get("attr_px_" + j / 8 + "_" + j % 8));
                }
                int superpixels = (int) Double.parseDouble(row.get("superpixels"));
                assertTrue(superpixels >= (k == 0 ? 2 : 1), "kernel " + kernels[k] + ": " + superpixels + " superpixels");
                assertEquals(superpixels, values.size(), "row " + row.get("row") + ": one value per superpixel");
                meanSuperpixels[k] += superpixels / 6.0;
            }
        }
        assertTrue(meanSuperpixels[0] > meanSuperpixels[1], "a smaller kernel, more superpixels: "
                + java.util.Arrays.toString(meanSuperpixels));
        Path flat = TreeModelCommandsTest.fixture("mlp.json");
        CliTestSupport.Result refused = CliTestSupport.run("explain", "--model", flat.toString(), "--data",
                Path.of("..", "fixtures", "trees", "binary-rows.csv").toString(), "--method", "lime-superpixels",
                "--out", dir.resolve("flat.csv").toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("lime-superpixels explains images"), refused.err());
    }

    /**
     * --target label explains each row for its own class: row by row the values of a run for that class alone, and
     * the output names the class; --target predicted explains the class the model predicts.
     */
    @Test
    void eachRowIsExplainedForItsLabelOrItsPredictedClass() throws Exception {
        java.util.Map<String, List<org.apache.commons.csv.CSVRecord>> runs = new java.util.HashMap<>();
        for (String target : List.of("label", "predicted", "probability:0", "probability:1")) {
            Path out = dir.resolve(target.replace(':', '-') + ".csv");
            Path maps = dir.resolve(target.replace(':', '-') + "-maps");
            CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data",
                    csv.toString(), "--method", "smoothgrad", "--samples", "20", "--max-rows", "24", "--target", target,
                    "--heatmaps", maps.toString(), "--heatmap-rows", "2", "--out", out.toString());
            assertEquals(0, r.exitCode(), target + ": " + r.err());
            runs.put(target, DemoCommandTest.read(out));
        }
        List<org.apache.commons.csv.CSVRecord> data = DemoCommandTest.read(csv);
        java.util.Set<String> classes = new java.util.HashSet<>();
        for (int i = 0; i < 24; i++) {
            var byLabel = runs.get("label").get(i);
            String label = data.get(i).get("label");
            assertEquals(label, byLabel.get("class"), "row " + i + " is explained for its label");
            classes.add(label);
            var fixed = runs.get("probability:" + label).get(i);
            for (int j = 0; j < 64; j++) {
                String column = "attr_px_" + (j / 8) + "_" + (j % 8);
                assertEquals(fixed.get(column), byLabel.get(column), "row " + i + ", " + column);
            }
            assertEquals(fixed.get("f_x"), byLabel.get("f_x"), "row " + i + ": f(x) of its own class");
            var byPrediction = runs.get("predicted").get(i);
            assertEquals(byPrediction.get("predicted_class"), byPrediction.get("class"), "row " + i);
            assertTrue(Double.parseDouble(byPrediction.get("f_x")) >= 0.5, "the predicted class is the likelier");
        }
        assertEquals(2, classes.size(), "both classes occur among the rows, so per-row targets differ");
        String first = Files.readString(dir.resolve("label-maps/row-00000.svg"));
        assertTrue(first.contains("smoothgrad of probability:" + data.get(0).get("label") + " (predicted class "),
                first.substring(0, 300));
        assertTrue(Files.readString(dir.resolve("label.csv.provenance.json")).contains("\"probability:label\""));
    }

    /**
     * An image model's report draws pictures, not per-pixel bars: the mean |attribution| map, then each of the first
     * rows' image with its map, captioned with the class it explains and the class predicted; jxplain report draws
     * the same page again from the CSV (its provenance states the image shape).
     */
    @Test
    void anImageModelsReportShowsHeatMapsWithTheExplainedAndThePredictedClass() throws Exception {
        Path out = dir.resolve("ig.csv");
        Path report = dir.resolve("report");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data", csv.toString(),
                "--method", "integrated-gradients", "--target", "label", "--max-rows", "10", "--out", out.toString(),
                "--report", report.toString(), "--report-rows", "3");
        assertEquals(0, r.exitCode(), r.err());
        String page = Files.readString(report.resolve("index.html"));
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(report.resolve("index.html").toFile()); // well-formed
        assertTrue(page.contains("Where the model looks") && page.contains("mean |attribution| over 10 rows"), page);
        assertEquals(1 + 3, page.split("<svg").length - 1, "the mean map and three rows' maps");
        assertTrue(!page.contains("Which features matter"), "no per-pixel bars");
        List<org.apache.commons.csv.CSVRecord> rows = DemoCommandTest.read(out);
        for (int i = 0; i < 3; i++) {
            String caption = "row " + i + ": explains class " + rows.get(i).get("class") + " = ";
            assertTrue(page.contains(caption), caption);
            assertTrue(page.contains("; predicted class " + rows.get(i).get("predicted_class") + "<"), "row " + i);
        }
        Path again = dir.resolve("again");
        r = CliTestSupport.run("report", "--explanations", out.toString(), "--data", csv.toString(), "--report-rows",
                "3", "--out", again.toString());
        assertEquals(0, r.exitCode(), r.err());
        String rebuilt = Files.readString(again.resolve("index.html"));
        // the provenance differs (the sidecar adds rows_written and the CSV's digest); the pictures do not
        assertEquals(page.substring(page.indexOf("<h2>"), page.indexOf("<details>")),
                rebuilt.substring(rebuilt.indexOf("<h2>"), rebuilt.indexOf("<details>")),
                "the same pictures from the CSV as from the run");
    }

    @Test
    void aPerRowTargetIsRefusedWhereItCannotBeMet() throws IOException {
        CliTestSupport.Result noLabels = CliTestSupport.run("explain", "--model", model.toString(), "--data",
                DemoCommandTest.withoutColumn(csv, "label", dir).toString(), "--target", "label", "--out",
                dir.resolve("x.csv").toString());
        assertEquals(1, noLabels.exitCode(), noLabels.err());
        assertTrue(noLabels.err().contains("--label-column"), noLabels.err());
        CliTestSupport.Result evaluate = CliTestSupport.run("evaluate", "--model", model.toString(), "--data",
                csv.toString(), "--target", "predicted", "--max-rows", "2", "--out", dir.resolve("ev").toString());
        assertEquals(1, evaluate.exitCode(), evaluate.err());
        assertTrue(evaluate.err().contains("per-row targets are for explain"), evaluate.err());
    }

    @Test
    void squareRemovalAndSmoothedMethodsRunOnImages() throws IOException {
        for (String method : new String[] {"square-removal", "gradient-sg", "kernel-shap"}) {
            Path out = dir.resolve(method + ".json");
            CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data", csv.toString(),
                    "--method", method, "--samples", "200", "--max-rows", "2", "--out", out.toString());
            assertEquals(0, r.exitCode(), method + ": " + r.err());
            JsonNode first = new ObjectMapper().readTree(out.toFile()).get("explanations").get(0);
            assertEquals(64, first.get("attributions").size(), method);
        }
    }
}
