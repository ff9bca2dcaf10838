package io.jxplain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Tree ensembles as scikit-learn's and XGBoost's converters export them, from the command line: explained with no
 * --output (the label output skipped, the ZipMap read), Shapley values adding up to p(x) − p(baseline), a graph with
 * one input per column matched to the data's columns by name, and gradient methods refused with what to use instead.
 */
class TreeModelCommandsTest {
    @TempDir
    Path dir;
    Path rows;

    static Path fixture(String name) {
        return Path.of("..", "fixtures", "models", name);
    }

    /** The fixture's inputs as a CSV with columns {@code header} (in that order), plus a label column. */
    private Path csv(String name, List<String> header, int[] order) throws IOException {
        JsonNode inputs = new ObjectMapper().readTree(fixture("forest-zipmap.expected.json").toFile()).get("inputs");
        StringBuilder sb = new StringBuilder(String.join(",", header)).append(",label\n");
        for (JsonNode row : inputs) {
            for (int j : order) {
                sb.append(row.get(j).asDouble()).append(',');
            }
            sb.append("1\n");
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb);
        return p;
    }

    /** The explained CSV holds XGBoost's pred_contribs (six features, then the bias as base_value), to 1e-6. */
    private static void assertPredContribs(JsonNode expected, Path out) throws IOException {
        List<CSVRecord> explained = DemoCommandTest.read(out);
        assertEquals(expected.get("rows").size(), explained.size());
        for (int i = 0; i < explained.size(); i++) {
            JsonNode contribs = expected.get("contributions").get(i);
            for (int j = 0; j < 6; j++) {
                assertEquals(contribs.get(j).asDouble(), Double.parseDouble(explained.get(i).get("attr_f" + j)), 1e-6,
                        "row " + i + " f" + j);
            }
            assertEquals(contribs.get(6).asDouble(), Double.parseDouble(explained.get(i).get("base_value")), 1e-6);
        }
    }

    @BeforeEach
    void data() throws IOException {
        rows = csv("rows.csv", List.of("x0", "x1", "x2"), new int[] {0, 1, 2});
    }

    @Test
    void aForestWithZipMapIsExplainedWithoutChoosingAnOutputAndItsShapleyValuesAddUp() throws IOException {
        for (String model : List.of("forest-zipmap.onnx", "boosted-zipmap.onnx")) {
            Path out = dir.resolve(model + ".csv");
            CliTestSupport.Result r = CliTestSupport.run("explain", "--model", fixture(model).toString(), "--data",
                    rows.toString(), "--label-column", "label", "--method", "shapley-exact", "--out", out.toString());
            assertEquals(0, r.exitCode(), model + ": " + r.err());
            for (CSVRecord row : DemoCommandTest.read(out)) {
                double sum = Double.parseDouble(row.get("base_value"));
                for (String f : List.of("x0", "x1", "x2")) {
                    sum += Double.parseDouble(row.get("attr_" + f));
                }
                assertEquals(Double.parseDouble(row.get("f_x")), sum, 1e-6, model + " row " + row.get("row")
                        + ": p(x) − p(baseline), to float32 precision");
            }
        }
    }

