package io.jxplain.experiments.agarwal2021;

import io.jxplain.experiments.data.BankruptcyData;
import io.jxplain.data.Dataset;
import io.jxplain.experiments.data.OnlineShoppersData;
import io.jxplain.experiments.data.QuantileNormalization;
import io.jxplain.data.SimulatedData;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/** The three data sets of Agarwal et al. 2021 §6.1, with the epochs and test accuracies the paper reports. */
public enum UnificationDataset {
    SIMULATED("simulated", 15, 0.995),
    BANKRUPTCY("bankruptcy", 60, 0.963),
    ONLINE_SHOPPERS("online-shoppers", 100, 0.998);

    private final String id;
    private final int paperEpochs;
    private final double paperAccuracy;

    UnificationDataset(String id, int paperEpochs, double paperAccuracy) {
        this.id = id;
        this.paperEpochs = paperEpochs;
        this.paperAccuracy = paperAccuracy;
    }

    public String id() {
        return id;
    }

    public int paperEpochs() {
        return paperEpochs;
    }

    public double paperAccuracy() {
        return paperAccuracy;
    }

    /**
     * Whether features go to N(0, 1) through their training quantiles ({@link QuantileNormalization}) before the
     * standardisation: the bankruptcy ratios are so heavy-tailed that, merely standardised, almost every row sits
     * near 0 and the paper's network learns the majority class and nothing else.
     */
    public boolean quantileNormalized() {
        return this == BANKRUPTCY;
    }

    /** Whether the data comes from files (under {@code --data-dir}) rather than being generated. */
    public boolean needsFiles() {
        return this != SIMULATED;
    }

    public Dataset load(Agarwal2021Config config, Consumer<String> warnings) {
        Path dir = config.dataDir();
        switch (this) {
            case SIMULATED:
                return SimulatedData.generate(SimulatedData.DEFAULT_ROWS, config.seed());
            case BANKRUPTCY:
                return BankruptcyData.load(dir.resolve(config.bankruptcyFile()), config.bankruptcyFeatures(), warnings);
            default:
                return OnlineShoppersData.load(dir.resolve(OnlineShoppersData.DEFAULT_FILE), warnings);
        }
    }

    public static UnificationDataset parse(String text) {
        for (UnificationDataset d : values()) {
            if (d.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown data set '" + text + "'; expected simulated, bankruptcy or online-shoppers");
    }
}
