package io.jxplain.experiments.data;

import io.jxplain.data.RawTable;
import io.jxplain.data.DataFormatException;
import io.jxplain.data.Dataset;
import io.jxplain.data.CsvDatasetReader;
import io.jxplain.data.ArffReader;
import io.jxplain.data.TableConverter;
import io.jxplain.data.TableReadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The Polish companies bankruptcy data (Zięba et al. 2016), as the unification paper uses it (§6.1): continuous
 * features only, a binary target "class" (1 = bankrupt). The paper keeps 15 features without saying which, nor how
 * it treats missing values. jxplain's documented, reproducible rules:
 * <ul>
 *   <li>the first k attributes of {@link #IMPORTANCE_RANKING}: what a gradient-boosted model relies on most
 *       (docs/results/agarwal2021/rank_bankruptcy_features.py). The 15 attributes with the fewest missing values,
 *       the rule before, carry almost no signal: no model tried beat the majority class on them;</li>
 *   <li>a missing cell takes its column's median (rows are kept: missing ratios are more common among companies
 *       that went bankrupt, so dropping those rows drops the positives).</li>
 * </ul>
 * Both the ARFF originals (year 1, year 5) and the derived year-3 CSV in shared/data are read.
 */
public final class BankruptcyData {
    /** The paper's third-year data (a derived copy: 9977 of the 10503 rows, values rounded to 6 decimals). */
    public static final String DEFAULT_FILE = "polish_bankruptcy/derived/3year_wqu-2009_9977rows_rounded6.csv.gz";
    /** The paper keeps 15 features. */
    public static final int DEFAULT_FEATURES = 15;
    /**
     * All 64 attributes, most important first: permutation importance (drop in ROC AUC) of scikit-learn's
     * HistGradientBoostingClassifier over 5 folds of the derived year-3 file, as printed by
     * docs/results/agarwal2021/rank_bankruptcy_features.py.
     */
    public static final List<String> IMPORTANCE_RANKING = List.of("Attr27", "Attr46", "Attr34", "Attr5", "Attr58",
            "Attr24", "Attr21", "Attr26", "Attr56", "Attr39", "Attr42", "Attr22", "Attr13", "Attr41", "Attr44", "Attr6",
            "Attr40", "Attr60", "Attr35", "Attr19", "Attr25", "Attr29", "Attr61", "Attr30", "Attr23", "Attr32", "Attr47",
            "Attr4", "Attr52", "Attr33", "Attr3", "Attr64", "Attr20", "Attr12", "Attr15", "Attr8", "Attr16", "Attr62",
            "Attr9", "Attr57", "Attr53", "Attr28", "Attr59", "Attr11", "Attr1", "Attr51", "Attr48", "Attr63", "Attr18",
            "Attr14", "Attr54", "Attr2", "Attr17", "Attr55", "Attr10", "Attr7", "Attr31", "Attr45", "Attr49", "Attr50",
            "Attr36", "Attr38", "Attr43", "Attr37");
    private static final String TARGET = "class";

    private BankruptcyData() {
    }

    /** The first {@code features} attributes of the ranking, missing cells filled with their column's median. */
    public static Dataset load(Path file, int features, Consumer<String> warnings) {
        if (features < 1 || features > IMPORTANCE_RANKING.size()) {
            throw new IllegalArgumentException("the bankruptcy data has " + IMPORTANCE_RANKING.size()
                    + " attributes; cannot keep " + features);
        }
        RawTable table = isArff(file) ? ArffReader.table(file) : CsvDatasetReader.table(file);
        List<String> chosen = IMPORTANCE_RANKING.subList(0, features);
        for (String name : chosen) {
            if (!table.header().contains(name)) {
                throw new DataFormatException(file + ": no column " + name + "; the bankruptcy files name their "
                        + "attributes Attr1 … Attr64");
            }
        }
        RawTable filled = withMediansForMissing(table, chosen, warnings);
        return TableConverter.toDataset(filled, TableReadOptions.target(TARGET).withFeatures(chosen), warnings);
    }

    /** A copy of {@code table} in which each missing cell of {@code columns} holds the median of its column. */
    static RawTable withMediansForMissing(RawTable table, List<String> columns, Consumer<String> warnings) {
        List<String[]> rows = new ArrayList<>(table.rows().size());
        for (String[] row : table.rows()) {
            rows.add(row.clone());
        }
        int filled = 0;
        for (String name : columns) {
            int j = table.header().indexOf(name);
            List<Double> present = new ArrayList<>();
            for (String[] row : rows) {
                if (!TableConverter.isMissing(row[j])) {
                    present.add(Double.parseDouble(row[j].trim()));
                }
            }
            if (present.isEmpty()) {
                throw new DataFormatException(table.source() + ": column " + name + " has no values");
            }
            String median = Double.toString(median(present));
            for (String[] row : rows) {
                if (TableConverter.isMissing(row[j])) {
                    row[j] = median;
                    filled++;
                }
            }
        }
        if (filled > 0) {
            warnings.accept(String.format(Locale.ROOT, "%s: %d missing cell(s) among the %d kept attributes filled "
                    + "with their column's median", table.source(), filled, columns.size()));
        }
        return new RawTable(table.source(), table.header(), rows, table.lines());
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private static boolean isArff(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".arff") || name.endsWith(".arff.gz");
    }
}
