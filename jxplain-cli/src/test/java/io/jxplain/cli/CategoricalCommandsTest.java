package io.jxplain.cli;

import io.jxplain.model.Target;
import io.jxplain.model.nn.NetworkFile;
import org.apache.commons.csv.CSVRecord;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CSV with a text column, end to end: train --categorical one-hot encodes it and keeps its levels in the model
 * file; explain reads the text again, explains the column as one feature, and the report names each row's category.
 */
class CategoricalCommandsTest {
    private static final List<String> COLOURS = List.of("red", "green", "blue");

    @TempDir
    Path dir;
    private Path data;
    private Path model;

    /** y depends on x1 and, strongly, on the colour: red pushes towards 1, blue towards 0. */
    @BeforeEach
    void trainOnATextColumn() throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        StringBuilder csv = new StringBuilder("id,x1,colour,x2,y\n");
        for (int i = 0; i < 300; i++) {
            String colour = COLOURS.get(rng.nextInt(3));
            double x1 = rng.nextDouble(-2, 2);
            double x2 = rng.nextDouble(-2, 2);
            double score = x1 + (colour.equals("red") ? 2 : colour.equals("blue") ? -2 : 0) + 0.3 * x2;
            csv.append("r").append(i).append(',').append(x1).append(',').append(colour).append(',').append(x2)
                    .append(',').append(score > 0 ? 1 : 0).append('\n');
        }
        data = dir.resolve("shop.csv");
        Files.writeString(data, csv);
        model = dir.resolve("model.json");
        CliTestSupport.Result r = CliTestSupport.run("train", "--data", data.toString(), "--target", "y", "--categorical",
                "colour", "--epochs", "20", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void theModelFileKeepsTheSortedLevelsAndTheNetworkSeesThemOneHot() throws IOException {
        NetworkFile file = NetworkFile.load(model);
        assertEquals(Map.of("colour", List.of("blue", "green", "red")), file.categories());
        assertEquals(List.of("id", "x1", "colour", "x2").subList(1, 4), file.featureNames(), "id is text: dropped");
        assertEquals(5, file.network().inputSize(), "x1, three colour inputs, x2");
        assertEquals(3, file.model().inputSize(), "the raw model takes the data's three columns");
        DMatrixRMaj red = DMatrixRMaj.wrap(1, 3, new double[] {0.1, 2, -0.3}); // code 2: red
        DMatrixRMaj blue = DMatrixRMaj.wrap(1, 3, new double[] {0.1, 0, -0.3});
        Target p1 = Target.probability(1);
        double pRed = io.jxplain.model.BatchedEvaluation.values(file.model(), p1, red, 1)[0];
        double pBlue = io.jxplain.model.BatchedEvaluation.values(file.model(), p1, blue, 1)[0];
        assertTrue(pRed > pBlue + 0.3,
                "the network learnt the colour: red is far likelier to be 1 than blue");
    }

    @Test
    void kernelShapExplainsTheColumnAsOneFeatureAddingUpAndTheReportNamesTheCategory() throws IOException {
        Path out = dir.resolve("shap.csv");
        Path report = dir.resolve("report");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data", data.toString(),
                "--method", "kernel-shap", "--background", data.toString(), "--background-summary", "sample:30",
                "--id-column", "id", "--max-rows", "12", "--out", out.toString(), "--report", report.toString(),
                "--report-rows", "12");
        assertEquals(0, r.exitCode(), r.err());
        List<CSVRecord> rows = DemoCommandTest.read(out);
        assertEquals(List.of("attr_x1", "attr_colour", "attr_x2"),
                rows.get(0).getParser().getHeaderNames().stream().filter(h -> h.startsWith("attr_")).toList());
        List<String> lines = Files.readAllLines(data);
        String page = Files.readString(report.resolve("index.html"));
        double redMinusBlue = 0;
        for (CSVRecord row : rows) {
            double sum = Double.parseDouble(row.get("base_value")) + Double.parseDouble(row.get("attr_x1"))
                    + Double.parseDouble(row.get("attr_colour")) + Double.parseDouble(row.get("attr_x2"));
            assertEquals(Double.parseDouble(row.get("f_x")), sum, 1e-12, "efficiency, row " + row.get("id"));
            String colour = lines.get(Integer.parseInt(row.get("row")) + 1).split(",")[2];
            assertTrue(page.contains("colour = " + colour), "row " + row.get("id") + " is named by its colour, " + colour);
            assertEquals(colour, row.get("category_colour"), "the output names the row's category");
            double a = Double.parseDouble(row.get("attr_colour"));
            redMinusBlue += colour.equals("red") ? a : colour.equals("blue") ? -a : 0;
        }
        assertTrue(redMinusBlue > 0, "red rows owe more of f to their colour than blue rows");
        assertTrue(Files.readString(dir.resolve("shap.csv.provenance.json")).contains("\"categories\""));
    }

    @Test
    void limeDrawsTheCategoriesFromTrainingRowsAndNamesThem() throws IOException {
        Path out = dir.resolve("lime.csv");
        Path report = dir.resolve("lime-report");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data", data.toString(),
                "--method", "lime", "--training-data", data.toString(), "--samples", "400", "--max-rows", "3",
                "--out", out.toString(), "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("categorical=[1]"), "the model's categorical feature is lime's: " + r.out());
        assertTrue(Files.readString(report.resolve("index.html")).matches("(?s).*colour = (red|green|blue)<.*"));
    }

