package io.jxplain.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

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
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV file (plain or .gz) with a header row into a {@link Dataset}; the column rules are
 * {@link TableConverter}'s. Parsing is Apache Commons CSV's.
 */
public final class CsvDatasetReader {
    private CsvDatasetReader() {
    }

    /** All numeric columns but the target become features; warnings go to {@code warnings}. */
    public static Dataset read(Path file, String targetColumn, Consumer<String> warnings) {
        return read(file, TableReadOptions.target(targetColumn), warnings);
    }

    /**
     * @param targetColumn   the target's header name, or null for unlabelled data
     * @param featureColumns the feature columns to keep, in this order (e.g. the model's), or null for all numeric ones
     */
    public static Dataset read(Path file, String targetColumn, List<String> featureColumns, Consumer<String> warnings) {
        return read(file, TableReadOptions.target(targetColumn).withFeatures(featureColumns), warnings);
    }

    /** Reads the file straight into numbers (twice when columns must be detected), never holding it as text. */
    public static Dataset read(Path file, TableReadOptions options, Consumer<String> warnings) {
        return TableConverter.toDataset(new CsvFileRows(file, null), options, warnings);
    }

    /** The file's cells; checks the file exists, is not empty and has no ragged row. */
    public static RawTable table(Path file) {
        return table(file, null);
    }

    /** A headerless file's cells, under the given column names (null: the file's first row is the header). */
    public static RawTable table(Path file, List<String> columnNames) {
        CsvFileRows rows = new CsvFileRows(file, columnNames);
        List<String[]> records = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        rows.forEach((cells, line) -> {
            records.add(cells);
            lines.add(line);
        });
        return new RawTable(file, rows.header(), records, lines);
    }

    /** The header row's column names. */
    public static List<String> header(Path file) {
        requireFile(file);
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

    static void requireFile(Path file) {
        if (!Files.exists(file)) {
            throw new DataFormatException(file + ": file not found");
        }
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file + ": is a directory, not a data file");
        }
    }

    /** A UTF-8 reader, decompressing {@code .gz} files. */
    static Reader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
