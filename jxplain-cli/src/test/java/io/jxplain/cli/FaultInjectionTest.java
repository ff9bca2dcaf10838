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
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults a user meets, in a real child JVM where a signal is involved: SIGTERM (Ctrl-C, a scheduler's stop) keeps
 * the finished part marked incomplete; SIGKILL, a full disk or an error part-way leave the previous output byte for
 * byte as it was.
 */
class FaultInjectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path data;
    Path model;

    @BeforeEach
    void aModelAndALongFile() throws IOException {
        Dataset d = SimulatedData.generate(20_000, 1L);
        StringBuilder sb = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < d.rows(); i++) {
            sb.append(d.row(i)[0]).append(',').append(d.row(i)[1]).append(',').append((int) d.targets()[i]).append('\n');
        }
        data = dir.resolve("d.csv");
        Files.writeString(data, sb);
        model = dir.resolve("m.json");
        assertEquals(0, CliTestSupport.run("train", "--data", data.toString(), "--target", "y", "--epochs", "1",
                "--out", model.toString()).exitCode());
    }

    /** A previous, complete output of a short run, to be protected. */
    private Path previous(String name, String... extra) {
        Path out = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("explain", "--model", model.toString(), "--data",
                data.toString(), "--method", "gradient", "--max-rows", "10", "--out", out.toString()));
        args.addAll(List.of(extra));
        assertEquals(0, CliTestSupport.run(args.toArray(String[]::new)).exitCode());
        return out;
    }

    private ChildJvm slowExplain(Path out) throws IOException {
        return ChildJvm.start(dir.resolve("log.txt"), "explain", "--model", model.toString(), "--data",
                data.toString(), "--samples", "20000", "--threads", "1", "--out", out.toString());
    }

    @Test
    void sigtermKeepsTheFinishedRowsAsValidJsonMarkedIncomplete() throws Exception {
        Path out = previous("r.json");
        ChildJvm run = slowExplain(out);
        assertTrue(run.await(() -> ChildJvm.stagedContaining(out, "\"row\":64").isPresent()), run.output());
        assertNotEquals(0, run.terminate());
        JsonNode json = JSON.readTree(out.toFile());
        assertFalse(json.get("complete").asBoolean());
        assertEquals("interrupted", json.get("incomplete_because").asText());
        int written = json.get("rows_written").asInt();
        assertTrue(written >= 64 && written < 20_000, "rows written: " + written);
        assertEquals(written, json.get("explanations").size());
        assertEquals(written - 1, json.get("explanations").get(written - 1).get("row").asInt());
        assertEquals(List.of(), ChildJvm.staged(out), "nothing staged is left behind");
        assertTrue(run.output().contains("jxplain: interrupted: the finished part is in " + out), run.output());
    }

    @Test
    void sigtermKeepsTheFinishedCsvRowsAndTheirProvenanceAgrees() throws Exception {
        Path out = previous("r.csv");
        ChildJvm run = slowExplain(out);
        assertTrue(run.await(() -> ChildJvm.stagedContaining(out, "\n64,").isPresent()), run.output());
        run.terminate();
        List<CSVRecord> rows = DemoCommandTest.read(out);
        JsonNode provenance = JSON.readTree(dir.resolve("r.csv.provenance.json").toFile());
        assertFalse(provenance.get("complete").asBoolean());
        assertEquals(rows.size(), provenance.get("rows_written").asInt());
        assertTrue(rows.size() >= 64 && rows.size() < 20_000, "rows: " + rows.size());
        assertEquals(sha256(out), provenance.get("csv_sha256").asText(), "the provenance describes this very CSV");
    }

    @Test
    void sigkillMidWriteLeavesThePreviousOutputByteIdentical() throws Exception {
        Path out = previous("r.json");
        byte[] before = Files.readAllBytes(out);
        ChildJvm run = slowExplain(out);
        assertTrue(run.await(() -> ChildJvm.stagedContaining(out, "\"row\":64").isPresent()), run.output());
        run.kill();
        assertArrayEquals(before, Files.readAllBytes(out));
        assertEquals(1, ChildJvm.staged(out).size(), "the killed run's temporary file is left …");
        previous("r.json");
        assertEquals(List.of(), ChildJvm.staged(out), "… and removed by the next run on the same output");
    }

    @Test
    void anErrorPartWayLeavesThePreviousOutputAndKeepsTheFinishedRowsBesideIt() throws IOException {
        Path out = previous("r.json");
        byte[] before = Files.readAllBytes(out);
        // a logit of 1e308·x overflows for x = 10 only: row 193 gives the model a non-finite output
        Path nanModel = dir.resolve("overflow.json");
        Files.writeString(nanModel, "{\"format\": \"jxplain-network\", \"version\": 1, \"output\": \"logits\","
                + " \"layers\": [{\"W\": [[1e308], [0.0]], \"b\": [0.0, 0.0], \"activation\": \"identity\"}],"
                + " \"feature_names\": [\"x\"]}");
        StringBuilder rows = new StringBuilder("x\n");
        for (int i = 0; i < 400; i++) {
            rows.append(i == 193 ? "10" : "0.5").append('\n');
        }
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, rows);
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", nanModel.toString(), "--data", bad.toString(),
                "--method", "gradient", "--out", out.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("row 193: Network(1→2, logits) returned a non-finite output (NaN)"), r.err());
        assertTrue(r.err().contains("the finished part is kept in " + dir.resolve("r.partial.json")), r.err());
        assertTrue(r.err().contains(out + " is unchanged"), r.err());
        assertArrayEquals(before, Files.readAllBytes(out));
        JsonNode partial = JSON.readTree(dir.resolve("r.partial.json").toFile());
        assertFalse(partial.get("complete").asBoolean());
        assertEquals(192, partial.get("rows_written").asInt(), "the three blocks of 64 before row 193");
        assertTrue(partial.get("incomplete_because").asText().startsWith("failed: "));
    }

    @Test
    void anErrorBeforeAnyRowLeavesNothingBehind() throws IOException {
        Path out = previous("r.csv");
        byte[] before = Files.readAllBytes(out);
        byte[] sidecar = Files.readAllBytes(dir.resolve("r.csv.provenance.json"));
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data", data.toString(),
                "--method", "integrated-gradients", "-o", "steps=0", "--out", out.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertArrayEquals(before, Files.readAllBytes(out));
        assertArrayEquals(sidecar, Files.readAllBytes(dir.resolve("r.csv.provenance.json")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains("partial")
                    || p.getFileName().toString().startsWith(".")).toList());
        }
    }

    @Test
    void aFullDiskFailsTheRunAndLeavesThePreviousOutputsByteIdentical() throws Exception {
        Path out = previous("r.json");
        byte[] before = Files.readAllBytes(out);
        byte[] modelBefore = Files.readAllBytes(model);
        // a file-size limit of 64 KiB makes every write past it fail as a full disk does (EFBIG instead of ENOSPC)
        List<String> limited = List.of("bash", "-c", "ulimit -f 64; exec \"$@\"", "bash");
        ChildJvm explain = ChildJvm.start(dir.resolve("explain.log"), limited, "explain", "--model", model.toString(),
                "--data", data.toString(), "--method", "clime", "--samples", "20", "--out", out.toString());
        assertEquals(1, explain.exit(), explain.output());
        assertTrue(explain.output().contains("jxplain: error: a file grew past this process's size limit"),
                explain.output());
        assertArrayEquals(before, Files.readAllBytes(out));
        ChildJvm train = ChildJvm.start(dir.resolve("train.log"), limited, "train", "--data", data.toString(),
                "--target", "y", "--epochs", "1", "--hidden", "300,300", "--out", model.toString());
        assertEquals(1, train.exit(), train.output());
        assertArrayEquals(modelBefore, Files.readAllBytes(model), "re-training on a full disk keeps the old model");
        assertEquals(List.of(), ChildJvm.staged(out));
        assertEquals(List.of(), ChildJvm.staged(model));
    }

    @Test
    void aRealFullFileSystemWhereATmpfsCanBeMounted() throws Exception {
        Path mount = dir.resolve("small");
        Files.createDirectories(mount);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0,
                "no tmpfs can be mounted here (not root): the file-size limit test above covers the full disk");
        try {
            Path out = mount.resolve("r.json");
            Files.writeString(out, "{\"previous\": true}");
            CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data",
                    data.toString(), "--method", "gradient", "--out", out.toString());
            assertEquals(1, r.exitCode());
            assertTrue(r.err().contains("no space left on the device while writing the outputs"), r.err());
            assertEquals("{\"previous\": true}", Files.readString(out));
            assertEquals(List.of(), ChildJvm.staged(out));
        } finally {
            new ProcessBuilder("umount", mount.toString()).start().waitFor();
        }
    }

    @Test
    void sigtermDuringEvaluateMarksTheFolderIncompleteAndTheSummaryNamesWhatIsMissing() throws Exception {
        Path out = dir.resolve("eval");
        ChildJvm run = ChildJvm.start(dir.resolve("eval.log"), "evaluate", "--model", model.toString(), "--data",
                data.toString(), "--methods", "gradient,smoothgrad", "--metric", "infidelity,max-sensitivity",
                "--threads", "1", "--out", out.toString());
        assertTrue(run.await(() -> ChildJvm.staged(out).stream()
                .anyMatch(p -> Files.exists(p.resolve("gradient-max-sensitivity.csv")))), run.output());
        run.terminate();
        JsonNode provenance = JSON.readTree(out.resolve("provenance.json").toFile());
        assertFalse(provenance.get("complete").asBoolean());
        assertEquals("interrupted", provenance.get("incomplete_because").asText());
        List<String> unfinished = JSON.convertValue(provenance.get("not_evaluated_in_full"), List.class);
        assertTrue(unfinished.contains("smoothgrad × infidelity (missing)"), unfinished.toString());
        Map<String, String> status = new TreeMap<>();
        for (CSVRecord row : DemoCommandTest.read(out.resolve("summary.csv"))) {
            status.put(row.get("method") + " " + row.get("metric"), row.get("status"));
        }
        assertEquals("complete", status.get("gradient infidelity"));
        assertTrue(List.of("partial", "complete").contains(status.get("gradient max-sensitivity")), status.toString());
        assertEquals("missing", status.get("smoothgrad infidelity"));
        assertEquals("missing", status.get("smoothgrad max-sensitivity"));
        assertEquals(List.of(), ChildJvm.staged(out));
    }

    @Test
    void sigkillDuringEvaluateLeavesThePreviousFolderAsItWas() throws Exception {
        Path out = dir.resolve("eval");
        assertEquals(0, CliTestSupport.run("evaluate", "--model", model.toString(), "--data", data.toString(),
                "--max-rows", "20", "--methods", "gradient", "--metric", "infidelity", "--out", out.toString())
                .exitCode());
        Map<String, String> before = digests(out);
        ChildJvm run = ChildJvm.start(dir.resolve("eval.log"), "evaluate", "--model", model.toString(), "--data",
                data.toString(), "--methods", "smoothgrad", "--metric", "max-sensitivity", "--threads", "1",
                "--out", out.toString());
        assertTrue(run.await(() -> ChildJvm.staged(out).stream()
                .anyMatch(p -> Files.exists(p.resolve("smoothgrad-max-sensitivity.csv")))), run.output());
        run.kill();
        assertEquals(before, digests(out));
    }

    private static Map<String, String> digests(Path folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.toList()) {
                out.put(p.getFileName().toString(), sha256(p));
            }
        }
        return out;
    }

    private static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
