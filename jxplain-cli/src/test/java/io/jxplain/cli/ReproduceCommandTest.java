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
        r = CliTestSupport.run("reproduce", "agarwal2021", "--figure", "7", "--out", dir.resolve("o").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("figures are 2, 3, 4 and 5"), r.err());
        r = CliTestSupport.run("reproduce", "agarwal2021", "--datasets", "iris", "--out", dir.resolve("o").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("unknown data set 'iris'"), r.err());
    }

    /** The whole yeh2019 pipeline on a synthetic stand-in for the digits file: 8×8 bars, in the file's format. */
    @Test
    void yeh2019QuickRunsEndToEndOnDigitsShapedData() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("digits"));
        java.util.random.RandomGenerator rng = io.jxplain.random.RandomStreams.stream(5L);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            int label = rng.nextInt(2);
            int line = rng.nextInt(8);
            for (int j = 0; j < 64; j++) {
                boolean lit = label == 0 ? j % 8 == line : j / 8 == line;
                sb.append(lit ? 16 : rng.nextInt(3)).append(',');
            }
            sb.append(label).append('\n');
        }
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(data.resolve("digits/digits.csv.gz")))) {
            out.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path out = dir.resolve("yeh");
        CliTestSupport.Result r = CliTestSupport.run("reproduce", "yeh2019", "--quick", "--data-dir", data.toString(),
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("table 1(b) Square"), r.out());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("Table 1(a)") && html.contains("Table 1(b)") && html.contains("Table 2"), html);
        Path alvarez = dir.resolve("alvarez");
        CliTestSupport.Result a = CliTestSupport.run("reproduce", "alvarez2018", "--quick", "--data-dir", data.toString(),
                "--out", alvarez.toString());
        assertEquals(0, a.exitCode(), a.err());
        assertTrue(Files.readString(alvarez.resolve("index.html")).contains("Figure 6"));
        assertTrue(Files.readString(alvarez.resolve("figure6.svg")).contains("SHAP"));
        assertTrue(Files.readString(alvarez.resolve("index.html")).contains("none of the UCI files was found"));
        Path imagesOnly = dir.resolve("alvarez-images");
        CliTestSupport.Result i = CliTestSupport.run("reproduce", "alvarez2018", "--quick", "--images-only",
                "--data-dir", data.toString(), "--out", imagesOnly.toString());
        assertEquals(0, i.exitCode(), i.err());
        String imagesReport = Files.readString(imagesOnly.resolve("index.html"));
        assertTrue(imagesReport.contains("Figure 6") && imagesReport.contains("--images-only")
                && !imagesReport.contains("none of the UCI files"), imagesReport);
        CliTestSupport.Result missing = CliTestSupport.run("reproduce", "yeh2019", "--data-dir",
                dir.resolve("missing").toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("not found") && missing.err().contains("mnist/"), missing.err());
        CliTestSupport.Result badSet = CliTestSupport.run("reproduce", "yeh2019", "--images", "cifar", "--out",
                dir.resolve("o").toString());
        assertEquals(1, badSet.exitCode());
        assertTrue(badSet.err().contains("mnist or digits"), badSet.err());
    }
}