    @Test
    void gradientMethodsAreRefusedOnATreeEnsembleNamingTheMethodsThatSuit() {
        for (String method : List.of("gradient", "smoothgrad", "integrated-gradients-sg")) {
            CliTestSupport.Result r = CliTestSupport.run("explain", "--model", fixture("forest-zipmap.onnx").toString(),
                    "--data", rows.toString(), "--label-column", "label", "--method", method, "--out",
                    dir.resolve(method + ".csv").toString());
            assertEquals(1, r.exitCode(), method);
            assertTrue(r.err().contains("piecewise constant") && r.err().contains("shapley-exact, kernel-shap"),
                    r.err());
            assertTrue(!Files.exists(dir.resolve(method + ".csv")), "refused before any output");
        }
        CliTestSupport.Result inspect = CliTestSupport.run("inspect", "--model", fixture("forest-zipmap.onnx").toString());
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().contains("TreeEnsembleClassifier: piecewise constant"), inspect.out());
        assertTrue(inspect.out().contains("refused: a tree ensemble's gradient is 0"), inspect.out());
    }

    /** Columns in another order, and one more: matched by name, so the values are those of the one-tensor forest. */
    @Test
    void aGraphWithOneInputPerColumnTakesTheDataColumnsByName() throws IOException {
        Path named = csv("named.csv", List.of("c", "extra", "a", "b"), new int[] {2, 0, 0, 1});
        Path out = dir.resolve("columns.csv");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", fixture("forest-columns.onnx").toString(),
                "--data", named.toString(), "--label-column", "label", "--method", "kernel-shap", "--samples", "40",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path reference = dir.resolve("reference.csv");
        assertEquals(0, CliTestSupport.run("explain", "--model", fixture("forest-zipmap.onnx").toString(), "--data",
                rows.toString(), "--label-column", "label", "--method", "kernel-shap", "--samples", "40", "--out",
                reference.toString()).exitCode());
        List<CSVRecord> byName = DemoCommandTest.read(out);
        List<CSVRecord> byTensor = DemoCommandTest.read(reference);
        for (int i = 0; i < byName.size(); i++) {
            assertEquals(byTensor.get(i).get("f_x"), byName.get(i).get("f_x"), "row " + i);
            for (String[] pair : new String[][] {{"a", "x0"}, {"b", "x1"}, {"c", "x2"}}) {
                assertEquals(byTensor.get(i).get("attr_" + pair[1]), byName.get(i).get("attr_" + pair[0]),
                        "row " + i + ", " + pair[0]);
            }
        }
        assertTrue(DemoCommandTest.read(out).get(0).isMapped("attr_a") && !byName.get(0).isMapped("attr_extra"));
    }

    /**
     * An XGBoost JSON model from the command line: read in Java, explained by tree-shap with XGBoost's own
     * pred_contribs (fixtures/trees, to 1e-6), the probability target refused with the margin's target named, gradient
     * methods refused with tree-shap named, and inspect saying what the model is.
     */
    @Test
    void anXgboostModelIsExplainedByTreeShapAsXgboostDoes() throws IOException {
        Path model = Path.of("..", "fixtures", "trees", "binary.json");
        JsonNode expected = new ObjectMapper().readTree(Path.of("..", "fixtures", "trees", "binary-expected.json")
                .toFile());
        Path data = Path.of("..", "fixtures", "trees", "binary-rows.csv");
        Path out = dir.resolve("tree-shap.csv");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data", data.toString(),
                "--method", "tree-shap", "--target", "logit:1", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertPredContribs(expected, out);
        Path byDefault = dir.resolve("default-target.csv");
        CliTestSupport.Result untargeted = CliTestSupport.run("explain", "--model", model.toString(), "--data",
                data.toString(), "--method", "tree-shap", "--out", byDefault.toString());
        assertEquals(0, untargeted.exitCode(), untargeted.err());
        assertEquals(Files.readString(out), Files.readString(byDefault), "the default target is the margin, logit:1");
        CliTestSupport.Result probability = CliTestSupport.run("explain", "--model", model.toString(), "--data",
                data.toString(), "--method", "tree-shap", "--target", "probability:1", "--out",
                dir.resolve("p.csv").toString());
        assertEquals(1, probability.exitCode());
        assertTrue(probability.err().contains("logit:1"), probability.err());
        CliTestSupport.Result gradient = CliTestSupport.run("explain", "--model", model.toString(), "--data",
                data.toString(), "--method", "smoothgrad", "--out", dir.resolve("g.csv").toString());
        assertEquals(1, gradient.exitCode());
        assertTrue(gradient.err().contains("tree-shap gives its exact Shapley values"), gradient.err());
        CliTestSupport.Result onNetwork = CliTestSupport.run("explain", "--model", fixture("mlp.onnx").toString(),
                "--data", data.toString(), "--method", "tree-shap", "--out",
                dir.resolve("n.csv").toString());
        assertEquals(1, onNetwork.exitCode());
        assertTrue(onNetwork.err().contains("kernel-shap"), onNetwork.err());
        CliTestSupport.Result inspect = CliTestSupport.run("inspect", "--model", model.toString());
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().contains("XGBoost JSON") && inspect.out().contains("exact (path-dependent TreeSHAP"
                + " over 20 trees") && inspect.out().matches("(?s).*default target +logit:1.*"), inspect.out());
    }

    /**
     * The same XGBoost trees as an ONNX-ML classifier (fixtures/trees/binary.onnx, covers in nodes_hitrates): no
     * --output, the margin explained by default, XGBoost's pred_contribs to 1e-6; --background is refused, since the
     * file has its covers.
     */
    @Test
    void anOnnxTreeEnsembleIsExplainedByTreeShapAsXgboostDoes() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(Path.of("..", "fixtures", "trees", "binary-expected.json")
                .toFile());
        Path model = Path.of("..", "fixtures", "trees", "binary.onnx");
        Path data = Path.of("..", "fixtures", "trees", "binary-rows.csv");
        Path out = dir.resolve("onnx-tree-shap.csv");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data", data.toString(),
                "--method", "tree-shap", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("rebuilt from the graph in Java and checked against ONNX Runtime"), r.err());
        assertPredContribs(expected, out);
        CliTestSupport.Result background = CliTestSupport.run("explain", "--model", model.toString(), "--data",
                data.toString(), "--method", "tree-shap", "--background", data.toString(), "--out",
                dir.resolve("b.csv").toString());
        assertEquals(1, background.exitCode());
        assertTrue(background.err().contains("--background is read by"), background.err());
        CliTestSupport.Result inspect = CliTestSupport.run("inspect", "--model", model.toString());
        assertTrue(inspect.out().contains("covers from the file's nodes_hitrates"), inspect.out());
    }

    /**
     * A skl2onnx-style forest (no covers in the file) by tree-shap: covers counted from the explained rows, or from
     * --background, whose base value is then another; either way the values add up to p(x) − base value.
     */
    @Test
    void aForestWithoutCoversTakesThemFromTheDataOrTheBackground() throws IOException {
        Path background = csv("background.csv", List.of("x0", "x1", "x2"), new int[] {2, 0, 1}); // other rows
        double[] bases = new double[2];
        for (int k = 0; k < 2; k++) {
            Path out = dir.resolve("forest-tree-shap-" + k + ".csv");
            List<String> args = new java.util.ArrayList<>(List.of("explain", "--model",
                    fixture("forest-zipmap.onnx").toString(), "--data", rows.toString(), "--label-column", "label",
                    "--method", "tree-shap", "--out", out.toString()));
            if (k == 1) {
                args.addAll(List.of("--background", background.toString()));
            }
            CliTestSupport.Result r = CliTestSupport.run(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.err().contains(k == 0 ? "covers counted from the --data rows" : "covers counted from"
                    + " --background"), r.err());
            for (CSVRecord row : DemoCommandTest.read(out)) {
                double sum = Double.parseDouble(row.get("base_value"));
                for (String f : List.of("x0", "x1", "x2")) {
                    sum += Double.parseDouble(row.get("attr_" + f));
                }
                assertEquals(Double.parseDouble(row.get("f_x")), sum, 1e-12, "row " + row.get("row") + " adds up");
                bases[k] = Double.parseDouble(row.get("base_value"));
            }
        }
        assertTrue(Math.abs(bases[0] - bases[1]) > 1e-3, "other covers, another base value: " + bases[0] + " vs "
                + bases[1]);
        CliTestSupport.Result summarised = CliTestSupport.run("explain", "--model", fixture("forest-zipmap.onnx")
                .toString(), "--data", rows.toString(), "--label-column", "label", "--method", "tree-shap",
                "--background", background.toString(), "--background-summary", "kmeans:3", "--out",
                dir.resolve("summarised.csv").toString());
        assertEquals(1, summarised.exitCode());
        assertTrue(summarised.err().contains("counts every --background row"), summarised.err());
    }

    /**
     * A forest behind a Scaler (a scaled pipeline): its trees read computed values, so tree-shap refuses it, naming
     * the node, and inspect says why; the black-box methods still explain it.
     */
    @Test
    void treesBehindAScalerAreRefusedByTreeShapNamingTheNode() throws IOException {
        Path model = fixture("forest-scaled.onnx");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data", rows.toString(),
                "--label-column", "label", "--method", "tree-shap", "--out", dir.resolve("t.csv").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("computed by a Scaler node") && r.err().contains("shapley-exact and kernel-shap"),
                r.err());
        assertTrue(!Files.exists(dir.resolve("t.csv")), "refused before any output");
        CliTestSupport.Result inspect = CliTestSupport.run("inspect", "--model", model.toString());
        assertTrue(inspect.out().matches("(?s).*tree-shap +unavailable: the trees read 'scaled', computed by a Scaler.*"),
                inspect.out());
        Path out = dir.resolve("exact.csv");
        CliTestSupport.Result exact = CliTestSupport.run("explain", "--model", model.toString(), "--data",
                rows.toString(), "--label-column", "label", "--method", "shapley-exact", "--out", out.toString());
        assertEquals(0, exact.exitCode(), exact.err());
        assertEquals(12, DemoCommandTest.read(out).size());
    }
}
