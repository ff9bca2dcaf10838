package io.jxplain.cli;

import io.jxplain.explain.Explanation;
import io.jxplain.io.StagedFile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes explanations as they are computed, one row per instance, flushing after each block so an interrupted run
 * keeps what it finished. {@link #finish} writes the marker saying whether the run completed: last, and only once.
 */
interface ResultWriter {
    /**
     * Appends explanations of rows {@code firstRow}, {@code firstRow + 1}, …, each with what {@code facts} says of
     * it (the value it explains, its id, its classes); flushes.
     */
    void write(int firstRow, List<Explanation> explanations, RowFacts facts) throws IOException;

    /**
     * Ends the output: {@code "complete": true}, or false with the reason (interrupted, or the error that stopped the
     * run). Only the first call counts.
     */
    void finish(boolean complete, String reason) throws IOException;

    /** Rows written so far. */
    int rowsWritten();

    /** The formats by name: CSV for {@code .csv} (and "-", standard output), JSON for {@code .json}. */
    static boolean isJson(Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return true;
        }
        if (name.endsWith(".csv") || out.toString().equals("-")) {
            return false;
        }
        throw new IllegalArgumentException("--out must end in .csv or .json (or be - for CSV on standard output), got "
                + out);
    }

    /**
     * A writer into {@code stream}; a CSV's provenance goes to {@code provenance} (its sidecar; null on standard
     * output), a JSON file carries it inline.
     */
    static ResultWriter open(boolean json, OutputStream stream, StagedFile provenance, List<String> featureNames,
                             Map<String, Object> header) {
        try {
            return json ? new JsonResultWriter(stream, featureNames, header)
                    : new CsvResultWriter(stream, provenance, featureNames, header);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
