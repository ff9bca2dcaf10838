package io.jxplain.data;

import org.ejml.data.DMatrixRMaj;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns a table's rows ({@link TableRows}) into a {@link Dataset}, for CSV and ARFF alike.
 * <ul>
 * <li>Cells TRUE/FALSE (any case) read as 1/0, in features and target.</li>
 * <li>A column whose first present value is neither a number nor TRUE/FALSE is categorical: it is dropped, and a
 *     warning names it (the unification paper drops categorical features, §6.1).</li>
 * <li>A missing cell (empty, NA, ?, NaN, null) in a kept column is an error naming file, line and column, or drops
 *     its row under {@link MissingValues#DROP_ROWS}; ±Infinity and text are always errors.</li>
 * </ul>
 */
public final class TableConverter {
    private static final List<String> MISSING = List.of("", "na", "nan", "?", "null");

    private TableConverter() {
    }

    /**
     * One walk over the rows to detect the numeric columns (only when the features are not named), one to parse the
     * kept cells straight into numbers: 8 bytes per kept cell, never the table as text (unless it already is).
     */
    public static Dataset toDataset(TableRows table, TableReadOptions options, Consumer<String> warnings) {
        Path file = table.source();
        List<String> header = table.header();
        int targetIndex = -1;
        if (options.target() != null) {
            targetIndex = header.indexOf(options.target());
            if (targetIndex < 0) {
                throw new DataFormatException(file + ": no column named '" + options.target() + "'; columns are " + header);
            }
        }
        for (String name : options.excluded()) {
            if (!header.contains(name)) {
                throw new DataFormatException(file + ": cannot exclude column '" + name + "': there is none; columns are " + header);
            }
        }
        List<Integer> kept = new ArrayList<>();
        if (options.features() != null) {
            for (String name : options.features()) {
                int j = header.indexOf(name);
                if (j < 0) {
                    throw new DataFormatException(file + ": the model needs column '" + name + "', which the file lacks");
                }
                kept.add(j);
            }
        } else {
            // a column's kind is that of its first present value (-1 unseen, 0 text, 1 numeric)
            int[] kind = new int[header.size()];
            java.util.Arrays.fill(kind, -1);
            long[] count = new long[1];
            table.forEach((r, line) -> {
                count[0]++;
                for (int j = 0; j < kind.length; j++) {
                    if (kind[j] < 0 && !isMissing(r[j])) {
                        kind[j] = isNumeric(r[j]) ? 1 : 0;
                    }
                }
            });
            if (count[0] == 0) {
                throw new DataFormatException(file + ": no data rows after the header");
            }
            List<String> dropped = new ArrayList<>();
            for (int j = 0; j < header.size(); j++) {
                if (j == targetIndex || options.excluded().contains(header.get(j))) {
                    continue;
                }
                if (kind[j] == 1) {
                    kept.add(j);
                } else {
                    dropped.add(header.get(j)); // text, or an entirely empty column that carries nothing to explain
                }
            }
            if (!dropped.isEmpty()) {
                warnings.accept(file.getFileName() + ": dropped non-numeric column(s) " + dropped);
            }
            if (kept.isEmpty()) {
                throw new DataFormatException(file + ": no numeric feature columns");
            }
        }
        int d = kept.size();
        int target = targetIndex;
        DoubleBuffer xs = new DoubleBuffer();
        DoubleBuffer ys = new DoubleBuffer();
        long[] seen = new long[2]; // rows, dropped rows
        table.forEach((r, line) -> {
            seen[0]++;
            if (options.missing() == MissingValues.DROP_ROWS && hasMissing(r, kept, target)) {
                seen[1]++;
                return;
            }
            for (int j = 0; j < d; j++) {
                int col = kept.get(j);
                xs.add(parseCell(file, line, header.get(col), r[col], false));
            }
            if (target >= 0) {
                ys.add(parseCell(file, line, header.get(target), r[target], true));
            }
        });
        if (seen[0] == 0) {
            throw new DataFormatException(file + ": no data rows after the header");
        }
        if (seen[1] > 0) {
            warnings.accept(file.getFileName() + ": dropped " + seen[1] + " of " + seen[0]
                    + " rows with a missing value in a kept column");
        }
        int n = xs.size() / d;
        if (n == 0) {
            throw new DataFormatException(file + ": every row has a missing value in a kept column");
        }
        DMatrixRMaj x = DMatrixRMaj.wrap(n, d, xs.toArray());
        double[] y = target < 0 ? null : ys.toArray();
        List<String> names = new ArrayList<>();
        kept.forEach(j -> names.add(header.get(j)));
        return new Dataset(x, y, names, options.target());
    }

    /** A growable array of doubles: no boxing, no per-row arrays. */
    private static final class DoubleBuffer {
        private double[] values = new double[1024];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        double[] toArray() {
            return size == values.length ? values : java.util.Arrays.copyOf(values, size);
        }
    }

    static boolean isMissing(String cell) {
        return MISSING.contains(cell.trim().toLowerCase(Locale.ROOT));
    }

    private static boolean hasMissing(String[] r, List<Integer> kept, int targetIndex) {
        for (int col : kept) {
            if (isMissing(r[col])) {
                return true;
            }
        }
        return targetIndex >= 0 && isMissing(r[targetIndex]);
    }

    private static boolean isNumeric(String text) {
        String cell = text.trim();
        if (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false")) {
            return true;
        }
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double parseCell(Path file, long line, String column, String text, boolean target) {
        String cell = text.trim();
        String where = file + ", line " + line + (target ? ", target column '" : ", column '") + column + "'";
        if (cell.equalsIgnoreCase("true")) {
            return 1;
        }
        if (cell.equalsIgnoreCase("false")) {
            return 0;
        }
        if (isMissing(cell)) {
            throw new DataFormatException(where + ": missing value ('" + cell
                    + "'); impute or drop such rows before explaining");
        }
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DataFormatException(where + ": '" + cell + "' is not " + (target
                    ? "numeric (expected a number or TRUE/FALSE)" : "a number"));
        }
        if (!Double.isFinite(v)) {
            throw new DataFormatException(where + ": " + cell + " is not a finite number");
        }
        return v;
    }
}
