package io.jxplain.model.tree;

import io.jxplain.internal.Checks;
import io.jxplain.model.Model;
import io.jxplain.model.OutputKind;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * A sum of decision trees: output k is base[k] plus the leaf values of the trees that add to k. What the outputs
 * mean is the ensemble's {@link OutputKind}: a boosted classifier's margins are {@code LOGITS} (a binary one as two
 * outputs, 0 and its margin, whose softmax is the logistic), a random forest's averaged leaf probabilities are
 * {@code PROBABILITIES}, a regressor's sum is {@code REGRESSION}. Piecewise constant: gradient methods are refused on
 * it, and {@link io.jxplain.explain.TreeShap} explains it exactly.
 */
public final class TreeEnsemble implements Model {
    private final int inputs;
    private final OutputKind kind;
    private final double[] base;
    private final List<DecisionTree> trees;
    private final int[] outputOf;
    private final boolean float32;
    private final String description;
    private final List<String> featureNames;

    private TreeEnsemble(int inputs, OutputKind kind, double[] base, List<DecisionTree> trees, int[] outputOf,
                         boolean float32, String description, List<String> featureNames) {
        this.inputs = inputs;
        this.kind = kind;
        this.base = base;
        this.trees = trees;
        this.outputOf = outputOf;
        this.float32 = float32;
        this.description = description;
        this.featureNames = featureNames;
    }

    /**
     * An ensemble of {@code trees} over {@code inputs} features, tree t adding to output {@code outputOf[t]}, each
     * output starting from {@code base}; {@code float32}: rows are rounded to float before they meet a threshold (a
     * model trained in float, as XGBoost's and ONNX-ML's are); {@code description} names it in messages.
     */
    public static TreeEnsemble of(int inputs, OutputKind kind, double[] base, List<DecisionTree> trees, int[] outputOf,
                                  boolean float32, String description) {
        Checks.requirePositive("inputs", inputs);
        Checks.requireFinite("base", base);
        if (base.length == 0) {
            throw new IllegalArgumentException("a tree ensemble needs at least one output");
        }
        if (trees.size() != outputOf.length) {
            throw new IllegalArgumentException(trees.size() + " trees but " + outputOf.length + " output indices");
        }
        for (int t = 0; t < outputOf.length; t++) {
            if (outputOf[t] < 0 || outputOf[t] >= base.length) {
                throw new IllegalArgumentException("tree " + t + " adds to output " + outputOf[t] + " of "
                        + base.length);
            }
        }
        return new TreeEnsemble(inputs, kind, base.clone(), List.copyOf(trees), outputOf.clone(), float32,
                description, List.of());
    }

    /** The same ensemble, its inputs named (the columns it was trained on, in input order). */
    public TreeEnsemble withFeatureNames(List<String> names) {
        if (names.size() != inputs || new java.util.HashSet<>(names).size() != inputs) {
            throw new IllegalArgumentException(names.size() + " feature names " + names + " for " + inputs
                    + " inputs; each input needs its own name");
        }
        return new TreeEnsemble(inputs, kind, base, trees, outputOf, float32, description, List.copyOf(names));
    }

    /**
     * The same ensemble with every tree's covers counted from {@code rows} ({@link DecisionTree#withCoversFrom}): for
     * a file without covers, TreeSHAP then takes {@code rows} as the distribution of the features a coalition leaves
     * out.
     */
    public TreeEnsemble withCoversFrom(DMatrixRMaj rows) {
        Checks.requireFiniteRows("rows", rows, 0, rows.numRows, inputs);
        if (rows.numRows == 0) {
            throw new IllegalArgumentException("covers need at least one row");
        }
        List<DecisionTree> covered = trees.stream().map(t -> t.withCoversFrom(rows, float32)).toList();
        return new TreeEnsemble(inputs, kind, base, covered, outputOf, float32, description, featureNames);
    }

    /** The inputs' names, when the model file gives them; else empty. */
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int outputSize() {
        return base.length;
    }

    @Override
    public OutputKind outputKind() {
        return kind;
    }

    /** A row's outputs are its own leaves' sum, whatever else is in the batch. */
    @Override
    public boolean rowsIndependentOfBatch() {
        return true;
    }

    @Override
    public boolean piecewiseConstant() {
        return true;
    }

    @Override
    public double machineEpsilon() {
        return float32 ? Math.ulp(1.0f) : Math.ulp(1.0);
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj batch) {
        Checks.requireFiniteRows("batch", batch, 0, batch.numRows, inputs);
        int k = base.length;
        DMatrixRMaj out = new DMatrixRMaj(batch.numRows, k);
        for (int i = 0; i < batch.numRows; i++) {
            System.arraycopy(base, 0, out.data, i * k, k);
            for (int t = 0; t < trees.size(); t++) {
                DecisionTree tree = trees.get(t);
                out.data[i * k + outputOf[t]] += tree.value(tree.leaf(batch.data, i * inputs, float32));
            }
        }
        return out;
    }

    /** The trees, in the order they add up. */
    public List<DecisionTree> trees() {
        return trees;
    }

    /** The output tree t adds to. */
    public int outputOf(int t) {
        return outputOf[t];
    }

    /** Where output k starts before any tree adds to it. */
    public double base(int k) {
        return base[k];
    }

    /** Whether rows are rounded to float before they meet a threshold. */
    public boolean float32Inputs() {
        return float32;
    }

    @Override
    public String describe() {
        return description + " (" + trees.size() + " trees, " + inputs + "→" + base.length + ")";
    }
}
