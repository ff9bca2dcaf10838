package io.jxplain.explain;

import io.jxplain.internal.OrderedMaps;
import io.jxplain.model.Model;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.model.tree.DecisionTree;
import io.jxplain.model.tree.TreeEnsemble;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToLongFunction;
import java.util.random.RandomGenerator;

/**
 * Exact Shapley values of a tree ensemble in polynomial time: path-dependent TreeSHAP (Lundberg et al. 2020,
 * "From local explanations to global understanding with explainable AI for trees", Algorithm 2), in O(T·L·D²) for T
 * trees of L leaves and depth D. A coalition's value is E[f(x) | x_S] under the distribution the trees' covers record
 * (the training data that reached each node), as XGBoost's {@code pred_contribs} and shap's TreeExplainer without a
 * background compute it; the values add up to f(x) − E f, E f the covers' mean of the leaves. Explains the trees' sum:
 * a regression output, a forest's averaged probability, or a boosted classifier's margin ({@code logit:k}); the
 * probability a softmax makes of margins is not a sum of trees, so it is refused. Trees of moderate depth are
 * explained from per-leaf tables ({@link TreeShapTables}, the same values in O(L·D) per tree), deeper ones by
 * Algorithm 2 itself.
 */
public final class TreeShap extends BaseExplainer {
    /** The ensemble explained last and its tables ({@link TreeShapTables}): built once per model, not per row. */
    private record Memo(TreeEnsemble ensemble, TreeShapTables tables) {
    }

    private final java.util.concurrent.atomic.AtomicReference<Memo> memo = new java.util.concurrent.atomic.AtomicReference<>();

    private TreeShap() {
    }

    /** A builder of path-dependent TreeSHAP on the trees' own covers (it takes no settings). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TreeShap}. */
    public static final class Builder {
        private Builder() {
        }

        /** The explainer. */
        public TreeShap build() {
            return new TreeShap();
        }
    }

    @Override
    public String name() {
        return "tree-shap";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("algorithm", "path-dependent");
        return p;
    }

    @Override
    public boolean isStochastic() {
        return false;
    }

    /** One model row per instance, f(x): rows are explained in blocks, tree by tree, each tree's tables warm. */
    @Override
    int modelRowsPerInstance(int d) {
        return 1;
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        return oneRow(model, target, x);
    }

    @Override
    Attribution[] attributeRows(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                IntToLongFunction seedOf) {
        TreeEnsemble ensemble = ensemble(model, target);
        int k = target.index();
        int d = rows.numCols;
        int n = to - from;
        DMatrixRMaj block = new DMatrixRMaj(n, d);
        System.arraycopy(rows.data, from * d, block.data, 0, n * d);
        double[] phi = new double[n * d];
        double base = ensemble.base(k);
        TreeShapTables tables = tables(ensemble);
        Workspace w = null;
        int[] left = new int[0];
        int[] followed = new int[0];
        double[] row = new double[d];
        double[] rowPhi = new double[d];
        for (int t = 0; t < ensemble.trees().size(); t++) {
            if (ensemble.outputOf(t) != k) {
                continue;
            }
            DecisionTree tree = ensemble.trees().get(t);
            base += tree.expectedValue();
            if (tables.has(t)) {
                if (left.length < tree.size() * n) {
                    left = new int[tree.size() * n];
                    followed = new int[tree.size() * n];
                }
                tables.add(t, tree, block.data, n, d, ensemble.float32Inputs(), phi, left, followed);
            } else {
                if (w == null || w.capacity < tree.depth()) {
                    w = new Workspace(tree.depth());
                }
                for (int i = 0; i < n; i++) { // each row adds the trees in their order, whatever the block
                    System.arraycopy(block.data, i * d, row, 0, d);
                    System.arraycopy(phi, i * d, rowPhi, 0, d);
                    algorithm2(tree, row, ensemble.float32Inputs(), rowPhi, w);
                    System.arraycopy(rowPhi, 0, phi, i * d, d);
                }
            }
        }
        DMatrixRMaj fx = model.predict(block);
        Attribution[] out = new Attribution[n];
        for (int i = 0; i < n; i++) {
            double[] values = java.util.Arrays.copyOfRange(phi, i * d, (i + 1) * d);
            double sum = base;
            for (double p : values) {
                sum += p;
            }
            // local accuracy (Lundberg et al. 2020, Property 1): the values add up to f(x) − E f
            out[i] = new Attribution(values, null, Double.NaN, 1, 0,
                    OrderedMaps.of("efficiency_gap", sum - fx.get(i, k), Attribution.BASE_VALUE, base));
        }
        return out;
    }

