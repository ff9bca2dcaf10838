package io.jxplain.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReproduceCommandTest {
    @TempDir
    Path dir;

    @Test
    void quickReproductionOnTheSimulatedSetWritesTheReport() throws Exception {
        CliTestSupport.Result r = CliTestSupport.run("reproduce", "agarwal2021", "--quick", "--datasets", "simulated",
                "--figure", "2", "--max-points", "10", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("figure 2 written"), r.out());
        assertTrue(Files.readString(dir.resolve("index.html")).contains("Figure 2"));
        assertTrue(Files.exists(dir.resolve("figure2.svg")));
    }

    @Test
    void badArgumentsGiveOneLine() {
        CliTestSupport.Result r = CliTestSupport.run("reproduce", "agarwal2021", "--quick", "--data-dir",
                dir.resolve("missing").toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().strip().startsWith("jxplain: error: ") && r.err().contains("data file not found"), r.err());
        r = CliTestSupport.run("reproduce", "agarwal2021", "--figure", "7", "--out", dir.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("figures are 2, 3, 4 and 5"), r.err());
        r = CliTestSupport.run("reproduce", "agarwal2021", "--datasets", "iris", "--out", dir.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("unknown data set 'iris'"), r.err());
    }
}
