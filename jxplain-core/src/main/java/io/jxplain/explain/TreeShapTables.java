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

    /**
     * Adds tree t's TreeSHAP values at a block of rows (x: rows × d, row-major) to phi (rows × d); {@code left} and
     * {@code followed} are scratch of at least the tree's nodes × rows.
     */
    void add(int t, DecisionTree tree, double[] x, int rows, int d, boolean float32, double[] phi, int[] left,
             int[] followed) {
        trees[t].add(tree, x, rows, d, float32, phi, left, followed);
    }

    /**
     * One tree in preorder (each node after its parent): per node its parent, whether it is the left child, the
     * position of the parent's feature among the distinct features of the path to it (first occurrence first), and
     * whether that split is the feature's first on the path; per (leaf, feature) pair the feature, its position and
     * 1/z; per leaf v·H for every subset of its features.
     */
    private static final class Tree {
        final int[] splits;     // the internal nodes
        final int[] order;      // every node but the root, in preorder
        final int[] parent;
        final int[] isLeft;     // 1 for a left child
        final int[] position;   // of the parent's feature in the path's distinct features
        final int[] firstBit;   // 1 << position where the parent's split is the feature's first on the path, else 0
        final int[] pairLeaf;     // per (leaf, feature) pair: the leaf's node,
        final int[] pairPosition; // the feature's position on the leaf's path,
        final int[] feature;      // the feature,
        final double[] inverseZero; // 1/z of the feature on that path,
        final int[] pairTable;    // and where the leaf's table starts
        final double[] table;

        private Tree(int[] splits, int[] order, int[] parent, int[] isLeft, int[] position, int[] firstBit,
                     int[] pairLeaf, int[] pairPosition, int[] feature, double[] inverseZero, int[] pairTable,
                     double[] table) {
            this.splits = splits;
            this.order = order;
            this.parent = parent;
            this.isLeft = isLeft;
            this.position = position;
            this.firstBit = firstBit;
            this.pairLeaf = pairLeaf;
            this.pairPosition = pairPosition;
            this.feature = feature;
            this.inverseZero = inverseZero;
            this.pairTable = pairTable;
            this.table = table;
        }

        /** The tables of {@code tree}, or null when they would be too large or a zero fraction is 0. */
        static Tree of(DecisionTree tree) {
            int n = tree.size();
            int[] parent = new int[n];
            int[] isLeft = new int[n];
            int[] position = new int[n];
            int[] firstBit = new int[n];
            int[] leafIndex = new int[n];
            int[] order = new int[n - 1];
            int[][] distinct = new int[n][]; // per node: the distinct features of the path to it
            double[][] zero = new double[n][]; // and their zero fractions
            java.util.Arrays.fill(leafIndex, -1);
            distinct[0] = new int[0];
            zero[0] = new double[0];
            parent[0] = -1;
            int[] stack = new int[n];
            int top = 0;
            stack[top++] = 0;
            int visited = 0;
            int leaves = 0;
            long entries = 0;
            java.util.List<Integer> splitList = new java.util.ArrayList<>();
            while (top > 0) {
                int node = stack[--top];
                if (node != 0) {
                    order[visited++] = node;
                }
                if (tree.isLeaf(node)) {
                    leafIndex[node] = leaves++;
                    for (double z : zero[node]) {
                        if (!(z > 0)) {
                            return null; // 1/z undefined: Algorithm 2 handles this tree
                        }
                    }
                    int k = distinct[node].length;
                    entries += 1L << Math.min(k, 40);
                    if (k > 30 || entries > MAX_ENTRIES_PER_TREE) {
                        return null;
                    }
                    continue;
                }
                splitList.add(node);
                int f = tree.feature(node);
                int q = 0;
                while (q < distinct[node].length && distinct[node][q] != f) {
                    q++;
                }
                boolean first = q == distinct[node].length;
                for (int child : new int[] {tree.right(node), tree.left(node)}) { // left popped first
                    parent[child] = node;
                    isLeft[child] = child == tree.left(node) ? 1 : 0;
                    position[child] = q;
                    firstBit[child] = first ? 1 << Math.min(q, 31) : 0;
                    distinct[child] = first ? java.util.Arrays.copyOf(distinct[node], q + 1) : distinct[node];
                    zero[child] = java.util.Arrays.copyOf(zero[node], distinct[child].length);
                    if (first) {
                        distinct[child][q] = f;
                        zero[child][q] = 1;
                    }
                    zero[child][q] *= tree.cover(child) / tree.cover(node);
                    stack[top++] = child;
                }
            }
            int[] featureStart = new int[leaves + 1];
            int[] tableStart = new int[leaves + 1];
            for (int node = 0; node < n; node++) {
                int l = leafIndex[node];
                if (l >= 0) {
                    featureStart[l + 1] = distinct[node].length;
                    tableStart[l + 1] = 1 << distinct[node].length;
                }
            }
            for (int l = 0; l < leaves; l++) {
                featureStart[l + 1] += featureStart[l];
                tableStart[l + 1] += tableStart[l];
            }
            int pairs = featureStart[leaves];
            int[] pairLeaf = new int[pairs];
            int[] pairPosition = new int[pairs];
            int[] feature = new int[pairs];
            double[] inverseZero = new double[pairs];
            int[] pairTable = new int[pairs];
            double[] table = new double[tableStart[leaves]];
            for (int node = 0; node < n; node++) {
                int l = leafIndex[node];
                if (l < 0) {
                    continue;
                }
                for (int q = 0; q < distinct[node].length; q++) {
                    int i = featureStart[l] + q;
                    pairLeaf[i] = node;
                    pairPosition[i] = q;
                    feature[i] = distinct[node][q];
                    inverseZero[i] = 1 / zero[node][q];
                    pairTable[i] = tableStart[l];
                }
                fillTable(zero[node], tree.value(node), table, tableStart[l]);
            }
            return new Tree(splitList.stream().mapToInt(Integer::intValue).toArray(), order, parent, isLeft, position,
                    firstBit, pairLeaf, pairPosition, feature, inverseZero, pairTable, table);
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
         * Adds the tree's values for a block of rows (row r at x[r·d..]) to phi (row r at phi[r·d..]), row by row
         * in the same order as for one row alone, so a row's values do not depend on its block. Loops run over the
         * rows innermost: each node's and pair's data is read once per block. Without branches on x: which splits
         * x follows differs from row to row, and mispredicted branches, not arithmetic, would set the pace. The set
         * A of features whose splits a row follows is built down the tree, one bit per node; for feature q of a
         * leaf, H(A∖{q}) is the entry at A with bit q cleared whether or not q ∈ A, and its coefficient is
         * 1/z_q − 1 for q ∈ A, −1 otherwise.
         */
        void add(DecisionTree tree, double[] x, int rows, int d, boolean float32, double[] phi, int[] left,
                 int[] followed) {
            for (int node : splits) { // each split's direction per row: left[node·rows + r]
                int f = tree.feature(node);
                for (int r = 0; r < rows; r++) {
                    left[node * rows + r] = tree.goesLeft(node, x[r * d + f], float32) ? 1 : 0;
                }
            }
            java.util.Arrays.fill(followed, 0, rows, 0); // the root: no split yet
            for (int node : order) {
                int p = parent[node] * rows;
                int at = node * rows;
                int first = firstBit[node];
                int side = isLeft[node];
                int q = position[node];
                for (int r = 0; r < rows; r++) {
                    followed[at + r] = (followed[p + r] | first) & ~((left[p + r] ^ side) << q);
                }
            }
            for (int i = 0; i < pairLeaf.length; i++) { // every (leaf, feature) pair
                int leaf = pairLeaf[i] * rows;
                int q = pairPosition[i];
                int clear = ~(1 << q);
                int f = feature[i];
                double inverse = inverseZero[i];
                int at = pairTable[i];
                for (int r = 0; r < rows; r++) {
                    int set = followed[leaf + r];
                    phi[r * d + f] += (((set >>> q) & 1) * inverse - 1) * table[at + (set & clear)];
                }
            }
        }
    }
}
