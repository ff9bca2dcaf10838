package io.jxplain.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** explain / evaluate / inspect on the ONNX and TorchScript fixtures (fixtures/models). */
class ExternalModelCommandsTest {
    @TempDir
    Path dir;

    private static Path fixture(String name) {
        return Path.of("..", "fixtures", "models", name);
    }

    /** 12 rows of 6 standard-normal features and a label column. */
    private Path data() throws IOException {
        SplittableRandom rng = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("a,b,c,d,e,f,label\n");
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 6; j++) {
                csv.append(String.format(Locale.ROOT, "%.6f,", rng.nextGaussian()));
            }
            csv.append(i % 3).append('\n');
        }
        Path p = dir.resolve("six.csv");
        Files.writeString(p, csv);
        return p;
    }

    @Test
    void theThreeFormatsGiveTheSameOcclusionAttributions() throws IOException {
        Path data = data();
        List<double[]> json = explain("mlp.json", data, "occlusion");
        List<double[]> onnx = explain("mlp.onnx", data, "occlusion");
        List<double[]> torch = explain("mlp.pt", data, "occlusion");
        assertEquals(12, json.size());
        for (int i = 0; i < json.size(); i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(json.get(i)[j], onnx.get(i)[j], 1e-12);
                assertEquals(json.get(i)[j], torch.get(i)[j], 1e-12);
            }
        }
    }

    @Test
    void gradientMethodsRunOnOnnxByFiniteDifferencesAndOnTorchByAutograd() throws IOException {
        Path data = data();
        List<double[]> fd = explain("mlp.onnx", data, "gradient");
        List<double[]> exact = explain("mlp.pt", data, "gradient");
        for (int i = 0; i < fd.size(); i++) {
            for (int j = 0; j < 6; j++) {
                // central differences at h = 8.7e-6 on a smooth float64 model: error ~ h²·|f'''| + ε/h ≈ 1e-10
                assertEquals(exact.get(i)[j], fd.get(i)[j], 1e-8);
            }
        }
    }

    private List<double[]> explain(String model, Path data, String method) throws IOException {
        Path out = dir.resolve(model + "-" + method + ".csv");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", fixture(model).toString(), "--data",
                data.toString(), "--label-column", "label", "--method", method, "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<double[]> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(out)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                double[] a = new double[6];
                for (int j = 0; j < 6; j++) {
                    a[j] = Double.parseDouble(rec.get("attr_" + (char) ('a' + j)));
                }
                rows.add(a);
            }
        }
        return rows;
    }

    @Test
    void inspectSaysHowEachMethodRuns() {
        CliTestSupport.Result onnx = CliTestSupport.run("inspect", "--model", fixture("mlp-probabilities-f32.onnx").toString());
        assertEquals(0, onnx.exitCode(), onnx.err());
        assertTrue(onnx.out().contains("input: float[-1, 6]  (explained)"), onnx.out());
        assertTrue(onnx.out().contains("3, probabilities (read off"), onnx.out());
        assertTrue(onnx.out().matches("(?s).*gradient +central finite differences \\(2·6 model rows per gradient, step 0\\.0071\\).*"),
                onnx.out());
        assertTrue(onnx.out().matches("(?s).*guided-backprop +unavailable.*"), onnx.out());
        CliTestSupport.Result torch = CliTestSupport.run("inspect", "--model", fixture("mlp.pt").toString(),
                "--input-size", "6", "--output-kind", "logits");
        assertEquals(0, torch.exitCode(), torch.err());
        assertTrue(torch.out().matches("(?s).*integrated-gradients +exact gradients \\(autograd\\).*"), torch.out());
        assertTrue(torch.out().contains("3, logits\n"), torch.out());
        CliTestSupport.Result noSize = CliTestSupport.run("inspect", "--model", fixture("mlp.pt").toString());
        assertEquals(Main.USER_ERROR, noSize.exitCode());
        assertTrue(noSize.err().contains("does not declare its input shape; give --input-size D or --input-shape CxHxW"),
                noSize.err());
    }

    @Test
    void badInputGivesOneLineNamingTheModelAndTheProblem() throws IOException {
        Path data = data();
        Path out = dir.resolve("x.csv");
        String[][] cases = {
                {"missing.onnx", "", "file not found: "},
                {"not-a-model.onnx", "label", "not-a-model.onnx is not a model ONNX Runtime can load"},
                {"mlp.onnx", "", "has 7 numeric feature columns (a, b, c, d, e, f, label) but ONNX mlp.onnx"},
                {"mlp.pt", "", "mlp.pt rejects inputs of shape (1, 7): mat1 and mat2 shapes cannot be multiplied"},
                {"rank5.onnx", "label", "input 'input' has rank 5"},
                {"nan.onnx", "label", "returned a non-finite output (NaN) for input row"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("explain", "--model", fixture(c[0]).toString(), "--data",
                    data.toString(), "--method", "occlusion", "--out", out.toString()));
            if (!c[1].isEmpty()) {
                args.addAll(List.of("--label-column", c[1]));
            }
            CliTestSupport.Result r = CliTestSupport.run(args.toArray(String[]::new));
            assertEquals(Main.USER_ERROR, r.exitCode(), c[0]);
            String line = r.err().strip();
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.startsWith("jxplain: error: ") && line.contains(c[2]), c[0] + ": " + line);
        }
    }

    @Test
    void evaluateRunsOnAnOnnxModel() throws IOException {
        Path data = data();
        Path out = dir.resolve("eval");
        CliTestSupport.Result r = CliTestSupport.run("evaluate", "--model", fixture("mlp.onnx").toString(), "--data",
                data.toString(), "--label-column", "label", "--methods", "closed-form,occlusion", "--metric",
                "infidelity", "--samples", "200", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(3, summary.size(), String.join("\n", summary));
        assertTrue(Files.readString(out.resolve("provenance.json")).contains("ONNX mlp.onnx"));
    }
}
