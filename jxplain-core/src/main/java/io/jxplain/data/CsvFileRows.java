package io.jxplain.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * A CSV file (plain or gzip) or standard input, streamed from the start on each {@link #read}: constant memory
 * whatever its size, and the source is opened once per read. The header is the first row (names trimmed, a UTF-8
 * byte-order mark dropped) unless column names are given; a ragged row is an error, blank lines are skipped.
 */
public final class CsvFileRows implements TableRows {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).build();

    private final Path file;
    private final List<String> columnNames;

    /** {@code columnNames} null: the file's first row is the header. {@code file} "-" reads standard input. */
    public CsvFileRows(Path file, List<String> columnNames) {
        CsvDatasetReader.requireFile(file);
        this.file = file;
        this.columnNames = columnNames == null ? null : List.copyOf(columnNames);
    }

    @Override
    public String source() {
        return CsvDatasetReader.describe(file);
    }

    @Override
    public void read(Visitor visitor) {
        String source = source();
        long line = 0;
        try (Reader reader = CsvDatasetReader.open(file); CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            Iterator<CSVRecord> it = parser.iterator();
            List<String> header = columnNames;
            if (header == null) {
                if (!it.hasNext()) {
                    throw new DataFormatException(source + ": the file is empty (no header row)");
                }
                header = it.next().toList().stream().map(String::trim).toList();
            }
            visitor.header(header);
            while (it.hasNext()) {
                CSVRecord r = it.next();
                line = parser.getCurrentLineNumber();
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue; // a blank line
                }
                if (r.size() != header.size()) {
                    throw new DataFormatException(source + ", line " + line + ": " + r.size() + " fields but "
                            + (columnNames == null ? "the header has " : "expected ") + header.size());
                }
                if (!visitor.row(r.values(), line)) {
                    return;
                }
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw CsvDatasetReader.unreadable(source, line, e);
        }
    }
}
