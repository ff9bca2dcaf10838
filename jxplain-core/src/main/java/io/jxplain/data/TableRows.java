package io.jxplain.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A table's cells as text, row by row, that can be walked more than once: held in memory ({@link RawTable}) or
 * re-read from its file on each walk ({@link CsvFileRows}), so a large CSV never sits in memory as text.
 */
public interface TableRows {
    /** One row's cells and its line number in the source. */
    interface Visitor {
        void row(String[] cells, long line);
    }

    Path source();

    List<String> header();

    /** Visits every data row in order. */
    void forEach(Visitor visitor);
}
