package io.jxplain.data;

import java.util.List;

/** A file's cells as text, held in memory, before any column is chosen or parsed: the common form of CSV and ARFF input. */
public record RawTable(String source, List<String> header, List<String[]> rows, List<Long> lines) implements TableRows {
    public RawTable {
        header = List.copyOf(header);
        if (rows.size() != lines.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + lines.size() + " line numbers");
        }
    }

    @Override
    public void read(Visitor visitor) {
        visitor.header(header);
        for (int i = 0; i < rows.size(); i++) {
            if (!visitor.row(rows.get(i), lines.get(i))) {
                return;
            }
        }
    }
}
