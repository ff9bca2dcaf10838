package io.jxplain.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ejml.data.DMatrixRMaj;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV file (plain or .gz) with a header row into a {@link Dataset}.
 * <ul>
 * <li>The target column is chosen by name; TRUE/FALSE targets read as 1/0; any other text target is an error.</li>
 * <li>A column whose first present value is not a number is categorical: it is dropped, and a warning names it
 *     (the unification paper drops categorical features, §6.1).</li>
 * <li>In a kept column, an empty cell, NA, ?, NaN, ±Infinity or text is an error naming file, line and column:
 *     jxplain never guesses a missing value.</li>
 * </ul>
 */
public final class CsvDatasetReader {
    private static final List<String> MISSING = List.of("", "na", "nan", "?", "null");

    private CsvDatasetReader() {
    }

    /** All numeric columns but the target become features; warnings go to {@code warnings}. */
    public static Dataset read(Path file, String targetColumn, Consumer<String> warnings) {
        return read(file, targetColumn, null, warnings);
    }

    /**
     * @param targetColumn   the target's header name, or null for unlabelled data
     * @param featureColumns the feature columns to keep, in this order (e.g. the model's), or null for all numeric ones
     */
    public static Dataset read(Path file, String targetColumn, List<String> featureColumns, Consumer<String> warnings) {
        if (!Files.exists(file)) {
            throw new DataFormatException(file + ": file not found");
        }
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file + ": is a directory, not a CSV file");
        }
        List<String> header;
        List<String[]> records = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).build();
        try (Reader reader = open(file); CSVParser parser = CSVParser.parse(reader, format)) {
            var it = parser.iterator();
            if (!it.hasNext()) {
                throw new DataFormatException(file + ": the file is empty (no header row)");
            }
            header = new ArrayList<>(it.next().toList());
            while (it.hasNext()) {
                CSVRecord r = it.next();
                long line = parser.getCurrentLineNumber();
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue; // a blank line
                }
                if (r.size() != header.size()) {
                    throw new DataFormatException(file + ", line " + line + ": " + r.size()
                            + " fields but the header has " + header.size());
                }
                records.add(r.values());
                lines.add(line);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFormatException dfe) {
                throw dfe;
            }
            throw new DataFormatException(file + ": cannot be read as CSV: " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new DataFormatException(file + ": no data rows after the header");
        }
        int targetIndex = -1;
        if (targetColumn != null) {
            targetIndex = header.indexOf(targetColumn);
            if (targetIndex < 0) {
                throw new DataFormatException(file + ": no column named '" + targetColumn + "'; columns are " + header);
            }
        }
        List<Integer> kept = new ArrayList<>();
        if (featureColumns != null) {
            for (String name : featureColumns) {
                int j = header.indexOf(name);
                if (j < 0) {
                    throw new DataFormatException(file + ": the model needs column '" + name + "', which the file lacks");
                }
                kept.add(j);
            }
        } else {
            List<String> dropped = new ArrayList<>();
            for (int j = 0; j < header.size(); j++) {
                if (j == targetIndex) {
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
        int n = records.size();
        int d = kept.size();
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        double[] y = targetIndex < 0 ? null : new double[n];
        for (int i = 0; i < n; i++) {
            String[] r = records.get(i);
            for (int j = 0; j < d; j++) {
                int col = kept.get(j);
                x.data[i * d + j] = parseCell(file, lines.get(i), header.get(col), r[col]);
            }
            if (y != null) {
                y[i] = parseTarget(file, lines.get(i), targetColumn, r[targetIndex]);
            }
        }
        List<String> names = new ArrayList<>();
        kept.forEach(j -> names.add(header.get(j)));
        return new Dataset(x, y, names, targetColumn);
    }

    /** The header row's column names. */
    public static List<String> header(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file + ": file not found");
        }
        try (Reader reader = open(file); CSVParser parser = CSVParser.parse(reader, CSVFormat.DEFAULT)) {
            var it = parser.iterator();
            if (!it.hasNext()) {
                throw new DataFormatException(file + ": the file is empty (no header row)");
            }
            return it.next().toList().stream().map(String::trim).toList();
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot be read as CSV: " + e.getMessage(), e);
        }
    }

    static Reader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static boolean isNumericColumn(List<String[]> records, int j) {
        for (String[] r : records) {
            String cell = r[j].trim();
            if (MISSING.contains(cell.toLowerCase(Locale.ROOT))) {
                continue;
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

    private static double parseCell(Path file, long line, String column, String text) {
        String cell = text.trim();
        if (MISSING.contains(cell.toLowerCase(Locale.ROOT))) {
            throw new DataFormatException(file + ", line " + line + ", column '" + column + "': missing value ('"
                    + cell + "'); impute or drop such rows before explaining");
        }
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file + ", line " + line + ", column '" + column + "': '" + cell
                    + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new DataFormatException(file + ", line " + line + ", column '" + column + "': " + cell
                    + " is not a finite number");
        }
        return v;
    }

    private static double parseTarget(Path file, long line, String column, String text) {
        String cell = text.trim();
        if (cell.equalsIgnoreCase("true")) {
            return 1;
        }
        if (cell.equalsIgnoreCase("false")) {
            return 0;
        }
        try {
            double v = Double.parseDouble(cell);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataFormatException(file + ", line " + line + ", target column '" + column + "': '" + cell
                + "' is not numeric (expected a number or TRUE/FALSE)");
    }
}
