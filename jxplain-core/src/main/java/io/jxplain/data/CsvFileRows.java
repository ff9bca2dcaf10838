package io.jxplain.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file (plain or .gz) walked from disk on every {@link #forEach}: constant memory whatever its size. Checks
 * that the file exists, is not empty and has no ragged row (blank lines are skipped).
 */
public final class CsvFileRows implements TableRows {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).build();

    private final Path file;
    private final List<String> header;
    private final boolean headerInFile;

    /** {@code columnNames} null: the file's first row is the header. */
    public CsvFileRows(Path file, List<String> columnNames) {
        CsvDatasetReader.requireFile(file);
        this.file = file;
        this.headerInFile = columnNames == null;
        this.header = headerInFile ? CsvDatasetReader.header(file) : List.copyOf(columnNames);
    }

    @Override
    public Path source() {
        return file;
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public void forEach(Visitor visitor) {
        try (Reader reader = CsvDatasetReader.open(file); CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            var it = parser.iterator();
            if (!it.hasNext()) {
                throw new DataFormatException(file + ": the file is empty" + (headerInFile ? " (no header row)" : ""));
            }
            if (headerInFile) {
                it.next();
            }
            while (it.hasNext()) {
                CSVRecord r = it.next();
                long line = parser.getCurrentLineNumber();
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue; // a blank line
                }
                if (r.size() != header.size()) {
                    throw new DataFormatException(file + ", line " + line + ": " + r.size() + " fields but "
                            + (headerInFile ? "the header has " : "expected ") + header.size());
                }
                visitor.row(r.values(), line);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFormatException dfe) {
                throw dfe;
            }
            throw new DataFormatException(file + ": cannot be read as CSV: " + e.getMessage(), e);
        }
    }
}
