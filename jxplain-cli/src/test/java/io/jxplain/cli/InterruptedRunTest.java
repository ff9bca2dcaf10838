package io.jxplain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jxplain.data.Dataset;
import io.jxplain.data.SimulatedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run stopped half-way (SIGTERM) leaves valid JSON with the rows it finished, marked incomplete. */
class InterruptedRunTest {
    @TempDir
    Path dir;

    @Test
    void anInterruptedExplainKeepsItsFinishedRows() throws Exception {
        Dataset d = SimulatedData.generate(20_000, 1L);
        StringBuilder sb = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < d.rows(); i++) {
            sb.append(d.row(i)[0]).append(',').append(d.row(i)[1]).append(',').append((int) d.targets()[i]).append('\n');
        }
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, sb);
        Path model = dir.resolve("m.json");
        assertEquals(0, CliTestSupport.run("train", "--data", csv.toString(), "--target", "y", "--epochs", "1",
                "--out", model.toString()).exitCode());
        Path out = dir.resolve("r.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "explain", "--model", model.toString(), "--data", csv.toString(), "--samples", "20000",
                "--threads", "1", "--out", out.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && (!Files.exists(out) || !Files.readString(out).contains("\"row\":64"))) {
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), "the run finished before it could be interrupted: " + Files.readString(dir.resolve("log.txt")));
        p.destroy(); // SIGTERM: the shutdown hook closes the output
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertFalse(json.get("complete").asBoolean());
        int written = json.get("rows_written").asInt();
        assertTrue(written >= 64 && written < 20_000, "rows written: " + written);
        assertEquals(written, json.get("explanations").size());
        assertEquals(written - 1, json.get("explanations").get(written - 1).get("row").asInt());
    }
}
