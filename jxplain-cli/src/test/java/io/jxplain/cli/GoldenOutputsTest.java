package io.jxplain.cli;

import io.jxplain.catalog.ExplainerCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The numbers every command writes, pinned by digest (fixtures/golden/digests.tsv): the demo, explain with every
 * method, evaluate with every metric and a quick reproduction. A refactoring must leave them byte-identical; a
 * deliberate change of values regenerates the file ({@code mvn test -Dtest=GoldenOutputsTest
 * -Djxplain.golden.write=true}) and says so in the CHANGELOG. Provenance files and pictures are left out: their keys
 * and drawing may change without any value changing.
 */
class GoldenOutputsTest {
    private static final Path FIXTURES = Path.of("..", "fixtures");
    private static final Path DIGESTS = FIXTURES.resolve("golden/digests.tsv");
    /** Good inputs from the corpus: a 2 → 4 → 2 ELU MLP with its 60-row CSV, and a 4×4 CNN with its images. */
    private static final Path FILES = FIXTURES.resolve("bad-inputs/files");

    @TempDir
    Path dir;

    @Test
    void everyCommandsNumbersAreThoseOfTheDigestFile() throws Exception {
        Map<String, String> actual = new TreeMap<>();
        String mlp = FILES.resolve("model.json").toString();
        String rows = FILES.resolve("good.csv").toString();
        for (String method : ExplainerCatalog.names()) {
            if (method.equals("square-removal") || method.equals("lime-superpixels") || method.equals("tree-shap")) {
                continue; // images and tree ensembles only: below
            }
            for (String name : method.equals("integrated-gradients") ? List.of(method, method + "-sg") : List.of(method)) {
                Path out = dir.resolve("explain-" + name + ".csv");
                run("explain", "--model", mlp, "--data", rows, "--method", name, "--samples", "20", "--seed", "3",
                        "--threads", "2", "--out", out.toString());
                actual.put(out.getFileName().toString(), sha256(out));
            }
        }
        String cnn = FILES.resolve("cnn-4x4.json").toString();
        String pixels = FILES.resolve("pixels-4x4.csv").toString();
        for (List<String> image : List.of(List.of("square-removal", "-o", "sides=2"),
                List.of("occlusion", "-o", "window=2", "-o", "stride=2"), List.of("epsilon-lrp"),
                List.of("lime-superpixels", "-o", "quickshift-kernel=0.5"))) {
            Path out = dir.resolve("explain-image-" + image.get(0) + ".csv");
            List<String> args = new ArrayList<>(List.of("explain", "--model", cnn, "--data", pixels, "--max-rows", "8",
                    "--method"));
            args.addAll(image);
            args.addAll(List.of("--samples", "20", "--seed", "3", "--out", out.toString()));
            run(args.toArray(String[]::new));
            actual.put(out.getFileName().toString(), sha256(out));
        }
        Path trees = dir.resolve("explain-trees-tree-shap.csv");
        run("explain", "--model", Path.of("..", "fixtures", "trees", "multiclass.json").toString(), "--data",
                Path.of("..", "fixtures", "trees", "multiclass-rows.csv").toString(), "--method", "tree-shap",
                "--target", "logit:2", "--out", trees.toString());
        actual.put(trees.getFileName().toString(), sha256(trees));
        Path evaluation = dir.resolve("evaluate");
        run("evaluate", "--model", mlp, "--data", rows, "--max-rows", "6", "--methods", "gradient,smoothgrad",
                "--metric", "infidelity,max-sensitivity,avg-sensitivity,lipschitz,robustness,discrete-lipschitz,"
                        + "randomisation", "--lipschitz-budget", "20", "--samples", "20", "--seed", "3",
                "--out", evaluation.toString());
        digestCsvs(evaluation, "evaluate/", actual);
        Path demo = dir.resolve("demo");
        run("demo", "--threads", "2", "--out", demo.toString());
        digestCsvs(demo, "demo/", actual);
        actual.put("demo/model.json", sha256(demo.resolve("model.json")));
        Path reproduction = dir.resolve("agarwal2021");
        run("reproduce", "agarwal2021", "--quick", "--datasets", "simulated", "--figure", "2", "--out",
                reproduction.toString());
        digestCsvs(reproduction, "agarwal2021/", actual);
        if (Boolean.getBoolean("jxplain.golden.write")) {
            StringBuilder text = new StringBuilder("# output\tSHA-256 (written by GoldenOutputsTest with"
                    + " -Djxplain.golden.write=true)\n");
            actual.forEach((name, digest) -> text.append(name).append('\t').append(digest).append('\n'));
            Files.writeString(DIGESTS, text);
        }
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(DIGESTS)) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.split("\t");
                expected.put(f[0], f[1]);
            }
        }
        assertTrue(actual.size() >= 30, "outputs digested: " + actual.keySet());
        List<String> changed = new ArrayList<>();
        for (String name : actual.keySet()) {
            if (!actual.get(name).equals(expected.get(name))) {
                changed.add(name);
            }
        }
        assertEquals(expected.keySet(), actual.keySet(), "the set of outputs changed");
        assertEquals(List.of(), changed, "these outputs' values changed");
    }

    private static void run(String... args) {
        CliTestSupport.Result r = CliTestSupport.run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + "\n" + r.err());
    }

    private static void digestCsvs(Path folder, String prefix, Map<String, String> out) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".csv")).toList()) {
                out.put(prefix + p.getFileName(), sha256(p));
            }
        }
    }

    private static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
