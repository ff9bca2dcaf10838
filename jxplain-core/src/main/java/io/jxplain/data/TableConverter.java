package io.jxplain.data;

import org.ejml.data.DMatrixRMaj;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns a {@link RawTable} into a {@link Dataset}, for CSV and ARFF alike.
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

    public static Dataset toDataset(RawTable table, TableReadOptions options, Consumer<String> warnings) {
        Path file = table.source();
        List<String> header = table.header();
        List<String[]> records = table.rows();
        if (records.isEmpty()) {
            throw new DataFormatException(file + ": no data rows after the header");
        }
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
            List<String> dropped = new ArrayList<>();
            for (int j = 0; j < header.size(); j++) {
                if (j == targetIndex || options.excluded().contains(header.get(j))) {
                    continue;
                }
                if (isNumericColumn(records, j)) {
                    kept.add(j);
                } else {
                    dropped.add(header.get(j));
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
        List<double[]> xs = new ArrayList<>(records.size());
        List<Double> ys = new ArrayList<>(records.size());
        int droppedRows = 0;
        for (int i = 0; i < records.size(); i++) {
            String[] r = records.get(i);
            long line = table.lines().get(i);
            if (options.missing() == MissingValues.DROP_ROWS && hasMissing(r, kept, targetIndex)) {
                droppedRows++;
                continue;
            }
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                int col = kept.get(j);
                x[j] = parseCell(file, line, header.get(col), r[col], false);
            }
            xs.add(x);
            if (targetIndex >= 0) {
                ys.add(parseCell(file, line, header.get(targetIndex), r[targetIndex], true));
            }
        }
        if (droppedRows > 0) {
            warnings.accept(file.getFileName() + ": dropped " + droppedRows + " of " + records.size()
                    + " rows with a missing value in a kept column");
        }
        if (xs.isEmpty()) {
            throw new DataFormatException(file + ": every row has a missing value in a kept column");
        }
        DMatrixRMaj x = new DMatrixRMaj(xs.size(), d);
        for (int i = 0; i < xs.size(); i++) {
            System.arraycopy(xs.get(i), 0, x.data, i * d, d);
        }
        double[] y = targetIndex < 0 ? null : ys.stream().mapToDouble(Double::doubleValue).toArray();
        List<String> names = new ArrayList<>();
        kept.forEach(j -> names.add(header.get(j)));
        return new Dataset(x, y, names, options.target());
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

    private static boolean isNumericColumn(List<String[]> records, int j) {
        for (String[] r : records) {
            String cell = r[j].trim();
            if (isMissing(cell)) {
                continue;
            }
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
        return false; // an entirely empty column carries nothing to explain
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
