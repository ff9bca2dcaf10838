package io.jxplain.explain;

import io.jxplain.model.tree.DecisionTree;
import io.jxplain.model.tree.TreeEnsemble;

/**
 * Path-dependent TreeSHAP from tables computed once per tree, in the spirit of Fast TreeSHAP v2 (Yang 2021): the same
 * values as Algorithm 2 in O(L·D) per row and tree instead of O(L·D²). For a leaf of value v whose path splits on the
 * k distinct features P, with zero fractions z (the covers' products) and, at x, the set A ⊆ P of features whose
 * splits x follows, Shapley's formula on the leaf's k-player game gives
 * φⱼ = (1/zⱼ − 1)·v·H(A∖{j}) for j ∈ A and φⱼ = −v·H(A) for j ∈ P∖A (Shapley's formula on the leaf's game,
 * E[f | x_S] = v·Π_{i ∈ S} [i ∈ A]·Π_{i ∈ P∖S} zᵢ; a feature outside P is a dummy), with
 * H(B) = Σ_{S ⊆ B} |S|!(k − |S| − 1)!/k! · Π_{i ∈ P∖S} zᵢ, tabulated for every B ⊆ P. A tree whose tables would be
 * large (deep paths: 2^k entries per leaf) or that has a zero fraction is left to Algorithm 2 ({@link #has} false).
 */
final class TreeShapTables {
    /** Table entries one tree may hold (512 KiB of doubles); beyond it the tree is explained by Algorithm 2. */
    static final int MAX_ENTRIES_PER_TREE = 1 << 16;

    private final Tree[] trees; // null where Algorithm 2 explains the tree

    private TreeShapTables(Tree[] trees) {
        this.trees = trees;
    }

    static TreeShapTables of(TreeEnsemble ensemble) {
        Tree[] trees = new Tree[ensemble.trees().size()];
        for (int t = 0; t < trees.length; t++) {
            trees[t] = Tree.of(ensemble.trees().get(t));
        }
        return new TreeShapTables(trees);
    }

    boolean has(int tree) {
        return trees[tree] != null;
    }

    /** Adds tree t's TreeSHAP values at x to phi; {@code left} is scratch of the tree's size. */
    void add(int t, DecisionTree tree, double[] x, boolean float32, double[] phi, int[] left) {
        trees[t].add(tree, x, float32, phi, left);
    }

    /** One tree's leaves: their paths (node, direction, feature position), features, 1/z − 1, and v·H per subset. */
    private static final class Tree {
        final int leaves;
        final int[] splits; // the internal nodes
        final int[] pathStart;
        final int[] pathNode;
        final int[] pathLeft; // 1 where the path goes left
        final int[] pathPosition;
        final int[] featureStart;
        final int[] feature;
        final double[] inverseZero; // 1/zⱼ per leaf and feature
        final int[] tableStart;
        final double[] table;

        private Tree(int leaves, int[] splits, int[] pathStart, int[] pathNode, int[] pathLeft, int[] pathPosition,
                     int[] featureStart, int[] feature, double[] inverseZero, int[] tableStart, double[] table) {
            this.leaves = leaves;
            this.splits = splits;
            this.pathStart = pathStart;
            this.pathNode = pathNode;
            this.pathLeft = pathLeft;
            this.pathPosition = pathPosition;
            this.featureStart = featureStart;
            this.feature = feature;
            this.inverseZero = inverseZero;
            this.tableStart = tableStart;
            this.table = table;
        }

