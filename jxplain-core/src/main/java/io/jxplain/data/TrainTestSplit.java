package io.jxplain.data;

import io.jxplain.random.RandomStreams;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** A seeded random split into training and test rows (80/20 in the paper, §6.1). */
public record TrainTestSplit(Dataset train, Dataset test) {

    /** A seeded random split: {@code trainFraction} of the rows (rounded) for training, the rest for testing. */
    public static TrainTestSplit of(Dataset data, double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("train fraction must lie strictly between 0 and 1, got " + trainFraction);
        }
        int n = data.rows();
        int nTrain = (int) Math.round(n * trainFraction);
        if (nTrain == 0 || nTrain == n) {
            throw new IllegalArgumentException("a data set of " + n + " rows is too small to split " + trainFraction
                    + " / " + (1 - trainFraction));
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        RandomGenerator rng = RandomStreams.stream(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return new TrainTestSplit(data.subset(Arrays.copyOfRange(order, 0, nTrain)),
                data.subset(Arrays.copyOfRange(order, nTrain, n)));
    }

    /** Standardises both parts with statistics of the training part only. */
    public TrainTestSplit standardized(Standardization s) {
        return new TrainTestSplit(s.apply(train), s.apply(test));
    }
}
