package io.jxplain.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pipes in and out, and the heap: what a user meets with large or streamed data. */
class StreamsAndLimitsTest {
    private static final Path FILES = Path.of("..", "fixtures", "bad-inputs", "files");

    @TempDir
    Path dir;

    @Test
    void dataFromStandardInputAndCsvToStandardOutputInOnePass() throws IOException {
        Path model = FILES.resolve("model.json");
        Path file = dir.resolve("file.csv");
        assertEquals(0, CliTestSupport.run("explain", "--model", model.toString(), "--data",
                FILES.resolve("good.csv").toString(), "--method", "gradient", "--out", file.toString()).exitCode());
        InputStream saved = System.in;
        CliTestSupport.Result piped;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(FILES.resolve("good.csv"))));
            piped = CliTestSupport.run("explain", "--model", model.toString(), "--data", "-", "--method", "gradient",
                    "--out", "-");
        } finally {
            System.setIn(saved);
        }
        assertEquals(0, piped.exitCode(), piped.err());
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), piped.out(),
                "standard output carries exactly the CSV a file would");
        assertTrue(piped.err().contains("explained 60 rows with gradient") && piped.err().contains("mean attribution"),
                "the summary goes to standard error: " + piped.err());
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(piped.out())).getRecords();
        assertEquals(60, rows.size());
    }

    @Test
    void aFileLargerThanTheHeapFailsAtOnceNamingItAndWhatToDo() throws Exception {
        Path big = dir.resolve("big.csv");
        StringBuilder row = new StringBuilder();
        for (int j = 0; j < 40; j++) {
            row.append(j == 0 ? "" : ",").append("c").append(j);
        }
        StringBuilder text = new StringBuilder(row).append('\n');
        for (int i = 0; i < 200_000; i++) { // 8 000 000 numbers: 64 MB once parsed, in a 48 MB heap
            for (int j = 0; j < 40; j++) {
                text.append(j == 0 ? "" : ",").append(i % 7);
            }
            text.append('\n');
        }
        Files.writeString(big, text);
        ChildJvm run = ChildJvm.start(dir.resolve("log.txt"), List.of(), List.of("-Xmx48m"), "train", "--data",
                big.toString(), "--target", "c0", "--out", dir.resolve("m.json").toString());
        assertEquals(1, run.exit(), run.output());
        String error = run.output().lines().filter(l -> l.startsWith("jxplain: error: ")).findFirst().orElseThrow();
        assertTrue(error.contains(big.toString() + ": reading row") && error.contains("more than the")
                && error.contains("train a smaller network (--hidden, --conv) or on fewer rows")
                && error.contains("JXPLAIN_JAVA_OPTS"), error);
        assertEquals(1, run.output().lines().filter(l -> !l.startsWith("WARNING: Using incubator")).count(),
                "one line, no stack trace: " + run.output());
    }
}
