package io.jxplain.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which columns and rows of a table become the data set.
 *
 * @param target         the target column's name, or null for unlabelled data
 * @param targetOptional read {@code target} as labels when the table has it, and go without labels when it does not
 *                       (a model's target column, which data to explain may or may not carry)
 * @param features       the feature columns in this order, or null for every numeric column but the target and the
 *                       excluded
 * @param excluded       columns never used as features (e.g. numeric codes of categories)
 * @param missing        what to do with a missing value in a kept column
 * @param maxRows        read at most this many data rows (0: all); the rest of the file is never read
 * @param idColumn       a column whose text names each row (never a feature), passed through to the outputs; or null
 * @param categories     columns read as category codes (0, 1, … in the order of their levels): each maps to its levels,
 *                       or to an empty list to learn them from the file (sorted, as scikit-learn's encoders sort them)
 */
public record TableReadOptions(String target, boolean targetOptional, List<String> features, List<String> excluded,
                               MissingValues missing, long maxRows, String idColumn,
                               Map<String, List<String>> categories) {
    /** Copies the lists, so that the caller cannot change them afterwards. */
    public TableReadOptions {
        categories = categories == null ? Map.of() : copyLevels(categories);
        features = features == null ? null : List.copyOf(features);
        excluded = excluded == null ? List.of() : List.copyOf(excluded);
        missing = missing == null ? MissingValues.ERROR : missing;
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be 0 (all) or positive, got " + maxRows);
        }
    }

    /** Reads every numeric column but {@code target} as a feature, {@code target} as the target (null: no target). */
    public static TableReadOptions target(String target) {
        return new TableReadOptions(target, false, null, List.of(), MissingValues.ERROR, 0, null, null);
    }

    /** {@code target} read as labels when the table has that column; unlabelled otherwise. */
    public static TableReadOptions optionalTarget(String target) {
        return new TableReadOptions(target, true, null, List.of(), MissingValues.ERROR, 0, null, null);
    }

    /** The same options keeping only these feature columns, in this order. */
    public TableReadOptions withFeatures(List<String> f) {
        return new TableReadOptions(target, targetOptional, f, excluded, missing, maxRows, idColumn, categories);
    }

    /** The same options leaving these columns out. */
    public TableReadOptions withExcluded(List<String> e) {
        return new TableReadOptions(target, targetOptional, features, e, missing, maxRows, idColumn, categories);
    }

    /** The same options with another rule for missing cells. */
    public TableReadOptions withMissing(MissingValues m) {
        return new TableReadOptions(target, targetOptional, features, excluded, m, maxRows, idColumn, categories);
    }

    /** Rows named by the text of column {@code name} (null: none), which is then not a feature. */
    public TableReadOptions withIdColumn(String name) {
        return new TableReadOptions(target, targetOptional, features, excluded, missing, maxRows, name, categories);
    }

    /** Only the first {@code n} data rows (0: all). */
    public TableReadOptions withMaxRows(long n) {
        return new TableReadOptions(target, targetOptional, features, excluded, missing, n, idColumn, categories);
    }

    /**
     * Columns read as category codes: each name maps to its levels (a cell outside them is an error), or to an empty
     * list to take the levels the file holds.
     */
    public TableReadOptions withCategories(Map<String, List<String>> c) {
        return new TableReadOptions(target, targetOptional, features, excluded, missing, maxRows, idColumn, c);
    }

    private static Map<String, List<String>> copyLevels(Map<String, List<String>> categories) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        categories.forEach((name, levels) -> copy.put(name, List.copyOf(levels)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
