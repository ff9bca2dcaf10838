package io.jxplain.model.tree;

import io.jxplain.model.OutputKind;
import io.jxplain.random.RandomStreams;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Seeded random tree ensembles of complete trees, the shape of a boosted model (XGBoost's default depth is 6): what
 * {@code jxplain bench} times TreeSHAP on, and what the tests compare TreeSHAP's two algorithms on. Thresholds are
 * drawn from N(0, 1) like the rows they are meant for, so rows take both branches.
 */
public final class RandomTrees {
    private RandomTrees() {
    }

    /**
     * {@code trees} complete trees of depth {@code depth} over {@code inputs} features, splitting with "less than" and
     * sending a uniform 20–80% share of each node's cover left, summed into one regression output from 0.
     */
    public static TreeEnsemble ensemble(int trees, int depth, int inputs, long seed) {
        RandomGenerator rng = RandomStreams.stream(seed);
        List<DecisionTree> list = new ArrayList<>(trees);
        for (int t = 0; t < trees; t++) {
            list.add(complete(rng, depth, inputs, 0.2, false));
        }
        return TreeEnsemble.of(inputs, OutputKind.REGRESSION, new double[] {0}, list, new int[trees], false,
                "random ensemble");
    }

    /**
     * One complete tree of depth {@code depth} (nodes in heap order: node i's children are 2i + 1 and 2i + 2) on
     * uniformly drawn features; each split sends a uniform share in [minShare, 1 − minShare] of its cover left and
     * compares with "less than", or with any of the four comparisons when {@code anySplit}; leaf values 0.1·N(0, 1).
     */
    public static DecisionTree complete(RandomGenerator rng, int depth, int inputs, double minShare, boolean anySplit) {
        int n = (1 << (depth + 1)) - 1;
        int internal = (1 << depth) - 1;
        int[] left = new int[n];
        int[] right = new int[n];
        int[] feature = new int[n];
        double[] threshold = new double[n];
        double[] value = new double[n];
        double[] cover = new double[n];
        DecisionTree.Split[] split = new DecisionTree.Split[n];
        cover[0] = 1000;
        for (int i = 0; i < n; i++) {
            if (i < internal) {
                left[i] = 2 * i + 1;
                right[i] = 2 * i + 2;
                feature[i] = rng.nextInt(inputs);
                threshold[i] = rng.nextGaussian();
                split[i] = anySplit ? DecisionTree.Split.values()[rng.nextInt(4)] : DecisionTree.Split.LESS;
                cover[left[i]] = cover[i] * (minShare + (1 - 2 * minShare) * rng.nextDouble());
                cover[right[i]] = cover[i] - cover[left[i]];
            } else {
                left[i] = -1;
                right[i] = -1;
                value[i] = 0.1 * rng.nextGaussian();
            }
        }
        return DecisionTree.of(left, right, feature, threshold, split, value, cover, inputs);
    }
}