        /** The tables of {@code tree}, or null when they would be too large or a zero fraction is 0. */
        static Tree of(DecisionTree tree) {
            int n = tree.size();
            int[] parent = new int[n];
            java.util.Arrays.fill(parent, -1);
            int leaves = 0;
            for (int i = 0; i < n; i++) {
                if (tree.isLeaf(i)) {
                    leaves++;
                } else {
                    parent[tree.left(i)] = i;
                    parent[tree.right(i)] = i;
                }
            }
            int[] pathStart = new int[leaves + 1];
            int[] featureStart = new int[leaves + 1];
            int[] tableStart = new int[leaves + 1];
            java.util.List<int[]> paths = new java.util.ArrayList<>();
            java.util.List<int[]> features = new java.util.ArrayList<>();
            java.util.List<double[]> zeros = new java.util.ArrayList<>();
            java.util.List<Double> values = new java.util.ArrayList<>();
            long entries = 0;
            int leaf = 0;
            for (int i = 0; i < n; i++) {
                if (!tree.isLeaf(i)) {
                    continue;
                }
                int length = 0;
                for (int c = i; parent[c] != -1; c = parent[c]) {
                    length++;
                }
                int[] path = new int[length]; // the child reached below each split, root first
                int c = i;
                for (int p = length - 1; p >= 0; p--) {
                    path[p] = c;
                    c = parent[c];
                }
                int[] distinct = new int[length];
                double[] z = new double[length];
                int k = 0;
                for (int child : path) {
                    int split = parent[child];
                    int f = tree.feature(split);
                    int q = 0;
                    while (q < k && distinct[q] != f) {
                        q++;
                    }
                    if (q == k) {
                        distinct[k] = f;
                        z[k++] = 1;
                    }
                    z[q] *= tree.cover(child) / tree.cover(split);
                }
                for (int q = 0; q < k; q++) {
                    if (!(z[q] > 0)) {
                        return null; // 1/z undefined: Algorithm 2 handles this tree
                    }
                }
                entries += 1L << k;
                if (k > 30 || entries > MAX_ENTRIES_PER_TREE) {
                    return null;
                }
                paths.add(path);
                features.add(java.util.Arrays.copyOf(distinct, k));
                zeros.add(java.util.Arrays.copyOf(z, k));
                values.add(tree.value(i));
                pathStart[leaf + 1] = pathStart[leaf] + length;
                featureStart[leaf + 1] = featureStart[leaf] + k;
                tableStart[leaf + 1] = tableStart[leaf] + (1 << k);
                leaf++;
            }
            int[] pathNode = new int[pathStart[leaves]];
            int[] pathLeft = new int[pathStart[leaves]];
            int[] pathPosition = new int[pathStart[leaves]];
            int[] feature = new int[featureStart[leaves]];
            double[] inverseZero = new double[featureStart[leaves]];
            double[] table = new double[tableStart[leaves]];
            for (int l = 0; l < leaves; l++) {
                int[] path = paths.get(l);
                int[] distinct = features.get(l);
                double[] z = zeros.get(l);
                for (int p = 0; p < path.length; p++) {
                    int split = parent[path[p]];
                    pathNode[pathStart[l] + p] = split;
                    pathLeft[pathStart[l] + p] = tree.left(split) == path[p] ? 1 : 0;
                    int q = 0;
                    while (distinct[q] != tree.feature(split)) {
                        q++;
                    }
                    pathPosition[pathStart[l] + p] = q;
                }
                for (int q = 0; q < distinct.length; q++) {
                    feature[featureStart[l] + q] = distinct[q];
                    inverseZero[featureStart[l] + q] = 1 / z[q];
                }
                fillTable(z, values.get(l), table, tableStart[l]);
            }
            int[] splits = java.util.stream.IntStream.range(0, n).filter(i -> !tree.isLeaf(i)).toArray();
            return new Tree(leaves, splits, pathStart, pathNode, pathLeft, pathPosition, featureStart, feature, inverseZero,
                    tableStart, table);
        }

        /** table[at + B] = v·H(B) for every subset B of the k positions (a bit mask). */
        private static void fillTable(double[] z, double v, double[] table, int at) {
            int k = z.length;
            int full = (1 << k) - 1;
            double[] inside = new double[1 << k]; // Π_{i ∈ T} zᵢ
            inside[0] = 1;
            for (int t = 1; t <= full; t++) {
                inside[t] = inside[t & (t - 1)] * z[Integer.numberOfTrailingZeros(t)];
            }
            double[] weight = new double[k]; // |S|!(k − |S| − 1)!/k!
            for (int s = 0; s < k; s++) {
                weight[s] = 1.0 / (k * ExactShapley.binomial(k - 1, s));
            }
            for (int s = 0; s <= full; s++) {
                table[at + s] = Integer.bitCount(s) < k ? v * weight[Integer.bitCount(s)] * inside[full & ~s] : 0;
            }
            for (int q = 0; q < k; q++) { // subset sums: H(B) = Σ_{S ⊆ B} g(S)
                for (int b = 0; b <= full; b++) {
                    if ((b & (1 << q)) != 0) {
                        table[at + b] += table[at + (b & ~(1 << q))];
                    }
                }
            }
        }

        /**
         * Without branches on x: which splits x follows differs from row to row, and mispredicted branches, not
         * arithmetic, would set the pace. For feature q of a leaf, H(A∖{q}) is the entry at A with bit q cleared
         * whether or not q ∈ A, and its coefficient is 1/z_q − 1 for q ∈ A, −1 otherwise.
         */
        void add(DecisionTree tree, double[] x, boolean float32, double[] phi, int[] left) {
            for (int node : splits) { // each split's direction, once per row
                left[node] = tree.goesLeft(node, x[tree.feature(node)], float32) ? 1 : 0;
            }
            for (int l = 0; l < leaves; l++) {
                int first = featureStart[l];
                int k = featureStart[l + 1] - first;
                int followed = (1 << k) - 1;
                for (int p = pathStart[l]; p < pathStart[l + 1]; p++) {
                    followed &= ~((left[pathNode[p]] ^ pathLeft[p]) << pathPosition[p]);
                }
                int at = tableStart[l];
                for (int q = 0; q < k; q++) {
                    int in = (followed >>> q) & 1;
                    phi[feature[first + q]] += (in * inverseZero[first + q] - 1) * table[at + (followed & ~(1 << q))];
                }
            }
        }
    }
}
