package io.jxplain.data;

/**
 * A seeded train/test split standardised with the training part's statistics only (the paper's protocol, §6.1),
 * together with the standardisation, which a saved model must carry to be applied to raw rows.
 */
public record StandardizedSplit(TrainTestSplit split, Standardization standardization) {

    public static StandardizedSplit of(Dataset data, double trainFraction, long seed) {
        TrainTestSplit raw = TrainTestSplit.of(data, trainFraction, seed);
        Standardization s = Standardization.fit(raw.train().features());
        return new StandardizedSplit(raw.standardized(s), s);
    }

    public Dataset train() {
        return split.train();
    }

    public Dataset test() {
        return split.test();
    }
}
