package io.jxplain.cli;

import io.jxplain.explain.Explanation;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes explanations as they are computed, one row per instance, flushing after each block so an interrupted run
 * keeps what it finished. {@link #finish(boolean)} records whether the run completed.
 */
interface ResultWriter extends Closeable {
    /** Appends explanations of rows {@code firstRow}, {@code firstRow + 1}, …; flushes. */
    void write(int firstRow, List<Explanation> explanations) throws IOException;

    /** Ends the output, marking it complete or interrupted. Idempotent. */
    void finish(boolean complete) throws IOException;

    @Override
    default void close() throws IOException {
        finish(true);
    }

    /** CSV for {@code .csv}, JSON for {@code .json}; the header names features and the run's provenance. */
    static ResultWriter open(Path out, List<String> featureNames, Map<String, Object> provenance) throws IOException {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return new CsvResultWriter(out, featureNames, provenance);
        }
        if (name.endsWith(".json")) {
            return new JsonResultWriter(out, featureNames, provenance);
        }
        throw new IllegalArgumentException("--out must end in .csv or .json, got " + out);
    }
}
