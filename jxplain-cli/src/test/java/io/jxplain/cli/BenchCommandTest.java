package io.jxplain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The smoke run of {@code jxplain bench}: every case runs at every thread count; no timing is asserted. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void quickRunMeasuresEveryCaseAtEveryThreadCountWithTheSameResults() throws IOException {
        Path captum = dir.resolve("timings.json");
        Files.writeString(captum, """
                {"torch_threads": 1, "timings": [
                  {"method": "saliency", "dataset": "breast_cancer", "mode": "batched", "explanations_per_s": 1000.0},
                  {"method": "saliency", "dataset": "breast_cancer", "mode": "per_point", "explanations_per_s": 10.0},
                  {"method": "smoothgrad", "dataset": "breast_cancer", "mode": "batched", "n": 20, "sigma2": 1.0,
                   "explanations_per_s": 50.0},
                  {"method": "lime_marcotcr", "dataset": "breast_cancer", "mode": "batched", "n": 20, "sigma2": 1.0,
                   "explanations_per_s": 40.0}]}""");
        Path out = dir.resolve("bench.json");
        CliTestSupport.Result r = CliTestSupport.run("bench", "--quick", "--threads", "1,2", "--captum", captum.toString(),
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode results = new ObjectMapper().readTree(out.toFile()).get("results");
        Set<String> cases = new HashSet<>();
        for (JsonNode row : results) {
            cases.add(row.get("case").asText());
            assertTrue(row.get("per_second").asDouble() > 0, row.toString());
            assertTrue(row.get("peak_heap_bytes").asLong() > 0, row.toString());
            assertTrue(row.get("identical_to_first_thread_count").asBoolean(), row.toString());
            String name = row.get("case").asText();
            if (name.equals("gradient")) {
                assertEquals(row.get("per_second").asDouble() / 1000.0, row.get("ratio_to_captum").asDouble(), 1e-9,
                        "the batched figure, not the per-point one");
            } else if (name.equals("smoothgrad")) {
                assertEquals(50.0, row.get("captum_per_second").asDouble(), 0.0);
            } else if (name.equals("clime-vs-lime") || name.equals("lime")) {
                assertEquals(40.0, row.get("captum_per_second").asDouble(), 0.0, name + " against lime's run");
            } else {
                assertFalse(row.has("ratio_to_captum"), name + " has no Captum figure in this file");
            }
        }
        assertEquals(2 * cases.size(), results.size(), "every case at 1 and 2 threads");
        assertTrue(cases.containsAll(Set.of("gradient", "smoothgrad", "clime", "clime-vs-lime", "lime", "kernel-shap",
                "integrated-gradients", "infidelity(gradient)", "max-sensitivity(gradient)")), cases.toString());
        assertTrue(r.out().contains("ratio"), r.out());
        assertTrue(r.out().contains("Captum: " + captum), "a file without a label is Captum's: " + r.out());
    }

    @Test
    void forkRunsEachCaseInItsOwnJvmAndGathersTheirResults() throws IOException {
        Path out = dir.resolve("forked.json");
        CliTestSupport.Result r = CliTestSupport.run("bench", "--quick", "--fork", "--threads", "1", "--cases",
                "gradient,smoothgrad", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode root = new ObjectMapper().readTree(out.toFile());
        assertTrue(root.get("forked").asBoolean());
        JsonNode results = root.get("results");
        assertEquals(2, results.size(), results.toString());
        assertEquals("gradient", results.get(0).get("case").asText());
        assertEquals("smoothgrad", results.get(1).get("case").asText());
        Set<Long> processes = new HashSet<>();
        for (JsonNode row : results) {
            assertTrue(row.get("per_second").asDouble() > 0, row.toString());
            processes.add(row.get("process_id").asLong());
        }
        assertEquals(2, processes.size(), "one JVM per case");
        assertFalse(processes.contains(ProcessHandle.current().pid()), "not this JVM");
        assertEquals(1, r.out().lines().filter(line -> line.startsWith("case ")).count(), "one header: " + r.out());
        assertTrue(r.out().lines().anyMatch(line -> line.startsWith("gradient ")), r.out());
        assertTrue(r.out().lines().anyMatch(line -> line.startsWith("smoothgrad ")), r.out());
        CliTestSupport.Result wrong = CliTestSupport.run("bench", "--quick", "--fork", "--variance-reduction");
        assertEquals(1, wrong.exitCode());
        assertTrue(wrong.err().contains("--fork applies to the throughput cases"), wrong.err());
    }

    @Test
    void aBaselineFileNamesWhatItMeasured() throws IOException {
        Path torch = dir.resolve("torch-now.json");
        Files.writeString(torch, """
                {"label": "plain PyTorch, this run", "torch_threads": 1, "timings": [
                  {"method": "saliency", "dataset": "breast_cancer", "mode": "batched", "explanations_per_s": 500.0}]}""");
        Path out = dir.resolve("vs-torch.json");
        CliTestSupport.Result r = CliTestSupport.run("bench", "--quick", "--threads", "1", "--cases", "gradient",
                "--captum", torch.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("plain PyTorch, this run: " + torch), r.out());
        JsonNode row = new ObjectMapper().readTree(out.toFile()).get("results").get(0);
        assertEquals(row.get("per_second").asDouble() / 500.0, row.get("ratio_to_captum").asDouble(), 1e-9);
    }

    @Test
    void varianceReductionRunComparesEverySchemeAgainstPlainMonteCarlo() throws IOException {
        Path out = dir.resolve("vr.json");
        CliTestSupport.Result r = CliTestSupport.run("bench", "--variance-reduction", "--quick", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode schemes = new ObjectMapper().readTree(out.toFile()).get("schemes");
        assertEquals(4, schemes.size());
        assertEquals("none", schemes.get(0).get("scheme").asText());
        assertEquals(1.0, schemes.get(0).get("saving").asDouble(), 1e-12, "plain against itself");
        for (JsonNode s : schemes) {
            JsonNode curve = s.get("curve");
            assertTrue(curve.get(curve.size() - 1).get("mean_l1").asDouble() < curve.get(0).get("mean_l1").asDouble(),
                    s.get("scheme") + ": the error falls with n");
        }
    }

    @Test
    void casesOptionRunsOnlyTheNamedCases() throws IOException {
        Path out = dir.resolve("some.json");
        CliTestSupport.Result r = CliTestSupport.run("bench", "--quick", "--threads", "1", "--cases", "gradient,clime",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Set<String> cases = new HashSet<>();
        for (JsonNode row : new ObjectMapper().readTree(out.toFile()).get("results")) {
            cases.add(row.get("case").asText());
        }
        assertEquals(Set.of("gradient", "clime"), cases);
        CliTestSupport.Result unknown = CliTestSupport.run("bench", "--quick", "--cases", "gradiant");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown bench case 'gradiant'") && unknown.err().contains("smoothgrad"),
                unknown.err());
    }

    @Test
    void badOptionsAreOneLineErrors() {
        CliTestSupport.Result r = CliTestSupport.run("bench", "--quick", "--threads", "0");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("--threads must be positive"), r.err());
        CliTestSupport.Result missing = CliTestSupport.run("bench", "--quick", "--captum", dir.resolve("no.json").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("not found"), missing.err());
    }
}
