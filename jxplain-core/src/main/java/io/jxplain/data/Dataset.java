package io.jxplain.data;

import io.jxplain.internal.Checks;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A feature matrix (n×d, finite), optional targets (class labels 0..k−1 or regression values), and names.
 * Immutable: accessors return copies.
 */
public final class Dataset {
    private final DMatrixRMaj features;
    private final double[] targets;
    private final List<String> featureNames;
    private final String targetName;
    private final List<String> rowIds; // null: rows are named by their position
    private final Map<String, List<String>> categories; // features holding category codes, to their levels

    /**
     * @param targets null for unlabelled data
     * @param featureNames null for x0, x1, …
     */
    public Dataset(DMatrixRMaj features, double[] targets, List<String> featureNames, String targetName) {
        this(features, targets, featureNames, targetName, null, Map.of());
    }

    private Dataset(DMatrixRMaj features, double[] targets, List<String> featureNames, String targetName,
                    List<String> rowIds, Map<String, List<String>> categories) {
        if (features == null || features.numRows == 0) {
            throw new IllegalArgumentException("a data set needs at least one row");
        }
        Checks.requireRows("features", features, features.numCols);
        if (targets != null) {
            if (targets.length != features.numRows) {
                throw new IllegalArgumentException(targets.length + " targets for " + features.numRows + " rows");
            }
            Checks.requireFinite("targets", targets);
        }
        int d = features.numCols;
        if (featureNames == null) {
            featureNames = new ArrayList<>();
            for (int j = 0; j < d; j++) {
                featureNames.add("x" + j);
            }
        }
        if (featureNames.size() != d) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + d + " columns");
        }
        this.features = features.copy();
        this.targets = targets == null ? null : targets.clone();
        this.featureNames = List.copyOf(featureNames);
        this.targetName = targetName;
        if (rowIds != null && rowIds.size() != features.numRows) {
            throw new IllegalArgumentException(rowIds.size() + " row ids for " + features.numRows + " rows");
        }
        this.rowIds = rowIds == null ? null : List.copyOf(rowIds);
        for (String name : categories.keySet()) {
            if (!this.featureNames.contains(name)) {
                throw new IllegalArgumentException("categorical column '" + name + "' is not a feature");
            }
        }
        this.categories = Map.copyOf(categories);
    }

    /**
     * The same data, with the features in {@code levels}' keys holding category codes: code c of feature j is its
     * c-th level (what outputs and reports name it by).
     */
    public Dataset withCategories(Map<String, List<String>> levels) {
        return new Dataset(features, targets, featureNames, targetName, rowIds, levels);
    }

    /** The features that hold category codes, each with its levels (code c is level c); empty when none do. */
    public Map<String, List<String>> categories() {
        return categories;
    }

    /** The same data, each row named by {@code ids} (an id column's text): what outputs carry to name a row. */
    public Dataset withRowIds(List<String> ids) {
        return new Dataset(features, targets, featureNames, targetName, ids, categories);
    }

    /** The rows' ids, or null when rows are named by their position. */
    public List<String> rowIds() {
        return rowIds;
    }

    /** The number of rows. */
    public int rows() {
        return features.numRows;
    }

    /** The number of features. */
    public int dimension() {
        return features.numCols;
    }

    /** The features, one row per row (the matrix itself, not a copy: do not change it). */
    public DMatrixRMaj features() {
        return features.copy();
    }

    /** A copy of row i's features. */
    public double[] row(int i) {
        return Arrays.copyOfRange(features.data, i * dimension(), (i + 1) * dimension());
    }

    /** Whether the rows carry a target (a label or a regression value). */
    public boolean hasTargets() {
        return targets != null;
    }

    /** The targets, one per row; an exception when the data has none. */
    public double[] targets() {
        if (targets == null) {
            throw new IllegalStateException("this data set has no target column");
        }
        return targets.clone();
    }

    /** Targets as class labels; throws naming the row if one is not a non-negative integer. */
    public int[] labels() {
        double[] t = targets();
        int[] labels = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            if (t[i] != Math.rint(t[i]) || t[i] < 0) {
                throw new IllegalArgumentException("target of row " + i + " is " + t[i]
                        + "; class labels must be integers 0, 1, …");
            }
            labels[i] = (int) t[i];
        }
        return labels;
    }

    /** 1 + the largest label. */
    public int classCount() {
        return Arrays.stream(labels()).max().orElse(0) + 1;
    }

    /** The features' names, in column order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The target column's name, or null when the data has none. */
    public String targetName() {
        return targetName;
    }

    /** The rows at {@code indices}, in that order. */
    public Dataset subset(int[] indices) {
        int d = dimension();
        DMatrixRMaj x = new DMatrixRMaj(indices.length, d);
        double[] t = targets == null ? null : new double[indices.length];
        List<String> ids = rowIds == null ? null : new ArrayList<>(indices.length);
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features.data, indices[i] * d, x.data, i * d, d);
            if (t != null) {
                t[i] = targets[indices[i]];
            }
            if (ids != null) {
                ids.add(rowIds.get(indices[i]));
            }
        }
        return new Dataset(x, t, featureNames, targetName, ids, categories);
    }

    /** The same rows with new features (e.g. standardised); names, targets and row ids kept. */
    public Dataset withFeatures(DMatrixRMaj newFeatures) {
        if (newFeatures.numRows != rows() || newFeatures.numCols != dimension()) {
            throw new IllegalArgumentException("new features must be " + rows() + "×" + dimension());
        }
        return new Dataset(newFeatures, targets, featureNames, targetName, rowIds, categories);
    }
}
