package io.jxplain.data;

/**
 * A seeded train/test split standardised with the training part's statistics only (the paper's protocol, §6.1),
 * together with the standardisation, which a saved model must carry to be applied to raw rows.
 */
public record StandardizedSplit(TrainTestSplit split, Standardization standardization) {

    /** Splits {@code data} with {@code seed}, then standardises both parts with the training part's statistics. */
    public static StandardizedSplit of(Dataset data, double trainFraction, long seed) {
        TrainTestSplit raw = TrainTestSplit.of(data, trainFraction, seed);
        Standardization s = Standardization.fit(raw.train().features());
        return new StandardizedSplit(raw.standardized(s), s);
    }

    /** The standardised training part. */
    public Dataset train() {
        return split.train();
    }

    /** The standardised test part. */
    public Dataset test() {
        return split.test();
    }
}
