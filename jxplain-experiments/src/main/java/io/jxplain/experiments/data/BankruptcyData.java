package io.jxplain.experiments.data;

import io.jxplain.data.RawTable;
import io.jxplain.data.MissingValues;
import io.jxplain.data.Dataset;
import io.jxplain.data.CsvDatasetReader;
import io.jxplain.data.ArffReader;
import io.jxplain.data.TableConverter;
import io.jxplain.data.TableReadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The Polish companies bankruptcy data (Zięba et al. 2016), as the unification paper uses it (§6.1): continuous
 * features only, a binary target "class" (1 = bankrupt). The paper keeps 15 features without saying which; jxplain's
 * documented, reproducible rule: <b>the k attributes with the fewest missing values in the file, ties broken by
 * attribute number</b>, then <b>rows with a missing value among them are dropped</b> (no imputation). Both the
 * ARFF originals (year 1, year 5) and the derived year-3 CSV in shared/data are read.
 */
public final class BankruptcyData {
    /** The paper's third-year data (a derived copy: 9977 of the 10503 rows, values rounded to 6 decimals). */
    public static final String DEFAULT_FILE = "polish_bankruptcy/derived/3year_wqu-2009_9977rows_rounded6.csv.gz";
    /** The paper keeps 15 features. */
    public static final int DEFAULT_FEATURES = 15;
    private static final String TARGET = "class";

    private BankruptcyData() {
    }

    public static Dataset load(Path file, int features, Consumer<String> warnings) {
        RawTable table = isArff(file) ? ArffReader.table(file) : CsvDatasetReader.table(file);
        List<String> chosen = fewestMissing(table, features);
        return TableConverter.toDataset(table,
                TableReadOptions.target(TARGET).withFeatures(chosen).withMissing(MissingValues.DROP_ROWS), warnings);
    }

    /** The {@code k} attribute columns (named Attr…) with the fewest missing cells, in attribute order. */
    public static List<String> fewestMissing(RawTable table, int k) {
        List<Integer> attributes = new ArrayList<>();
        for (int j = 0; j < table.header().size(); j++) {
            if (table.header().get(j).startsWith("Attr")) {
                attributes.add(j);
            }
        }
        if (k < 1 || k > attributes.size()) {
            throw new IllegalArgumentException("the bankruptcy data has " + attributes.size()
                    + " attributes; cannot keep " + k);
        }
        int[] missing = new int[table.header().size()];
        for (String[] row : table.rows()) {
            for (int j : attributes) {
                if (TableConverter.isMissing(row[j])) {
                    missing[j]++;
                }
            }
        }
        return attributes.stream()
                .sorted(Comparator.<Integer>comparingInt(j -> missing[j]).thenComparingInt(j -> j))
                .limit(k)
                .sorted()
                .map(j -> table.header().get(j))
                .toList();
    }

    private static boolean isArff(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".arff") || name.endsWith(".arff.gz");
    }
}