    @Test
    void methodsThatMoveACodeOffItsCategoriesAreRefusedWithTheOnesThatSuit() {
        for (String method : List.of("smoothgrad", "clime", "gradient")) {
            CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data",
                    data.toString(), "--method", method, "--out", dir.resolve(method + ".csv").toString());
            assertEquals(1, r.exitCode(), method);
            assertTrue(r.err().contains("category codes") && r.err().contains("kernel-shap"), r.err());
        }
        CliTestSupport.Result lime = CliTestSupport.run("explain", "--model", model.toString(), "--data",
                data.toString(), "--method", "lime", "--out", dir.resolve("l.csv").toString());
        assertTrue(lime.exitCode() == 1 && lime.err().contains("--training-data"), lime.err());
        CliTestSupport.Result mean = CliTestSupport.run("explain", "--model", model.toString(), "--data",
                data.toString(), "--method", "occlusion", "-o", "baseline=mean", "--out", dir.resolve("o.csv").toString());
        assertTrue(mean.exitCode() == 1 && mean.err().contains("feature 'colour' holds a category code"), mean.err());
    }

    @Test
    void evaluateRefusesMetricsThatMoveACodeOffItsCategoriesBeforeAnyWorkAndRunsTheOnesThatKeepThem() {
        for (String metric : List.of("infidelity", "max-sensitivity", "avg-sensitivity", "lipschitz", "robustness")) {
            Path out = dir.resolve("eval-" + metric);
            CliTestSupport.Result r = CliTestSupport.run("evaluate", "--model", model.toString(), "--data",
                    data.toString(), "--methods", "kernel-shap", "--metric", metric, "--out", out.toString());
            assertEquals(1, r.exitCode(), metric);
            assertTrue(r.err().contains("--metric " + metric + " perturbs every input")
                    && r.err().contains("discrete-lipschitz"), r.err());
            try (var left = java.nio.file.Files.list(dir)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("eval-" + metric)),
                        "refused before any work: nothing written, not even a partial folder");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Path baseline = dir.resolve("eval-baseline");
        CliTestSupport.Result ok = CliTestSupport.run("evaluate", "--model", model.toString(), "--data",
                data.toString(), "--methods", "kernel-shap", "--metric", "infidelity", "--perturbation", "subset",
                "--max-rows", "3", "--out", baseline.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(java.nio.file.Files.isDirectory(baseline));
    }

    @Test
    void aCategoryTheModelNeverSawIsAnErrorNamingItsLine() throws IOException {
        Path unseen = dir.resolve("unseen.csv");
        Files.writeString(unseen, "x1,colour,x2\n0.5,red,1\n0.1,purple,0\n");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data",
                unseen.toString(), "--method", "kernel-shap", "--out", dir.resolve("u.csv").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("line 3") && r.err().contains("'purple'") && r.err().contains("blue, green, red"),
                r.err());
    }

    /**
     * An external model that takes one-hot columns (the fixture forest on a, b, c, with b and c one-hot): grouped,
     * b and c are one feature g whose category is the column at 1; exact Shapley values over a background add up.
     */
    @Test
    void oneHotColumnsOfAnExternalModelExplainAsOneGroupNamedByItsCategory() throws IOException {
        Path forest = TreeModelCommandsTest.fixture("forest-zipmap.onnx");
        SplittableRandom rng = new SplittableRandom(3);
        StringBuilder csv = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 40; i++) {
            boolean b = rng.nextBoolean();
            csv.append(rng.nextDouble(-2, 2)).append(b ? ",1,0\n" : ",0,1\n");
        }
        Path onehot = dir.resolve("onehot.csv");
        Files.writeString(onehot, csv);
        Path out = dir.resolve("grouped.csv");
        Path report = dir.resolve("grouped-report");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", forest.toString(), "--data",
                onehot.toString(), "--method", "shapley-exact", "--background", onehot.toString(), "--feature-groups",
                "g=b,c", "--max-rows", "10", "--out", out.toString(), "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<CSVRecord> rows = DemoCommandTest.read(out);
        assertEquals(List.of("attr_a", "attr_g"),
                rows.get(0).getParser().getHeaderNames().stream().filter(h -> h.startsWith("attr_")).toList());
        for (CSVRecord row : rows) {
            double sum = Double.parseDouble(row.get("base_value")) + Double.parseDouble(row.get("attr_a"))
                    + Double.parseDouble(row.get("attr_g"));
            assertEquals(Double.parseDouble(row.get("f_x")), sum, 1e-6, "efficiency (float32 model), row " + row.get("row"));
            String[] cells = Files.readAllLines(onehot).get(Integer.parseInt(row.get("row")) + 1).split(",");
            assertEquals(cells[1].equals("1") ? "b" : "c", row.get("category_g"), "the column at 1 names the category");
        }
        String page = Files.readString(report.resolve("index.html"));
        assertTrue(page.contains("g = b") || page.contains("g = c"), "the group is named by its category");

        Files.writeString(onehot, "a,b,c\n0.5,1,0\n0.2,1,1\n");
        CliTestSupport.Result twoHot = CliTestSupport.run("explain", "--model", forest.toString(), "--data",
                onehot.toString(), "--method", "shapley-exact", "--feature-groups", "g=b,c", "--out",
                dir.resolve("bad.csv").toString());
        assertEquals(1, twoHot.exitCode());
        assertTrue(twoHot.err().contains("row 2") && twoHot.err().contains("not one-hot"), twoHot.err());
        CliTestSupport.Result gradient = CliTestSupport.run("explain", "--model", forest.toString(), "--data",
                onehot.toString(), "--method", "clime", "--feature-groups", "g=b,x", "--out",
                dir.resolve("bad2.csv").toString());
        assertTrue(gradient.exitCode() == 1 && gradient.err().contains("no column 'x'"), gradient.err());
    }
}
