package io.jxplain.model.tree;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * One decision tree in flat arrays, node 0 the root, as XGBoost, LightGBM and ONNX-ML store theirs. An internal node
 * sends x to {@code left} when x[feature] compared with its threshold by its {@link Split} holds, else to
 * {@code right}; a leaf ({@code left == -1}) holds the value it adds to its ensemble's output. {@code cover} is the
 * training weight that reached each node (XGBoost's sum_hessian, scikit-learn's weighted sample count): what
 * path-dependent TreeSHAP takes as the distribution of the features a coalition leaves out. Validated when built: a
 * malformed file is refused here, not met as a wrong value or an endless walk later.
 */
public final class DecisionTree {
    /** How an internal node compares x[feature] with its threshold; the left child is where the comparison holds. */
    public enum Split {
        /** x &lt; t goes left: XGBoost's rule, ONNX-ML BRANCH_LT. */
        LESS,
        /** x ≤ t goes left: scikit-learn's rule, ONNX-ML BRANCH_LEQ. */
        LESS_OR_EQUAL,
        /** x &gt; t goes left: ONNX-ML BRANCH_GT. */
        GREATER,
        /** x ≥ t goes left: ONNX-ML BRANCH_GTE. */
        GREATER_OR_EQUAL
    }

    private final int[] left;
    private final int[] right;
    private final int[] feature;
    private final double[] threshold;
    private final Split[] split;
    private final double[] value;
    private final double[] cover;
    private final int depth;
    private final double expectedValue;

    private DecisionTree(int[] left, int[] right, int[] feature, double[] threshold, Split[] split, double[] value,
                         double[] cover, int depth, double expectedValue) {
        this.left = left;
        this.right = right;
        this.feature = feature;
        this.threshold = threshold;
        this.split = split;
        this.value = value;
        this.cover = cover;
        this.depth = depth;
        this.expectedValue = expectedValue;
    }

    /**
     * A tree of n nodes from its arrays (each of length n; the entries of a leaf's feature, threshold and split are
     * ignored, of an internal node's value too). Every node but the root must have exactly one parent, children must
     * be in range, features in [0, inputs), thresholds and values finite, covers finite and non-negative and positive
     * at internal nodes.
     */
    public static DecisionTree of(int[] left, int[] right, int[] feature, double[] threshold, Split[] split,
                                  double[] value, double[] cover, int inputs) {
        int n = left.length;
        if (n == 0) {
            throw new IllegalArgumentException("a tree needs at least one node");
        }
        for (Object a : new Object[] {right, feature, threshold, split, value, cover}) {
            if (java.lang.reflect.Array.getLength(a) != n) {
                throw new IllegalArgumentException("a tree's node arrays differ in length: " + n + " left children but "
                        + java.lang.reflect.Array.getLength(a) + " entries in another array");
            }
        }
        int[] parents = new int[n];
        Arrays.fill(parents, -1);
        for (int i = 0; i < n; i++) {
            boolean leaf = left[i] == -1;
            if (leaf != (right[i] == -1)) {
                throw new IllegalArgumentException("node " + i + " has one child (left " + left[i] + ", right "
                        + right[i] + "); a node has two or none");
            }
            if (!Double.isFinite(cover[i]) || cover[i] < 0 || (!leaf && cover[i] == 0)) {
                throw new IllegalArgumentException("node " + i + " has cover " + cover[i]
                        + "; covers must be finite, non-negative, and positive at internal nodes");
            }
            if (leaf) {
                if (!Double.isFinite(value[i])) {
                    throw new IllegalArgumentException("leaf " + i + " has value " + value[i]);
                }
                continue;
            }
            if (feature[i] < 0 || feature[i] >= inputs) {
                throw new IllegalArgumentException("node " + i + " splits on feature " + feature[i] + " of "
                        + inputs + " inputs");
            }
            if (!Double.isFinite(threshold[i]) || split[i] == null) {
                throw new IllegalArgumentException("node " + i + " has threshold " + threshold[i] + " and split "
                        + split[i]);
            }
            for (int child : new int[] {left[i], right[i]}) {
                if (child <= 0 || child >= n || parents[child] != -1) {
                    throw new IllegalArgumentException("node " + i + " has child " + child + ", which is "
                            + (child <= 0 || child >= n ? "not a node of this " + n + "-node tree (or is the root)"
                            : "already the child of node " + parents[child]));
                }
                parents[child] = i;
            }
        }
        int[] depthOf = new int[n];
        int[] preorder = preorder(left, right, depthOf);
        if (preorder.length != n) {
            throw new IllegalArgumentException((n - preorder.length) + " of the tree's " + n + " nodes cannot be"
                    + " reached from its root");
        }
        int depth = 0;
        for (int d : depthOf) {
            depth = Math.max(depth, d);
        }
        // E f under the covers, from the leaves up (children come after their parent in preorder), as XGBoost's
        // node_mean_values: each node's mean is its children's means weighted by their covers
        double[] mean = new double[n];
        for (int k = n - 1; k >= 0; k--) {
            int i = preorder[k];
            mean[i] = left[i] == -1 ? value[i]
                    : (mean[left[i]] * cover[left[i]] + mean[right[i]] * cover[right[i]]) / cover[i];
        }
        return new DecisionTree(left.clone(), right.clone(), feature.clone(), threshold.clone(), split.clone(),
                value.clone(), cover.clone(), depth, mean[0]);
    }

