package io.jxplain.experiments.agarwal2021;

import io.jxplain.internal.Checks;
import io.jxplain.experiments.data.BankruptcyData;
import io.jxplain.metric.NeighbourhoodRobustness;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every parameter of the reproduction of Agarwal et al. 2021 §6, with the paper's values as defaults.
 *
 * @param figures            which of Figures 2–5 to produce
 * @param datasets           the data sets of Figures 2 and 3 (Figures 4 and 5 use bankruptcy)
 * @param sampleSizes        the n grid (paper: 10 … 5000)
 * @param sigma2             σ² of Figures 2, 3 and 5 (paper: 1)
 * @param sigma2Grid         the σ² values of Figure 4 (paper: 0.01, 0.1, 1)
 * @param weakAccuracy       the training accuracy Figure 5's worse model is stopped nearest (paper: 86%, against 96%)
 * @param maxPoints          at most this many test points per data set, or null for the whole test split
 * @param epsilon            the distance at which empirical n is set against Proposition 1 and Theorem 3
 * @param epochs             training epochs per data set (paper: 15, 60, 100)
 * @param captumReference    shared/reference, whose Captum curves are set beside jxplain's on the same networks, or
 *                           null to leave that comparison out
 */
public record Agarwal2021Config(Set<Integer> figures, List<UnificationDataset> datasets, Path dataDir, Path outDir,
                                long seed, List<Integer> sampleSizes, double sigma2, List<Double> sigma2Grid,
                                double weakAccuracy, Integer maxPoints, int threads, int neighbours,
                                double neighbourVariance, double epsilon, String bankruptcyFile,
                                int bankruptcyFeatures, Map<UnificationDataset, Integer> epochs,
                                Path captumReference) {
    public static final List<Integer> PAPER_SAMPLE_SIZES = List.of(10, 20, 50, 100, 200, 500, 1000, 2000, 5000);
    /** --quick: n ≫ d throughout, so the Monte-Carlo rate is visible on every data set. */
    public static final List<Integer> QUICK_SAMPLE_SIZES = List.of(100, 200, 500, 1000, 2000);
    public static final int QUICK_MAX_POINTS = 40;

    public Agarwal2021Config {
        figures = new TreeSet<>(figures);
        for (int f : figures) {
            if (f < 2 || f > 5) {
                throw new IllegalArgumentException("figures are 2, 3, 4 and 5; got " + f);
            }
        }
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("no figure to produce");
        }
        datasets = List.copyOf(datasets);
        if (datasets.isEmpty() && (figures.contains(2) || figures.contains(3))) {
            throw new IllegalArgumentException("figures 2 and 3 need at least one data set");
        }
        sampleSizes = List.copyOf(sampleSizes);
        if (sampleSizes.size() < 2) {
            throw new IllegalArgumentException("the n grid needs at least two sample sizes, got " + sampleSizes);
        }
        for (int n : sampleSizes) {
            if (n < 2) {
                throw new IllegalArgumentException("sample sizes must be at least 2, got " + n);
            }
        }
        Checks.requirePositive("sigma2", sigma2);
        sigma2Grid = List.copyOf(sigma2Grid);
        for (double s : sigma2Grid) {
            Checks.requirePositive("sigma2 of figure 4", s);
        }
        Checks.requireInRange("weak-model accuracy", weakAccuracy, 0, 1);
        if (maxPoints != null) {
            Checks.requirePositive("max points", maxPoints);
        }
        Checks.requirePositive("threads", threads);
        Checks.requirePositive("neighbours", neighbours);
        Checks.requirePositive("neighbour variance", neighbourVariance);
        Checks.requirePositive("epsilon", epsilon);
        Checks.requirePositive("bankruptcy features", bankruptcyFeatures);
        epochs = io.jxplain.internal.OrderedMaps.copyOf(epochs);
    }

    /** The paper's protocol on every data set and figure. */
    public static Builder paper(Path dataDir, Path outDir, long seed) {
        Builder b = new Builder();
        b.dataDir = dataDir;
        b.outDir = outDir;
        b.seed = seed;
        return b;
    }

    public int epochsOf(UnificationDataset d) {
        return epochs.getOrDefault(d, d.paperEpochs());
    }

    /** A builder that starts from the paper's values. */
    public static final class Builder {
        private Set<Integer> figures = Set.of(2, 3, 4, 5);
        private List<UnificationDataset> datasets = List.of(UnificationDataset.values());
        private Path dataDir = Path.of("data");
        private Path outDir = Path.of("reproduce-agarwal2021");
        private long seed = 42L;
        private List<Integer> sampleSizes = PAPER_SAMPLE_SIZES;
        private double sigma2 = 1.0;
        private List<Double> sigma2Grid = List.of(0.01, 0.1, 1.0);
        private double weakAccuracy = 0.86;
        private Integer maxPoints;
        private int threads = Runtime.getRuntime().availableProcessors();
        private double epsilon = 0.05;
        private String bankruptcyFile = BankruptcyData.DEFAULT_FILE;
        private int bankruptcyFeatures = BankruptcyData.DEFAULT_FEATURES;
        private final Map<UnificationDataset, Integer> epochs = new EnumMap<>(UnificationDataset.class);
        private Path captumReference;

        /** A few test points and a short n grid (n ≫ d throughout): the same code path in well under two minutes. */
        public Builder quick() {
            sampleSizes = QUICK_SAMPLE_SIZES;
            if (maxPoints == null) {
                maxPoints = QUICK_MAX_POINTS;
            }
            return this;
        }

        public Builder figures(Set<Integer> f) {
            figures = f;
            return this;
        }

        public Builder datasets(List<UnificationDataset> d) {
            datasets = d;
            return this;
        }

        public Builder sampleSizes(List<Integer> n) {
            sampleSizes = n;
            return this;
        }

        public Builder sigma2(double s) {
            sigma2 = s;
            return this;
        }

        public Builder sigma2Grid(List<Double> grid) {
            sigma2Grid = grid;
            return this;
        }

        public Builder weakAccuracy(double a) {
            weakAccuracy = a;
            return this;
        }

        public Builder maxPoints(Integer m) {
            maxPoints = m;
            return this;
        }

        public Builder threads(int t) {
            threads = t;
            return this;
        }

        public Builder epsilon(double e) {
            epsilon = e;
            return this;
        }

        public Builder bankruptcy(String file, int features) {
            bankruptcyFile = file;
            bankruptcyFeatures = features;
            return this;
        }

        /** Sets Captum's curves from {@code referenceDir} (shared/reference) beside jxplain's on the same networks. */
        public Builder captumReference(Path referenceDir) {
            captumReference = referenceDir;
            return this;
        }

        public Builder epochs(UnificationDataset d, int e) {
            epochs.put(d, e);
            return this;
        }

        public Agarwal2021Config build() {
            Map<UnificationDataset, Integer> all = new EnumMap<>(UnificationDataset.class);
            for (UnificationDataset d : UnificationDataset.values()) {
                all.put(d, epochs.getOrDefault(d, d.paperEpochs()));
            }
            return new Agarwal2021Config(figures, datasets, dataDir, outDir, seed, sampleSizes, sigma2, sigma2Grid,
                    weakAccuracy, maxPoints, threads, NeighbourhoodRobustness.NEIGHBOURS.defaultValue(),
                    NeighbourhoodRobustness.VARIANCE.defaultValue(), epsilon, bankruptcyFile, bankruptcyFeatures, all,
                    captumReference);
        }
    }
}