    private TreeShapTables tables(TreeEnsemble ensemble) {
        Memo m = memo.get();
        if (m == null || m.ensemble() != ensemble) {
            m = new Memo(ensemble, TreeShapTables.of(ensemble));
            memo.set(m);
        }
        return m.tables();
    }

    /** Why tree-shap refuses {@code model} (not a tree ensemble jxplain reads), naming the methods that suit it. */
    public static String notATreeEnsemble(Model model) {
        return "tree-shap explains tree ensembles jxplain reads (an XGBoost JSON model, an ONNX-ML TreeEnsembleClassifier"
                + " or Regressor); " + model.describe()
                + " is not one: use kernel-shap or shapley-exact";
    }

    /** The model as an ensemble whose output k is a sum of trees, or a message naming what to do instead. */
    private static TreeEnsemble ensemble(Model model, Target target) {
        if (!(model instanceof TreeEnsemble ensemble)) {
            throw new IllegalArgumentException(notATreeEnsemble(model));
        }
        if (target.kind() == Target.Kind.PROBABILITY && model.outputKind() == OutputKind.LOGITS) {
            throw new IllegalArgumentException("tree-shap is exact for the trees' sum, the margin; probability:"
                    + target.index() + " is its softmax, not a sum of trees. Use target logit:" + target.index()
                    + " (what XGBoost's pred_contribs explains), or kernel-shap for the probability");
        }
        return ensemble;
    }

    /**
     * The unique path of Algorithm 2, one segment per depth: each recursion copies its parent's path into the next
     * segment, so unwinding a feature on one branch leaves the other branch's path intact. {@code reciprocal[i]} is
     * 1/i: the permutation weights' divisions by small integers become multiplications (most of the time otherwise).
     */
    private static final class Workspace {
        final int capacity;
        final int[] feature;
        final double[] zero;
        final double[] one;
        final double[] weight;
        final double[] reciprocal;

        Workspace(int depth) {
            capacity = depth;
            int size = (depth + 2) * (depth + 3) / 2 + depth + 2;
            feature = new int[size];
            zero = new double[size];
            one = new double[size];
            weight = new double[size];
            reciprocal = new double[depth + 3];
            for (int i = 1; i < reciprocal.length; i++) {
                reciprocal[i] = 1.0 / i;
            }
        }
    }

    /** Adds the tree's TreeSHAP values at x to phi by Algorithm 2 (the tables' reference in the tests). */
    static void algorithm2(DecisionTree tree, double[] x, boolean float32, double[] phi) {
        algorithm2(tree, x, float32, phi, new Workspace(tree.depth()));
    }

    private static void algorithm2(DecisionTree tree, double[] x, boolean float32, double[] phi, Workspace w) {
        recurse(tree, x, float32, phi, w, 0, 0, 0, 1, 1, -1);
    }

