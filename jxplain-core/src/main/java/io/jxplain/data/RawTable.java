package io.jxplain.data;

import java.util.List;

/** A file's cells as text, held in memory, before any column is chosen or parsed: the common form of CSV and ARFF input. */
public record RawTable(String source, List<String> header, List<String[]> rows, List<Long> lines) implements TableRows {
    /** Refuses a table whose rows and line numbers differ in number; copies the header. */
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

    /** The table with each repeated column dropped after checking, row by row, that it copies the first one. */
    RawTable withoutRepeats() {
        java.util.Map<String, Integer> first = new java.util.HashMap<>();
        List<Integer> keep = new java.util.ArrayList<>();
        for (int j = 0; j < header.size(); j++) {
            Integer original = first.putIfAbsent(header.get(j), j);
            if (original == null) {
                keep.add(j);
                continue;
            }
            for (int i = 0; i < rows.size(); i++) {
                if (!rows.get(i)[j].equals(rows.get(i)[original])) {
                    throw new DataFormatException(source + ", line " + lines.get(i) + ": column '" + header.get(j)
                            + "' appears twice with different values (columns " + (original + 1) + " and " + (j + 1)
                            + "); which one is meant is ambiguous");
                }
            }
        }
        List<String> names = keep.stream().map(header::get).toList();
        List<String[]> kept = new java.util.ArrayList<>(rows.size());
        for (String[] row : rows) {
            String[] r = new String[keep.size()];
            for (int k = 0; k < r.length; k++) {
                r[k] = row[keep.get(k)];
            }
            kept.add(r);
        }
        return new RawTable(source, names, kept, lines);
    }
}
