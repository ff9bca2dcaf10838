package io.jxplain.explain;

import java.util.Arrays;

/**
 * The lime package's EntropyDiscretizer for one feature: the thresholds of a depth-3 decision tree that splits the
 * training values by information gain on the class labels (as scikit-learn's DecisionTreeClassifier with
 * criterion="entropy", max_depth=3 grows it on that one feature), ascending; the median when the tree does not split.
 * Written here because the tree is 40 lines on one feature and the core keeps few dependencies (Tribuo's CART is in
 * the CLI's tree-model support only); its splitting rule is scikit-learn's: at each node the first best threshold among midpoints of distinct
 * adjacent values, a node split unless pure, at depth 3 or holding one distinct value.
 */
final class EntropyCuts {
    private static final int MAX_DEPTH = 3; // lime's EntropyDiscretizer
    private static final double FEATURE_THRESHOLD = 1e-7; // scikit-learn's: closer values are not split apart

    private EntropyCuts() {
    }

    /** The cut points of {@code values} for {@code labels} (one class 0, 1, … per value). */
    static double[] of(double[] values, int[] labels) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] v = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) values[order[i]];
            y[i] = labels[order[i]];
        }
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        double[] cuts = new double[(1 << MAX_DEPTH) - 1];
        int found = split(v, y, classes, 0, n, 0, cuts, 0);
        if (found == 0) { // lime: np.median of the values as given when the tree is a leaf
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return new double[] {TrainingStatistics.quantile(sorted, 0.5)};
        }
        double[] out = Arrays.copyOf(cuts, found);
        Arrays.sort(out);
        return out;
    }

    /** Splits rows [from, to) of the sorted values at this depth; appends thresholds at {@code at}; returns the new count. */
    private static int split(double[] v, int[] y, int classes, int from, int to, int depth, double[] cuts, int at) {
        if (depth >= MAX_DEPTH || to - from < 2 || v[to - 1] <= v[from] + FEATURE_THRESHOLD) {
            return at;
        }
        int[] total = new int[classes];
        for (int i = from; i < to; i++) {
            total[y[i]]++;
        }
        if (Arrays.stream(total).filter(c -> c > 0).count() < 2) {
            return at; // pure
        }
        int[] left = new int[classes];
        int[] right = new int[classes];
        double best = Double.NEGATIVE_INFINITY;
        int bestAt = -1;
        for (int p = from + 1; p < to; p++) {
            left[y[p - 1]]++;
            if (v[p] <= v[p - 1] + FEATURE_THRESHOLD) {
                continue; // only between distinct values
            }
            int nl = p - from;
            int nr = to - p;
            // scikit-learn's proxy: −(n_L·H(L) + n_R·H(R)); the first strict maximum wins
            for (int k = 0; k < classes; k++) {
                right[k] = total[k] - left[k];
            }
            double proxy = -(nl * entropy(left, nl) + nr * entropy(right, nr));
            if (proxy > best) {
                best = proxy;
                bestAt = p;
            }
        }
        if (bestAt < 0) {
            return at;
        }
        double threshold = v[bestAt - 1] / 2.0 + v[bestAt] / 2.0;
        if (threshold == v[bestAt] || Double.isInfinite(threshold)) {
            threshold = v[bestAt - 1]; // as scikit-learn guards rounding
        }
        cuts[at++] = threshold;
        at = split(v, y, classes, from, bestAt, depth + 1, cuts, at);
        return split(v, y, classes, bestAt, to, depth + 1, cuts, at);
    }

    private static double entropy(int[] counts, int n) {
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = c / (double) n;
                h -= p * Math.log(p);
            }
        }
        return h;
    }
}
