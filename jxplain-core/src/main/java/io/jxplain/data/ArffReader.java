package io.jxplain.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads Weka's ARFF format (plain or .gz): {@code @attribute NAME TYPE} lines, then {@code @data} with
 * comma-separated rows; {@code ?} is a missing value; {@code %} starts a comment. Only the dense format is read
 * (a sparse row in braces is an error). Written by hand: the only full ARFF readers on the JVM come with Weka,
 * which is GPL-licensed.
 */
public final class ArffReader {
    private ArffReader() {
    }

    /** Reads an ARFF file (plain or gzip) into a data set as {@code options} say; warnings go to {@code warnings}. */
    public static Dataset read(Path file, TableReadOptions options, Consumer<String> warnings) {
        return TableConverter.toDataset(table(file), options, warnings);
    }

    /** Reads an ARFF file's attributes and data rows as text cells ("?" stays a missing cell). */
    public static RawTable table(Path file) {
        CsvDatasetReader.requireFile(file);
        List<String> header = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        boolean inData = false;
        long lineNumber = 0;
        try (Reader reader = CsvDatasetReader.open(file); BufferedReader in = new BufferedReader(reader)) {
            String raw;
            while ((raw = in.readLine()) != null) {
                lineNumber++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("%")) {
                    continue;
                }
                if (!inData) {
                    String lower = line.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("@attribute")) {
                        header.add(attributeName(file, lineNumber, line));
                    } else if (lower.startsWith("@data")) {
                        inData = true;
                    }
                    continue;
                }
                if (line.startsWith("{")) {
                    throw new DataFormatException(file + ", line " + lineNumber + ": sparse ARFF rows are not supported");
                }
                String[] cells = line.split(",", -1);
                if (cells.length != header.size()) {
                    throw new DataFormatException(file + ", line " + lineNumber + ": " + cells.length
                            + " fields but " + header.size() + " attributes are declared");
                }
                for (int j = 0; j < cells.length; j++) {
                    cells[j] = unquote(cells[j].strip());
                }
                rows.add(cells);
                lines.add(lineNumber);
            }
        } catch (IOException e) {
            throw CsvDatasetReader.unreadable(file.toString(), lineNumber, e);
        }
        if (header.isEmpty()) {
            throw new DataFormatException(file + ": no @attribute lines: not an ARFF file");
        }
        if (!inData) {
            throw new DataFormatException(file + ": no @data section");
        }
        TableConverter.checkHeader(file.toString(), header);
        return new RawTable(file.toString(), header, rows, lines);
    }

    private static String attributeName(Path file, long line, String text) {
        String rest = text.substring("@attribute".length()).strip();
        if (rest.startsWith("'") || rest.startsWith("\"")) {
            int end = rest.indexOf(rest.charAt(0), 1);
            if (end > 0) {
                return rest.substring(1, end);
            }
        }
        String[] parts = rest.split("\\s+", 2);
        if (parts[0].isEmpty()) {
            throw new DataFormatException(file + ", line " + line + ": @attribute without a name");
        }
        return parts[0];
    }

    private static String unquote(String cell) {
        if (cell.length() >= 2 && (cell.startsWith("'") && cell.endsWith("'") || cell.startsWith("\"") && cell.endsWith("\""))) {
            return cell.substring(1, cell.length() - 1);
        }
        return cell;
    }
}
