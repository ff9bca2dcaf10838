package io.jxplain.data;

import io.jxplain.internal.HeapBudget;
import io.jxplain.Names;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a table's rows ({@link TableRows}) into a {@link Dataset}, for CSV and ARFF alike, in one pass.
 * <ul>
 * <li>Header names must be unique and non-empty (a repeated name would make "the column named a" ambiguous).</li>
 * <li>Cells TRUE/FALSE (any case) read as 1/0, in features and target.</li>
 * <li>A column whose first present value is neither a number nor TRUE/FALSE is categorical: it is dropped, and a
 *     warning names it (the unification paper drops categorical features, §6.1), unless the options declare it
 *     categorical ({@link TableReadOptions#categories()}): its cells are then read as codes 0, 1, … of its levels.</li>
 * <li>A missing cell (empty, NA, ?, NaN, null) in a kept column is an error naming file, line and column, or drops
 *     its row under {@link MissingValues#DROP_ROWS}; ±Infinity and text are always errors.</li>
 * </ul>
 */
public final class TableConverter {
    private static final List<String> MISSING = List.of("", "na", "nan", "?", "null");

    private TableConverter() {
    }

    /**
     * Reads the table once, parsing kept cells straight into numbers: 8 bytes per numeric cell, never the table as
     * text (unless it already is); with {@link TableReadOptions#maxRows()}, only those rows are read.
     */
    public static Dataset toDataset(TableRows table, TableReadOptions options, Consumer<String> warnings) {
        Pass pass = new Pass(table.source(), options);
        table.read(pass);
        if (pass.header == null) {
            throw new DataFormatException(table.source() + ": the file is empty (no header row)");
        }
        return pass.finish(warnings);
    }

    /**
     * Checks a header: every name non-empty and unique. Throws naming the file and the offending names and columns.
     * The one rule for CSV, ARFF and the Spark engine.
     */
    public static void checkHeader(String source, List<String> names) {
        for (int j = 0; j < names.size(); j++) {
            if (names.get(j).isBlank()) {
                throw new DataFormatException(source + ": column " + (j + 1) + " of the header has no name; every"
                        + " column needs one");
            }
        }
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (int j = 0; j < names.size(); j++) {
            positions.computeIfAbsent(names.get(j), k -> new ArrayList<>()).add(j + 1);
        }
        List<String> repeated = new ArrayList<>();
        positions.forEach((name, at) -> {
            if (at.size() > 1) {
                repeated.add("'" + name + "' (columns " + Names.shortList(at) + ")");
            }
        });
        if (!repeated.isEmpty()) {
            throw new DataFormatException(source + ": the header repeats " + String.join(", ", repeated)
                    + "; column names must be unique: rename the copies");
        }
    }

    /** One pass over the rows: column kinds are found and cells parsed as they arrive. */
    private static final class Pass implements TableRows.Visitor {
        private static final byte UNSEEN = 0; // only missing cells so far
        private static final byte NUMERIC = 1;
        private static final byte TEXT = 2;
        private static final byte CATEGORY = 3; // declared categorical: cells become codes of levels

        private final String source;
        private final TableReadOptions options;
        private List<String> header;
        private int targetIndex = -1;
        private int idIndex = -1;
        private List<String> ids; // the id column's cells, when there is one
        private int[] columns; // candidate feature columns, in output order
        private byte[] kind;
        private Column[] values;
        private long[] firstMissingLine;
        private Column targets;
        private long rows;
        private Map<Integer, Map<String, Integer>> codes; // per CATEGORY column: level → code (first seen, if learnt)

        Pass(String source, TableReadOptions options) {
            this.source = source;
            this.options = options;
        }

        @Override
        public void header(List<String> names) {
            checkHeader(source, names);
            header = List.copyOf(names);
            Map<String, Integer> index = new HashMap<>();
            for (int j = 0; j < names.size(); j++) {
                index.put(names.get(j), j);
            }
            if (options.target() != null) {
                targetIndex = index.getOrDefault(options.target(), -1);
                if (targetIndex < 0 && !options.targetOptional()) {
                    throw new DataFormatException(source + ": no column named '" + options.target() + "'; its columns"
                            + " are " + Names.shortList(names));
                }
            }
            if (options.idColumn() != null) {
                idIndex = index.getOrDefault(options.idColumn(), -1);
                if (idIndex < 0) {
                    throw new DataFormatException(source + ": no id column named '" + options.idColumn()
                            + "'; its columns are " + Names.shortList(names));
                }
                if (idIndex == targetIndex || options.features() != null && options.features().contains(options.idColumn())) {
                    throw new DataFormatException(source + ": column '" + options.idColumn() + "' cannot be both the id"
                            + " column and " + (idIndex == targetIndex ? "the target" : "a feature the model needs"));
                }
                ids = new ArrayList<>();
            }
            for (String name : options.excluded()) {
                if (!index.containsKey(name)) {
                    throw new DataFormatException(source + ": cannot exclude column '" + name + "': there is none; its"
                            + " columns are " + Names.shortList(names));
                }
            }
            List<Integer> candidates = new ArrayList<>();
            if (options.features() != null) {
                List<String> lacking = new ArrayList<>();
                for (String name : options.features()) {
                    Integer j = index.get(name);
                    if (j == null) {
                        lacking.add(name);
                    } else {
                        candidates.add(j);
                    }
                }
                if (!lacking.isEmpty()) {
                    throw new DataFormatException(source + " lacks " + (lacking.size() == 1 ? "column '" + lacking.get(0)
                            + "', which the model needs" : lacking.size() + " columns the model needs: "
                            + Names.shortList(lacking)) + "; its columns are " + Names.shortList(names));
                }
            } else {
                for (int j = 0; j < names.size(); j++) {
                    if (j != targetIndex && j != idIndex && !options.excluded().contains(names.get(j))) {
                        candidates.add(j);
                    }
                }
            }
            columns = candidates.stream().mapToInt(Integer::intValue).toArray();
            kind = new byte[columns.length];
            if (options.features() != null) {
                Arrays.fill(kind, NUMERIC); // the model's columns must hold numbers
            }
            values = new Column[columns.length];
            for (int c = 0; c < columns.length; c++) {
                values[c] = new Column();
            }
            firstMissingLine = new long[columns.length];
            targets = targetIndex >= 0 ? new Column() : null;
            codes = new HashMap<>();
            for (String name : options.categories().keySet()) {
                Integer j = index.get(name);
                int c = j == null ? -1 : Arrays.stream(columns).boxed().toList().indexOf(j);
                if (c < 0) {
                    throw new DataFormatException(source + ": categorical column '" + name + "' is " + (j == null
                            ? "not there; its columns are " + Names.shortList(names) : "not a feature column"));
                }
                kind[c] = CATEGORY;
                Map<String, Integer> levels = new HashMap<>();
                List<String> fixed = options.categories().get(name);
                for (int k = 0; k < fixed.size(); k++) {
                    levels.put(fixed.get(k), k);
                }
                codes.put(c, levels);
            }
        }

        /** The code of a categorical column's cell: its level's index, or a new one while levels are learnt. */
        private double code(int c, String cell, long line) {
            Map<String, Integer> levels = codes.get(c);
            List<String> fixed = options.categories().get(header.get(columns[c]));
            Integer code = levels.get(cell);
            if (code == null) {
                if (!fixed.isEmpty()) {
                    throw new DataFormatException(where(line, header.get(columns[c]), false) + ": '" + cell + "' is not"
                            + " one of its categories " + Names.shortList(fixed) + " (the model knows only those)");
                }
                code = levels.size();
                levels.put(cell, code);
            }
            return code;
        }

        @Override
        public boolean row(String[] cells, long line) {
            rows++;
            if (ids != null) {
                ids.add(cells[idIndex].trim());
            }
            boolean dropMissing = options.missing() == MissingValues.DROP_ROWS;
            for (int c = 0; c < columns.length; c++) {
                if (kind[c] == TEXT) {
                    continue;
                }
                int j = columns[c];
                String cell = cells[j].trim();
                if (isMissingTrimmed(cell)) {
                    if ((kind[c] == NUMERIC || kind[c] == CATEGORY) && !dropMissing) {
                        throw missing(line, header.get(j), cell, false);
                    }
                    if (firstMissingLine[c] == 0) {
                        firstMissingLine[c] = line;
                    }
                    values[c].add(Double.NaN, this);
                    continue;
                }
                if (kind[c] == CATEGORY) {
                    values[c].add(code(c, cell, line), this);
                    continue;
                }
                double v = parseNumber(cell);
                if (Double.isNaN(v)) { // not a number, nor TRUE/FALSE
                    if (kind[c] == NUMERIC) {
                        throw new DataFormatException(where(line, header.get(j), false) + ": '" + cell + "' is not a number");
                    }
                    kind[c] = TEXT; // categorical: dropped
                    values[c] = null;
                    continue;
                }
                requireFinite(v, line, header.get(j), cell, false);
                if (kind[c] == UNSEEN && firstMissingLine[c] != 0 && !dropMissing) {
                    throw missing(firstMissingLine[c], header.get(j), "", false);
                }
                kind[c] = NUMERIC;
                values[c].add(v, this);
            }
            if (targets != null) {
                String cell = cells[targetIndex].trim();
                if (isMissingTrimmed(cell)) {
                    if (!dropMissing) {
                        throw missing(line, header.get(targetIndex), cell, true);
                    }
                    targets.add(Double.NaN, this);
                } else {
                    double v = parseNumber(cell);
                    if (Double.isNaN(v)) {
                        throw new DataFormatException(where(line, header.get(targetIndex), true) + ": '" + cell
                                + "' is not numeric (expected a number or TRUE/FALSE)");
                    }
                    requireFinite(v, line, header.get(targetIndex), cell, true);
                    targets.add(v, this);
                }
            }
            return options.maxRows() == 0 || rows < options.maxRows();
        }

        Dataset finish(Consumer<String> warnings) {
            if (rows == 0) {
                throw new DataFormatException(source + ": no data rows after the header");
            }
            List<Integer> kept = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            Map<String, List<String>> categories = new LinkedHashMap<>();
            for (int c = 0; c < columns.length; c++) {
                if (kind[c] == CATEGORY) {
                    categories.put(header.get(columns[c]), levelsInOrder(c));
                }
                if (kind[c] == NUMERIC || kind[c] == CATEGORY) {
                    kept.add(c);
                } else {
                    dropped.add(header.get(columns[c])); // text, or an entirely empty column that carries nothing
                }
            }
            if (!dropped.isEmpty()) {
                warnings.accept(sourceName() + ": dropped non-numeric column(s) " + Names.shortList(dropped));
            }
            if (kept.isEmpty()) {
                throw new DataFormatException(source + ": no numeric feature columns");
            }
            int n = (int) rows;
            boolean[] keep = new boolean[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                boolean complete = targets == null || !Double.isNaN(targets.data[i]);
                for (int k = 0; k < kept.size() && complete; k++) {
                    complete = !Double.isNaN(values[kept.get(k)].data[i]);
                }
                keep[i] = complete;
                m += complete ? 1 : 0;
            }
            if (m < n) {
                warnings.accept(sourceName() + ": dropped " + (n - m) + " of " + n
                        + " rows with a missing value in a kept column");
            }
            if (m == 0) {
                throw new DataFormatException(source + ": every row has a missing value in a kept column");
            }
            int d = kept.size();
            HeapBudget.require(source + ": a " + m + " × " + d + " feature matrix", 8L * m * d);
            double[] x = new double[m * d];
            double[] y = targets == null ? null : new double[m];
            for (int k = 0; k < d; k++) {
                double[] column = values[kept.get(k)].data;
                for (int i = 0, r = 0; i < n; i++) {
                    if (keep[i]) {
                        x[r++ * d + k] = column[i];
                    }
                }
                values[kept.get(k)] = null; // free each column once copied
            }
            if (y != null) {
                for (int i = 0, r = 0; i < n; i++) {
                    if (keep[i]) {
                        y[r++] = targets.data[i];
                    }
                }
            }
            List<String> names = new ArrayList<>();
            kept.forEach(c -> names.add(header.get(columns[c])));
            Dataset data = new Dataset(DMatrixRMaj.wrap(m, d, x), y, names, targets == null ? null : options.target())
                    .withCategories(categories);
            if (ids == null) {
                return data;
            }
            List<String> keptIds = new ArrayList<>(m);
            for (int i = 0; i < n; i++) {
                if (keep[i]) {
                    keptIds.add(ids.get(i));
                }
            }
            return data.withRowIds(keptIds);
        }

        /**
         * A categorical column's levels, code c being level c: the declared ones, or those the file holds, sorted
         * (as numbers when every level is one), its codes renumbered to match.
         */
        private List<String> levelsInOrder(int c) {
            List<String> fixed = options.categories().get(header.get(columns[c]));
            if (!fixed.isEmpty()) {
                return fixed;
            }
            Map<String, Integer> seen = codes.get(c);
            List<String> levels = new ArrayList<>(seen.keySet());
            boolean numeric = levels.stream().noneMatch(l -> Double.isNaN(parseNumber(l)));
            levels.sort(numeric ? java.util.Comparator.comparingDouble(TableConverter::parseNumber)
                    : java.util.Comparator.naturalOrder());
            double[] renumber = new double[levels.size()];
            for (int k = 0; k < levels.size(); k++) {
                renumber[seen.get(levels.get(k))] = k;
            }
            double[] column = values[c].data;
            for (int i = 0; i < rows; i++) {
                if (!Double.isNaN(column[i])) {
                    column[i] = renumber[(int) column[i]];
                }
            }
            return levels;
        }

        /** Columns still being collected (not dropped as text): they grow together. */
        int liveColumns() {
            int live = 0;
            for (byte k : kind) {
                live += k == TEXT ? 0 : 1;
            }
            return live + (targets == null ? 0 : 1);
        }

        private String sourceName() {
            int slash = source.lastIndexOf('/');
            return slash < 0 ? source : source.substring(slash + 1);
        }

        private String where(long line, String column, boolean target) {
            return source + ", line " + line + (target ? ", target column '" : ", column '") + column + "'";
        }

        private DataFormatException missing(long line, String column, String cell, boolean target) {
            return new DataFormatException(where(line, column, target) + ": missing value ('" + cell
                    + "'); impute or drop such rows before explaining");
        }

        private void requireFinite(double v, long line, String column, String cell, boolean target) {
            if (!Double.isFinite(v)) {
                throw new DataFormatException(where(line, column, target) + ": " + cell + " is not a finite number");
            }
        }
    }

    /** A growable column of doubles: no boxing, and a heap check before each growth names the file. */
    private static final class Column {
        private double[] data = new double[256];
        private int size;

        void add(double v, Pass pass) {
            if (size == data.length) {
                if (size == Integer.MAX_VALUE - 8) {
                    throw new DataFormatException(pass.source + ": more than " + size + " rows; read fewer rows");
                }
                int grown = (int) Math.min(Integer.MAX_VALUE - 8L, 2L * size);
                HeapBudget.require(pass.source + ": reading row " + (pass.rows) + " of " + pass.columns.length
                        + " column(s)", 8L * (grown - size) * Math.max(1, pass.liveColumns()));
                data = Arrays.copyOf(data, grown);
            }
            data[size++] = v;
        }
    }

    /** Whether a cell is missing: empty, "NA", "NaN", "?" or "null" (ignoring case and surrounding spaces). */
    public static boolean isMissing(String cell) {
        return isMissingTrimmed(cell.trim());
    }

    private static boolean isMissingTrimmed(String cell) {
        if (cell.isEmpty()) {
            return true;
        }
        char c = cell.charAt(0);
        if (c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.') {
            return false; // no missing marker starts like a number: skip the lower-casing
        }
        return MISSING.contains(cell.toLowerCase(Locale.ROOT));
    }

    /** The cell's number, 1/0 for TRUE/FALSE, or NaN when it is neither (a trimmed, present cell). */
    private static double parseNumber(String cell) {
        if (cell.equalsIgnoreCase("true")) {
            return 1;
        }
        if (cell.equalsIgnoreCase("false")) {
            return 0;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
