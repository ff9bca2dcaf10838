package io.jxplain.data;

import java.util.List;

/**
 * A table's cells as text, read once from the start: the header, then the data rows in order. Held in memory
 * ({@link RawTable}) or streamed from a file or standard input ({@link CsvFileRows}), so a large CSV is never held as
 * text and a pipe can be read.
 */
public interface TableRows {
    /** Receives the header, then each data row, in order. */
    interface Visitor {
        /** The column names, before any row. */
        void header(List<String> names);

        /** One row's cells and its line number in the source; returns false to stop reading. */
        boolean row(String[] cells, long line);
    }

    /** Where the rows come from, as messages name it: a file's path, or "standard input". */
    String source();

    /** Reads the table once, from the header to the last row or until the visitor stops. */
    void read(Visitor visitor);
}
