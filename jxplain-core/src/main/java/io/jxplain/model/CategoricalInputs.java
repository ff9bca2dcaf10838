package io.jxplain.model;

import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model that sees categories one-hot encoded, as it takes rows with one value per feature: a numeric feature goes
 * to its one input, a categorical feature holds a code c (its c-th level) that sets the c-th of its inputs to 1 and
 * the others to 0. So a category is explained as one feature ("x's category"), as lime and shap explain it, whether
 * the data held its text ({@link #inPlace}) or its one-hot columns ({@link #grouped}).
 * <p>
 * Only methods that keep each feature at x's value or at a reference row's explain such a model (kernel-shap,
 * shapley-exact, occlusion, lime with training rows): a code that is not one of the feature's categories (a
 * Gaussian perturbation, a column mean, a k-means centroid) is refused with an exception naming the feature, and
 * gradients ({@link FiniteDifferences}) are refused.
 */
public final class CategoricalInputs implements Model {
    private final Model encoded;
    private final List<String> features;
    private final int[][] inputs;     // per feature: its inputs of the encoded model (one per level for a category)
    private final boolean[] categorical;
    private final int width;          // the encoded model's inputs
    private final List<String> columns; // the encoded model's inputs by name, when grouped from named columns
    private final Map<String, List<String>> levels; // each categorical feature's levels, code c being level c

    /** {@code encoded} null: the layout alone, to encode rows ({@link #oneHot}). */
    private CategoricalInputs(Model encoded, List<String> features, int[][] inputs, boolean[] categorical,
                              List<String> columns, Map<String, List<String>> levels) {
        width = Arrays.stream(inputs).mapToInt(a -> a.length).sum();
        if (encoded != null && width != encoded.inputSize()) {
            throw new IllegalArgumentException(features.size() + " features that encode to " + width + " inputs, but "
                    + encoded.describe() + " takes " + encoded.inputSize());
        }
        this.encoded = encoded;
        this.features = List.copyOf(features);
        this.inputs = inputs;
        this.categorical = categorical;
        this.columns = columns;
        this.levels = levels;
    }

    /**
     * {@code encoded} takes {@code features} in order, each categorical one (a key of {@code levels}) replaced in
     * place by one input per level, in the levels' order: the layout {@code jxplain train} gives a network.
     */
    public static CategoricalInputs inPlace(Model encoded, List<String> features, Map<String, List<String>> levels) {
        int[][] inputs = new int[features.size()][];
        boolean[] categorical = new boolean[features.size()];
        int next = 0;
        for (int j = 0; j < inputs.length; j++) {
            List<String> l = levels.get(features.get(j));
            categorical[j] = l != null;
            int width = l == null ? 1 : l.size();
            if (width < 1) {
                throw new IllegalArgumentException("categorical feature '" + features.get(j) + "' has no levels");
            }
            inputs[j] = java.util.stream.IntStream.range(next, next + width).toArray();
            next += width;
        }
        Map<String, List<String>> named = new LinkedHashMap<>();
        for (int j = 0; j < inputs.length; j++) {
            if (categorical[j]) {
                named.put(features.get(j), List.copyOf(levels.get(features.get(j))));
            }
        }
        return new CategoricalInputs(encoded, features, inputs, categorical, null, named);
    }

    /**
     * Rows of {@code features} with category codes, one-hot encoded in the layout of {@link #inPlace}: what a network
     * is trained on.
     */
    public static DMatrixRMaj oneHot(DMatrixRMaj codes, List<String> features, Map<String, List<String>> levels) {
        return inPlace(null, features, levels).encode(codes);
    }

    /**
     * {@code encoded} takes {@code columns} (already one-hot), and each group (name → its columns, one per level)
     * becomes one categorical feature, placed where its first column stands; the other columns stay features.
     * Code c of a group means its c-th column is 1.
     */
    public static CategoricalInputs grouped(Model encoded, List<String> columns, Map<String, List<String>> groups) {
        Map<String, String> groupOf = new LinkedHashMap<>();
        groups.forEach((group, members) -> {
            if (members.size() < 2) {
                throw new IllegalArgumentException("feature group '" + group + "' needs at least two columns, got "
                        + members);
            }
            for (String m : members) {
                if (!columns.contains(m)) {
                    throw new IllegalArgumentException("feature group '" + group + "': no column '" + m + "'; the"
                            + " columns are " + io.jxplain.Names.shortList(columns));
                }
                if (groupOf.put(m, group) != null) {
                    throw new IllegalArgumentException("column '" + m + "' is in two feature groups");
                }
            }
        });
        List<String> features = new ArrayList<>();
        List<int[]> inputs = new ArrayList<>();
        List<Boolean> categorical = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            String group = groupOf.get(columns.get(c));
            if (group == null) {
                features.add(columns.get(c));
                inputs.add(new int[] {c});
                categorical.add(false);
            } else if (!features.contains(group)) {
                features.add(group);
                inputs.add(groups.get(group).stream().mapToInt(columns::indexOf).toArray());
                categorical.add(true);
            }
        }
        boolean[] mask = new boolean[categorical.size()];
        for (int j = 0; j < mask.length; j++) {
            mask[j] = categorical.get(j);
        }
        int[][] in = inputs.toArray(int[][]::new);
        Map<String, List<String>> named = new LinkedHashMap<>();
        for (int j = 0; j < in.length; j++) {
            if (mask[j]) {
                String group = features.get(j);
                named.put(group, Arrays.stream(in[j]).mapToObj(columns::get).map(c -> c.length() > group.length()
                        && c.startsWith(group) && "_=.:".indexOf(c.charAt(group.length())) >= 0
                        ? c.substring(group.length() + 1) : c).toList());
            }
        }
        return new CategoricalInputs(encoded, features, in, mask, List.copyOf(columns), named);
    }

    /** The encoded model's columns by name ({@link #grouped}); null for {@link #inPlace}. */
    public List<String> columns() {
        return columns;
    }

    /**
     * Each categorical feature's levels, by its name, code c being level c: those given to {@link #inPlace}, or a
     * group's columns ({@link #grouped}), each without the group's name as a prefix ("colour_red" of "colour" is "red").
     */
    public Map<String, List<String>> levels() {
        return levels;
    }

    /** The features this model takes, in order (a group by its name). */
    public List<String> features() {
        return features;
    }

    /** The rows in the encoded model's input space: each category's code as its one-hot inputs. */
    public DMatrixRMaj encode(DMatrixRMaj batch) {
        int d = inputs.length;
        if (batch.numCols != d) {
            throw new IllegalArgumentException("rows of " + d + " features " + io.jxplain.Names.shortList(features)
                    + " expected, got " + batch.numCols + " columns");
        }
        DMatrixRMaj out = new DMatrixRMaj(batch.numRows, width);
        for (int i = 0; i < batch.numRows; i++) {
            for (int j = 0; j < d; j++) {
                double v = batch.data[i * d + j];
                if (!categorical[j]) {
                    out.data[i * width + inputs[j][0]] = v;
                    continue;
                }
                if (v != Math.rint(v) || v < 0 || v >= inputs[j].length) {
                    throw new IllegalArgumentException("feature '" + features.get(j) + "' holds a category code (0 …"
                            + " " + (inputs[j].length - 1) + "), but a row has " + v + ": only methods that keep each"
                            + " feature at x's value or a reference row's (kernel-shap, shapley-exact, occlusion with a"
                            + " background, lime with training rows) explain categories; column means and k-means"
                            + " centroids are not categories either");
                }
                out.data[i * width + inputs[j][(int) v]] = 1.0;
            }
        }
        return out;
    }

    /**
     * The code of each categorical feature from rows in the encoded space (its one-hot columns), the inverse of
     * {@link #encode}; a row whose group has not exactly one column at 1 is refused, naming it.
     */
    public DMatrixRMaj decode(DMatrixRMaj encodedRows) {
        if (encodedRows.numCols != width) {
            throw new IllegalArgumentException("rows of " + width + " encoded inputs expected, got "
                    + encodedRows.numCols + " columns");
        }
        int d = inputs.length;
        DMatrixRMaj out = new DMatrixRMaj(encodedRows.numRows, d);
        for (int i = 0; i < encodedRows.numRows; i++) {
            for (int j = 0; j < d; j++) {
                if (!categorical[j]) {
                    out.data[i * d + j] = encodedRows.data[i * width + inputs[j][0]];
                    continue;
                }
                int hot = -1;
                for (int c = 0; c < inputs[j].length; c++) {
                    double v = encodedRows.data[i * width + inputs[j][c]];
                    if (v == 1.0 && hot < 0) {
                        hot = c;
                    } else if (v != 0.0) {
                        hot = -2;
                        break;
                    }
                }
                if (hot < 0) {
                    throw new IllegalArgumentException("row " + (i + 1) + ": the columns of feature group '"
                            + features.get(j) + "' are not one-hot (exactly one of them 1, the others 0)");
                }
                out.data[i * d + j] = hot;
            }
        }
        return out;
    }

    @Override
    public int[] categoricalInputs() {
        return java.util.stream.IntStream.range(0, categorical.length).filter(j -> categorical[j]).toArray();
    }

    @Override
    public int inputSize() {
        return inputs.length;
    }

    @Override
    public int outputSize() {
        return encoded.outputSize();
    }

    @Override
    public OutputKind outputKind() {
        return encoded.outputKind();
    }

    @Override
    public double machineEpsilon() {
        return encoded.machineEpsilon();
    }

    @Override
    public boolean rowsIndependentOfBatch() {
        return encoded.rowsIndependentOfBatch();
    }

    @Override
    public boolean piecewiseConstant() {
        return encoded.piecewiseConstant();
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj batch) {
        return encoded.predict(encode(batch));
    }

    @Override
    public String describe() {
        return encoded.describe() + " with categories one-hot encoded";
    }
}