    /**
     * RECURSE of Algorithm 2 at {@code node}, its parent's path at [parentStart, parentStart + depth): extend by the
     * split that led here (fractions {@code zeroFraction}, {@code oneFraction} of feature {@code parentFeature}), add
     * each path feature's share at a leaf, else descend to the hot child (where x goes) and the cold one.
     */
    private static void recurse(DecisionTree tree, double[] x, boolean float32, double[] phi, Workspace w, int node,
                                int parentStart, int depth, double zeroFraction, double oneFraction, int parentFeature) {
        int start = parentStart + depth + 1;
        for (int i = 0; i <= depth; i++) {
            w.feature[start + i] = w.feature[parentStart + i];
            w.zero[start + i] = w.zero[parentStart + i];
            w.one[start + i] = w.one[parentStart + i];
            w.weight[start + i] = w.weight[parentStart + i];
        }
        extend(w, start, depth, zeroFraction, oneFraction, parentFeature);
        if (tree.isLeaf(node)) {
            double v = tree.value(node);
            for (int i = 1; i <= depth; i++) {
                phi[w.feature[start + i]] += unwoundSum(w, start, depth, i) * (w.one[start + i] - w.zero[start + i]) * v;
            }
            return;
        }
        int f = tree.feature(node);
        boolean left = tree.goesLeft(node, x[f], float32);
        int hot = left ? tree.left(node) : tree.right(node);
        int cold = left ? tree.right(node) : tree.left(node);
        double cover = tree.cover(node);
        double incomingZero = 1;
        double incomingOne = 1;
        int k = 0;
        while (k <= depth && w.feature[start + k] != f) {
            k++;
        }
        if (k <= depth) { // the feature split before on this path: undo that split, and redo it here
            incomingZero = w.zero[start + k];
            incomingOne = w.one[start + k];
            unwind(w, start, depth, k);
            depth--;
        }
        recurse(tree, x, float32, phi, w, hot, start, depth + 1, tree.cover(hot) / cover * incomingZero, incomingOne, f);
        double coldZero = tree.cover(cold) / cover * incomingZero;
        if (coldZero > 0) { // a cold child no training weight reached adds nothing (and would divide 0 by 0)
            recurse(tree, x, float32, phi, w, cold, start, depth + 1, coldZero, 0, f);
        }
    }

    /** EXTEND: the path at [start, start + depth] gains an element, the permutation weights updated (Algorithm 2). */
    private static void extend(Workspace w, int start, int depth, double zeroFraction, double oneFraction, int feature) {
        w.feature[start + depth] = feature;
        w.zero[start + depth] = zeroFraction;
        w.one[start + depth] = oneFraction;
        w.weight[start + depth] = depth == 0 ? 1 : 0;
        double share = w.reciprocal[depth + 1];
        for (int i = depth - 1; i >= 0; i--) {
            double weight = w.weight[start + i];
            w.weight[start + i + 1] += oneFraction * weight * (i + 1) * share;
            w.weight[start + i] = zeroFraction * weight * (depth - i) * share;
        }
    }

    /** UNWIND: removes element {@code index} from the path of length depth + 1, inverting its EXTEND. */
    private static void unwind(Workspace w, int start, int depth, int index) {
        double one = w.one[start + index];
        double zero = w.zero[start + index];
        double next = w.weight[start + depth];
        double share = w.reciprocal[depth + 1];
        if (one != 0) {
            double perOne = (depth + 1) / one;
            for (int i = depth - 1; i >= 0; i--) {
                double kept = w.weight[start + i];
                w.weight[start + i] = next * perOne * w.reciprocal[i + 1];
                next = kept - w.weight[start + i] * zero * (depth - i) * share;
            }
        } else {
            double perZero = (depth + 1) / zero;
            for (int i = depth - 1; i >= 0; i--) {
                w.weight[start + i] = w.weight[start + i] * perZero * w.reciprocal[depth - i];
            }
        }
        for (int i = index; i < depth; i++) {
            w.feature[start + i] = w.feature[start + i + 1];
            w.zero[start + i] = w.zero[start + i + 1];
            w.one[start + i] = w.one[start + i + 1];
        }
    }

    /** The total weight of the path with element {@code index} unwound, without changing the path. */
    private static double unwoundSum(Workspace w, int start, int depth, int index) {
        double one = w.one[start + index];
        double zero = w.zero[start + index];
        double total = 0;
        if (one != 0) {
            double perOne = 1 / one;
            double next = w.weight[start + depth];
            for (int i = depth - 1; i >= 0; i--) {
                double share = next * perOne * w.reciprocal[i + 1];
                total += share;
                next = w.weight[start + i] - share * zero * (depth - i);
            }
        } else {
            double perZero = 1 / zero;
            for (int i = depth - 1; i >= 0; i--) {
                total += w.weight[start + i] * perZero * w.reciprocal[depth - i];
            }
        }
        return total * (depth + 1);
    }
}