    /**
     * The same tree with covers counted from {@code rows} (each row's path from the root), for a file that stores none
     * (ONNX-ML ensembles as skl2onnx writes them). Every leaf also gets one pseudo-row split evenly at each node above
     * it (weight 2^−depth), so that a node no row reaches keeps a positive cover, as path-dependent TreeSHAP needs;
     * internal covers are their leaves' sums. {@code float32}: rows are rounded to float, as {@link #leaf} does.
     */
    public DecisionTree withCoversFrom(DMatrixRMaj rows, boolean float32) {
        int n = left.length;
        double[] counted = new double[n];
        for (int r = 0; r < rows.numRows; r++) {
            int i = 0;
            counted[0]++;
            while (left[i] != -1) {
                i = goesLeft(i, rows.data[r * rows.numCols + feature[i]], float32) ? left[i] : right[i];
                counted[i]++;
            }
        }
        int[] depthOf = new int[n];
        int[] preorder = preorder(left, right, depthOf);
        double[] newCover = new double[n];
        for (int k = n - 1; k >= 0; k--) { // children come after their parent in preorder
            int i = preorder[k];
            newCover[i] = left[i] == -1 ? counted[i] + Math.scalb(1.0, -depthOf[i])
                    : newCover[left[i]] + newCover[right[i]];
        }
        int inputs = 1;
        for (int i = 0; i < n; i++) {
            inputs = Math.max(inputs, left[i] == -1 ? 0 : feature[i] + 1);
        }
        return of(left, right, feature, threshold, split, value, newCover, inputs);
    }

    /**
     * The nodes reachable from the root (node 0), each after its parent, with their depths written to
     * {@code depthOf}; every child has one parent (checked by {@link #of}), so the walk ends and meets each node once.
     */
    private static int[] preorder(int[] left, int[] right, int[] depthOf) {
        int n = left.length;
        int[] order = new int[n];
        int reached = 0;
        int[] stack = new int[n];
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int i = stack[--top];
            order[reached++] = i;
            if (left[i] != -1) {
                depthOf[left[i]] = depthOf[i] + 1;
                depthOf[right[i]] = depthOf[i] + 1;
                stack[top++] = left[i];
                stack[top++] = right[i];
            }
        }
        return Arrays.copyOf(order, reached);
    }

    /** The number of nodes. */
    public int size() {
        return left.length;
    }

    /** The longest path from the root to a leaf, in splits. */
    public int depth() {
        return depth;
    }

    /**
     * The leaf that the row at {@code x[offset..]} reaches; {@code float32}: the row is rounded to float first, as
     * XGBoost and ONNX Runtime read it.
     */
    public int leaf(double[] x, int offset, boolean float32) {
        int i = 0;
        while (left[i] != -1) {
            i = goesLeft(i, x[offset + feature[i]], float32) ? left[i] : right[i];
        }
        return i;
    }

    /** Whether the value {@code v} of the node's feature goes to its left child. */
    public boolean goesLeft(int node, double v, boolean float32) {
        double xv = float32 ? (float) v : v;
        double t = threshold[node];
        return switch (split[node]) {
            case LESS -> xv < t;
            case LESS_OR_EQUAL -> xv <= t;
            case GREATER -> xv > t;
            case GREATER_OR_EQUAL -> xv >= t;
        };
    }

    /** Whether {@code node} is a leaf. */
    public boolean isLeaf(int node) {
        return left[node] == -1;
    }

    /** The child where the node's comparison holds; -1 at a leaf. */
    public int left(int node) {
        return left[node];
    }

    /** The other child; -1 at a leaf. */
    public int right(int node) {
        return right[node];
    }

    /** The feature an internal node splits on. */
    public int feature(int node) {
        return feature[node];
    }

    /** The value a leaf adds to its output. */
    public double value(int node) {
        return value[node];
    }

    /** The training weight that reached the node. */
    public double cover(int node) {
        return cover[node];
    }

    /** E f over the training distribution the covers record (TreeSHAP's base value of this tree). */
    public double expectedValue() {
        return expectedValue;
    }
}
