package io.jxplain;

import io.jxplain.data.CsvDatasetReader;
import io.jxplain.data.Dataset;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.KernelShap;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.metric.Infidelity;
import io.jxplain.metric.MaxSensitivity;
import io.jxplain.metric.Metric;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.model.nn.NetworkFile;
import io.jxplain.sample.GaussianPerturbation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library as a user meets it: examples/quickstart is a Maven project of its own (CI runs it against the installed
 * jxplain-core) whose one program explains a CSV with a saved model by two explainers and measures both with two
 * metrics. Here the very same file is held to what the project promises — at most 40 lines, only jxplain's public
 * packages and the JDK, no casts — compiled outside jxplain's packages against the core and its dependencies, run in
 * a JVM of its own, and its output checked against the same calls made here.
 */
class QuickstartProgramTest {
    private static final Path PROJECT = Path.of("..", "examples", "quickstart");
    private static final Path PROGRAM = PROJECT.resolve("src/main/java/Quickstart.java");
    private static final Pattern CAST = Pattern.compile(
            "\\(\\s*(?:[A-Z][\\w.]*|int|long|double|float|short|byte|char)(?:<[^()]*>)?(?:\\[\\])*\\s*\\)\\s*[\\w(\"]");

    @TempDir
    Path classes;

    @Test
    void theQuickstartIsShortUsesOnlyThePublicApiAndPrintsWhatTheLibraryComputes() throws Exception {
        List<String> lines = Files.readAllLines(PROGRAM);
        assertTrue(lines.size() <= 40, "the quickstart has " + lines.size() + " lines");
        for (String line : lines) {
            String code = line.replaceAll("//.*", "");
            if (code.startsWith("import ")) {
                assertTrue(code.startsWith("import io.jxplain.") || code.startsWith("import java."), line);
            }
            assertTrue(!CAST.matcher(code).find(), "a cast: " + line);
        }
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes")).reduce((a, b) -> a + File.pathSeparator + b)
                .orElseThrow();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int compiled = javac.run(null, null, errors, "-d", classes.toString(), "-cp", classpath, "-Xlint:all",
                "-Werror", PROGRAM.toString());
        assertEquals(0, compiled, errors.toString(StandardCharsets.UTF_8));

        Path model = PROJECT.resolve("model.json");
        Path data = PROJECT.resolve("data.csv");
        List<String> printed = run(classpath, model, data);

        Model m = NetworkFile.load(model).model();
        Dataset rows = CsvDatasetReader.read(data, "label", w -> { });
        Target target = Target.probability(1);
        List<String> expected = new ArrayList<>();
        for (Explainer e : List.of(SmoothGrad.builder().samples(200).sigma2(0.1).build(),
                KernelShap.builder().samples(200).build())) {
            expected.add(e.name() + " row 0: " + Arrays.toString(
                    e.explainAll(m, target, rows.features(), 42L).get(0).attributions()));
            for (Metric metric : List.of(Infidelity.builder()
                    .perturbation(GaussianPerturbation.isotropic(rows.dimension(), 0.01)).build(),
                    MaxSensitivity.builder().radius(0.02).samples(10).build())) {
                double mean = metric.evaluateAll(m, target, e, rows.features(), 42L, 2).stream()
                        .mapToDouble(v -> v.value()).average().orElseThrow();
                assertTrue(Double.isFinite(mean) && mean > 0, e.name() + " " + metric.name() + " " + mean);
                expected.add(e.name() + " " + metric.name() + " mean " + mean);
            }
        }
        assertEquals(expected, printed);
    }

    private List<String> run(String classpath, Path model, Path data) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", classes + File.pathSeparator + classpath, "Quickstart",
                model.toString(), data.toString(), "label").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().toList();
    }
}
