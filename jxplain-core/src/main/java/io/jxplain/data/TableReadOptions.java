package io.jxplain.data;

import java.util.List;

/**
 * Which columns of a table become the data set.
 *
 * @param target   the target column's name, or null for unlabelled data
 * @param features the feature columns in this order, or null for every numeric column but the target and the excluded
 * @param excluded columns never used as features (e.g. numeric codes of categories)
 * @param missing  what to do with a missing value in a kept column
 */
public record TableReadOptions(String target, List<String> features, List<String> excluded, MissingValues missing) {
    public TableReadOptions {
        features = features == null ? null : List.copyOf(features);
        excluded = excluded == null ? List.of() : List.copyOf(excluded);
        missing = missing == null ? MissingValues.ERROR : missing;
    }

    public static TableReadOptions target(String target) {
        return new TableReadOptions(target, null, List.of(), MissingValues.ERROR);
    }

    public TableReadOptions withFeatures(List<String> f) {
        return new TableReadOptions(target, f, excluded, missing);
    }

    public TableReadOptions withExcluded(List<String> e) {
        return new TableReadOptions(target, features, e, missing);
    }

    public TableReadOptions withMissing(MissingValues m) {
        return new TableReadOptions(target, features, excluded, m);
    }
}
