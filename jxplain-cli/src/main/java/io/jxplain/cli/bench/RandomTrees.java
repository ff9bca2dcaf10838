package io.jxplain.cli.bench;

import io.jxplain.model.OutputKind;
import io.jxplain.model.tree.DecisionTree;
import io.jxplain.model.tree.TreeEnsemble;
import io.jxplain.random.RandomStreams;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A seeded random ensemble of complete trees, the shape of a boosted model (XGBoost's default depth is 6): what
 * TreeSHAP's throughput is measured on. Features are drawn uniformly, thresholds from N(0, 1) like the bench's rows
 * (so rows take both branches), each split sends a uniform 20–80% share of its cover left.
 */
final class RandomTrees {
    private RandomTrees() {
    }

    static TreeEnsemble ensemble(int trees, int depth, int inputs, long seed) {
        RandomGenerator rng = RandomStreams.stream(seed);
        int n = (1 << (depth + 1)) - 1;
        int internal = (1 << depth) - 1;
        List<DecisionTree> list = new ArrayList<>(trees);
        for (int t = 0; t < trees; t++) {
            int[] left = new int[n];
            int[] right = new int[n];
            int[] feature = new int[n];
            double[] threshold = new double[n];
            double[] value = new double[n];
            double[] cover = new double[n];
            DecisionTree.Split[] split = new DecisionTree.Split[n];
            cover[0] = 1000;
            for (int i = 0; i < n; i++) {
                if (i < internal) { // heap order: node i's children are 2i + 1 and 2i + 2
                    left[i] = 2 * i + 1;
                    right[i] = 2 * i + 2;
                    feature[i] = rng.nextInt(inputs);
                    threshold[i] = rng.nextGaussian();
                    split[i] = DecisionTree.Split.LESS;
                    double share = 0.2 + 0.6 * rng.nextDouble();
                    cover[left[i]] = cover[i] * share;
                    cover[right[i]] = cover[i] - cover[left[i]];
                } else {
                    left[i] = -1;
                    right[i] = -1;
                    value[i] = 0.1 * rng.nextGaussian();
                }
            }
            list.add(DecisionTree.of(left, right, feature, threshold, split, value, cover, inputs));
        }
        return TreeEnsemble.of(inputs, OutputKind.REGRESSION, new double[] {0}, list, new int[trees], false,
                "random ensemble");
    }
}
