package io.jxplain.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV file (plain or gzip) or standard input with a header row into a {@link Dataset}, in one pass; the
 * column rules are {@link TableConverter}'s. Parsing is Apache Commons CSV's.
 */
public final class CsvDatasetReader {
    private CsvDatasetReader() {
    }

    /**
     * All numeric columns but {@code targetColumn} (the labels' column: not null; for data without labels use
     * {@link #read(Path, Consumer)}) become features; warnings go to {@code warnings}.
     */
    public static Dataset read(Path file, String targetColumn, Consumer<String> warnings) {
        if (targetColumn == null) {
            throw new IllegalArgumentException("no target column named; read unlabelled data with read(file, warnings)");
        }
        return read(file, TableReadOptions.target(targetColumn), warnings);
    }

    /** Unlabelled data: every numeric column becomes a feature; warnings go to {@code warnings}. */
    public static Dataset read(Path file, Consumer<String> warnings) {
        return read(file, TableReadOptions.target(null), warnings);
    }

    /** Reads the file once, straight into numbers, never holding it as text. {@code file} "-" is standard input. */
    public static Dataset read(Path file, TableReadOptions options, Consumer<String> warnings) {
        return TableConverter.toDataset(new CsvFileRows(file, null), options, warnings);
    }

    /** The file's cells; checks the file exists, is not empty and has no ragged row. */
    public static RawTable table(Path file) {
        return table(file, null);
    }

    /** A headerless file's cells, under the given column names (null: the file's first row is the header). */
    public static RawTable table(Path file, List<String> columnNames) {
        return table(file, columnNames, true);
    }

    /**
     * A file whose header repeats names, as published data sets sometimes do (ProPublica's COMPAS file holds
     * decile_score and priors_count twice): each repeated column must be an exact copy of the first, and is dropped;
     * a repeat that differs is an error naming it. For user data, {@link #table(Path)} refuses any repeat.
     */
    public static RawTable tableWithIdenticalRepeats(Path file) {
        return table(file, null, false).withoutRepeats();
    }

    private static RawTable table(Path file, List<String> columnNames, boolean uniqueNames) {
        CsvFileRows rows = new CsvFileRows(file, columnNames);
        List<String[]> records = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<List<String>> header = new ArrayList<>(1);
        rows.read(new TableRows.Visitor() {
            @Override
            public void header(List<String> names) {
                if (uniqueNames) {
                    TableConverter.checkHeader(rows.source(), names);
                }
                header.add(names);
            }

            @Override
            public boolean row(String[] cells, long line) {
                records.add(cells);
                lines.add(line);
                return true;
            }
        });
        return new RawTable(rows.source(), header.get(0), records, lines);
    }

    /** The header row's column names (trimmed, a byte-order mark dropped), checked: non-empty and unique. */
    public static List<String> header(Path file) {
        requireFile(file);
        String source = describe(file);
        try (Reader reader = open(file); CSVParser parser = CSVParser.parse(reader, CSVFormat.DEFAULT)) {
            var it = parser.iterator();
            if (!it.hasNext()) {
                throw new DataFormatException(source + ": the file is empty (no header row)");
            }
            List<String> names = it.next().toList().stream().map(String::trim).toList();
            TableConverter.checkHeader(source, names);
            return names;
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw unreadable(source, 1, e);
        }
    }

    /** Whether {@code file} names standard input ("-"). */
    public static boolean isStandardInput(Path file) {
        return file.toString().equals("-");
    }

    /** How messages name the source: its path, or "standard input". */
    static String describe(Path file) {
        return isStandardInput(file) ? "standard input" : file.toString();
    }

    static void requireFile(Path file) {
        if (isStandardInput(file)) {
            return;
        }
        if (!Files.exists(file)) {
            throw new DataFormatException(file + ": file not found");
        }
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file + ": is a folder, not a data file");
        }
        if (!Files.isReadable(file)) {
            throw new DataFormatException(file + ": permission denied (not readable)");
        }
    }

    /**
     * A strict UTF-8 reader (a byte-order mark dropped), decompressing gzip whatever the file's name (by its magic
     * bytes), that refuses binary data (a NUL character) and lines longer than {@value TextGuard#MAX_LINE} characters, so
     * that a wrong file (an image, /dev/zero) fails at once with its name instead of filling the heap.
     */
    static Reader open(Path file) throws IOException {
        InputStream raw = isStandardInput(file) ? new FilterInputStream(System.in) {
            @Override
            public void close() {
                // standard input belongs to the process, not to this reader
            }
        } : Files.newInputStream(file);
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        InputStream bytes = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return new TextGuard(new BufferedReader(new InputStreamReader(bytes, utf8), 1 << 16));
    }

    /** The one-line error for a source that fails while being read. */
    static DataFormatException unreadable(String source, long line, Exception e) {
        Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof IllegalStateException && cause.getCause() instanceof IOException io) {
            cause = io; // Commons CSV wraps its reader's errors
        }
        if (cause instanceof TextGuard.NotText notText) {
            return new DataFormatException(source + ": " + notText.getMessage(), cause);
        }
        if (cause instanceof CharacterCodingException) {
            return new DataFormatException(source + (line > 0 ? ", near line " + (line + 1) : "")
                    + ": not UTF-8 text; save it as UTF-8 (Excel: \"CSV UTF-8\")", cause);
        }
        if (cause instanceof java.util.zip.ZipException) {
            return new DataFormatException(source + ": a damaged gzip stream (" + cause.getMessage() + ")", cause);
        }
        return new DataFormatException(source + ": cannot be read as CSV: " + cause.getMessage(), cause);
    }
}
