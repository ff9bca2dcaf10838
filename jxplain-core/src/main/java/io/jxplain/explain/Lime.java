package io.jxplain.explain;

import io.jxplain.Setting;
import io.jxplain.internal.Checks;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Tabular LIME (Ribeiro, Singh &amp; Guestrin 2016) with the lime package's defaults: 5000 samples; features drawn
 * from the training data's statistics; quartile discretisation (each sample's features become 1 where they fall in
 * x's quartile, 0 elsewhere, and the surrogate is fitted on that binary representation); exponential kernel
 * √exp(−D²/w²) of width w = 0.75·√d on the Euclidean distance to x's representation; K = 10 features chosen by
 * "auto" (forward selection for K ≤ 6, else the highest weights of a weighted ridge fit); final weighted ridge
 * with α = 1. Without discretisation, samples are N(mean, std²) per feature and the surrogate sees them
 * standardised. Attributions are the surrogate's coefficients (0, with a NaN standard error, for features not
 * selected); its intercept is
 * reported, and with discretisation is also the {@link Explanation#BASE_VALUE}. Without training data the statistics are those of standardised features (mean 0, sd 1), and
 * discretisation needs training data. Selection LASSO_PATH follows the weighted lasso path ({@link LassoPath}).
 */
public final class Lime extends BaseExplainer {
    /** How the K features of the surrogate are chosen. */
    public enum Selection {
        /** Every feature. */
        NONE,
        /** Forward selection by the weighted fit's R². */
        FORWARD,
        /** The K largest |coefficients| of a weighted ridge fit on all features. */
        HIGHEST_WEIGHTS,
        /** The first K features to enter the weighted lasso path. */
        LASSO_PATH,
        /** The lime package's rule: forward for K ≤ 6, else highest weights. */
        AUTO
    }

    /**
     * How training data discretise each feature (the lime package's discretizer): its quartiles, its deciles, or
     * where its classes change (entropy: a depth-3 decision tree's thresholds; needs the training labels).
     */
    public enum Discretizer {
        /** Four bins at the training quartiles (the lime package's default). */
        QUARTILE(4),
        /** Ten bins at the training deciles. */
        DECILE(10),
        /** Bins where the training labels change: a depth-3 entropy tree's thresholds per feature. */
        ENTROPY(0);

        final int bins;

        Discretizer(int bins) {
            this.bins = bins;
        }
    }

    /** The lime package's num_samples. */
    public static final Setting<Integer> SAMPLES = Sampling.SAMPLES.withDefault(5000);
    /** K, the features the surrogate keeps (the lime package's num_features). */
    public static final Setting<Integer> FEATURES = Setting.atLeast("features", 10, 1,
            "K, the features the surrogate keeps.").from("Ribeiro et al. 2016 §3.4");
    /** How the K features of the surrogate are chosen. */
    public static final Setting<Selection> SELECTION = Setting.choice("selection", Selection.class, Selection.AUTO,
            "How the K features are chosen (auto: forward for K ≤ 6, else highest weights).");
    /** Unset: 0.75·√d, the lime package's default. */
    public static final Setting<Double> KERNEL_WIDTH = Setting.positiveOrUnset("kernel-width", "auto",
            "Width of the exponential kernel (auto: 0.75·√d).");
    /** With training data: the bins each feature is cut into. */
    public static final Setting<Discretizer> DISCRETIZER = Setting.choice("discretizer", Discretizer.class,
            Discretizer.QUARTILE, "With training data: the bins each feature is cut into (quartile, decile, or"
                    + " entropy: where the training labels change).");
    /** The ridge penalty of the surrogate fit (scikit-learn's Ridge default, which lime uses). */
    public static final double DEFAULT_RIDGE = 1.0;
    /** The parameter (and provenance key) holding each feature's bin cuts when LIME discretises. */
    public static final String BIN_CUTS = "bin_cuts";
    /** The parameter (and provenance key) listing the features LIME treats as categories. */
    public static final String CATEGORICAL = "categorical";

    private final TrainingStatistics training; // null: standardised features
    private final boolean discretize;
    private final int samples;
    private final int features;
    private final Selection selection;
    private final double kernelWidth; // NaN: 0.75·√d
    private final int maxRowsPerCall;

    private Lime(TrainingStatistics training, boolean discretize, int samples, int features, Selection selection,
                 double kernelWidth, int maxRowsPerCall) {
        if (discretize && training == null) {
            throw new IllegalArgumentException("quartile discretisation needs training data; call training(rows) or discretize(false)");
        }
        SAMPLES.check(samples);
        FEATURES.check(features);
        this.training = training;
        this.discretize = discretize;
        this.samples = samples;
        this.features = features;
        this.selection = selection;
        this.kernelWidth = kernelWidth;
        this.maxRowsPerCall = maxRowsPerCall;
    }

    /**
     * A builder with the lime package's defaults; without training data, no discretisation and standardised
     * statistics (mean 0, sd 1).
     */
    public static Builder builder() {
        return new Builder();
    }

    /** "name = value": how an explanation names a categorical feature's category (the code as written). */
    public static String categoryCondition(double value, String name) {
        return name + " = " + (value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : Double.toString(value));
    }

    /** Builds a {@link Lime}. */
    public static final class Builder {
        private DMatrixRMaj trainingRows;
        private int[] labels;
        private Discretizer discretizer = DISCRETIZER.defaultValue();
        private int[] categorical = new int[0];
        private Boolean discretize; // null: on with training data, off without
        private int samples = SAMPLES.defaultValue();
        private int features = FEATURES.defaultValue();
        private Selection selection = SELECTION.defaultValue();
        private double kernelWidth = Double.NaN;
        private int maxRowsPerCall = BatchedEvaluation.MAX_ROWS_PER_CALL.defaultValue();

        private Builder() {
        }

        /** Training rows for the sampling statistics and the bins; turns discretisation on (the default). */
        public Builder training(DMatrixRMaj rows) {
            Checks.requireRows("training data", rows, rows.numCols);
            this.trainingRows = rows;
            this.labels = null;
            return this;
        }

        /** Training rows with their class labels (what the entropy discretizer cuts by), as lime's training_labels. */
        public Builder training(DMatrixRMaj rows, int[] labels) {
            training(rows);
            this.labels = labels;
            return this;
        }

        /** Cuts each feature into its training quartiles (the default), deciles or entropy bins (which need labels). */
        public Builder discretizer(Discretizer d) {
            this.discretizer = d;
            return this;
        }

        /**
         * Features that hold category codes (needs training data): each is drawn by its categories' training
         * frequencies, kept exactly, and seen by the surrogate as 1 where it is x's category, as the lime package's
         * categorical features; its attribution is that of "x's category".
         */
        public Builder categorical(int... categoricalFeatures) {
            this.categorical = categoricalFeatures.clone();
            return this;
        }

        /** With or without discretising (lime's {@code discretize_continuous}); on by default with training data. */
        public Builder discretize(boolean on) {
            this.discretize = on;
            return this;
        }

        /** Samples drawn per explanation. */
        public Builder samples(int n) {
            this.samples = n;
            return this;
        }

        /** K, the features the surrogate keeps. */
        public Builder features(int k) {
            this.features = k;
            return this;
        }

        /** How the K features are chosen. */
        public Builder selection(Selection s) {
            this.selection = s;
            return this;
        }

        /** The kernel width (positive; default 0.75·√d). */
        public Builder kernelWidth(double w) {
            Checks.requirePositive("kernel width", w);
            this.kernelWidth = w;
            return this;
        }

        /** At most this many rows per model call. */
        public Builder maxRowsPerCall(int rows) {
            BatchedEvaluation.MAX_ROWS_PER_CALL.check(rows);
            this.maxRowsPerCall = rows;
            return this;
        }

        /** The explainer; refuses a discretizer or categorical features without training data. */
        public Lime build() {
            if (trainingRows == null) {
                if (categorical.length > 0) {
                    throw new IllegalArgumentException("categorical features are drawn from the training data; call"
                            + " training(rows) first");
                }
                if (discretizer != DISCRETIZER.defaultValue()) {
                    throw new IllegalArgumentException("a discretizer needs training data; call training(rows) first");
                }
                return new Lime(null, Boolean.TRUE.equals(discretize), samples, features, selection, kernelWidth,
                        maxRowsPerCall);
            }
            boolean[] mask = new boolean[trainingRows.numCols];
            for (int j : categorical) {
                if (j < 0 || j >= mask.length) {
                    throw new IllegalArgumentException("categorical feature " + j + " is not among the " + mask.length
                            + " features");
                }
                mask[j] = true;
            }
            return new Lime(new TrainingStatistics(trainingRows, discretizer, labels, mask),
                    discretize == null || discretize, samples, features, selection, kernelWidth, maxRowsPerCall);
        }
    }

    @Override
    public String name() {
        return "lime";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(SAMPLES.name(), samples);
        p.put(FEATURES.name(), features);
        p.put(SELECTION.name(), SELECTION.text(selection));
        p.put("discretize", !discretize ? "none" : DISCRETIZER.text(training.discretizer));
        if (training != null && java.util.stream.IntStream.range(0, training.features).anyMatch(j -> training.categorical[j])) {
            p.put(CATEGORICAL, java.util.stream.IntStream.range(0, training.features)
                    .filter(j -> training.categorical[j]).toArray());
        }
        p.put(KERNEL_WIDTH.name(), Double.isNaN(kernelWidth) ? "0.75*sqrt(d)" : kernelWidth);
        p.put("ridge", DEFAULT_RIDGE);
        p.put("training", training == null ? "standardised (mean 0, sd 1)" : training.rows + " rows");
        if (discretize) {
            // what names each feature's bin (binCondition); copies, so the provenance cannot change the explainer
            p.put(BIN_CUTS, Arrays.stream(training.cuts).map(double[]::clone).toArray(double[][]::new));
        }
        return p;
    }

    /**
     * The bin of value v among ascending cuts c₁ … c_k (quartiles, deciles), as the lime package names it in an
     * explanation: "name ≤ c₁", "c₁ &lt; name ≤ c₂", …, "name > c_k" (two decimals, as lime prints them).
     */
    public static String binCondition(double[] cuts, double v, String name) {
        if (v <= cuts[0]) {
            return String.format(java.util.Locale.ROOT, "%s ≤ %.2f", name, cuts[0]);
        }
        for (int b = 1; b < cuts.length; b++) {
            if (v <= cuts[b]) {
                return String.format(java.util.Locale.ROOT, "%.2f < %s ≤ %.2f", cuts[b - 1], name, cuts[b]);
            }
        }
        return String.format(java.util.Locale.ROOT, "%s > %.2f", name, cuts[cuts.length - 1]);
    }

    @Override
    public boolean isStochastic() {
        return true;
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        int d = x.length;
        if (training != null && training.features != d) {
            throw new IllegalArgumentException("training data has " + training.features + " features, x has " + d);
        }
        DMatrixRMaj inputs = new DMatrixRMaj(samples, d);   // what the model sees
        DMatrixRMaj representation = new DMatrixRMaj(samples, d); // what the surrogate sees
        if (discretize) {
            sampleDiscretized(x, rng, inputs, representation);
        } else {
            sampleContinuous(x, rng, inputs, representation);
        }
        double[] f = BatchedEvaluation.values(model, target, inputs, maxRowsPerCall);
        double width = Double.isNaN(kernelWidth) ? 0.75 * Math.sqrt(d) : kernelWidth;
        double[] weights = new double[samples];
        for (int i = 0; i < samples; i++) {
            double sq = 0;
            for (int j = 0; j < d; j++) {
                double t = representation.data[i * d + j] - representation.data[j]; // row 0 is x itself
                sq += t * t;
            }
            weights[i] = Math.sqrt(Math.exp(-sq / (width * width)));
        }
        int[] chosen = select(representation, f, weights, Math.min(features, d));
        DMatrixRMaj sub = LeastSquares.columns(representation, chosen);
        // features not selected are 0 by construction, not estimated (NaN standard errors)
        Surrogate fit = Surrogate.fit(LeastSquares.of(sub, f).weights(weights).ridge(DEFAULT_RIDGE), chosen, d,
                Surrogate.Singular.REFUSE);
        // discretised, x's representation is all ones: intercept + Σφ is the surrogate's value at x (lime's
        // "local prediction"), so the intercept is where a waterfall starts; continuous coefficients are slopes
        Map<String, Double> diagnostics = discretize ? Map.of(Attribution.BASE_VALUE, fit.intercept()) : Map.of();
        return new Attribution(fit.coefficients(), fit.standardErrors(), fit.intercept(), samples, samples, diagnostics);
    }

    /**
     * Row 0 is x; others N(mean, sd²) per feature, the surrogate seeing (value − mean)/sd; a categorical feature is
     * drawn by its training frequencies and seen as 1 where it is x's category ({@link #sampleBins}), as lime does.
     */
    private void sampleContinuous(double[] x, RandomGenerator rng, DMatrixRMaj inputs, DMatrixRMaj representation) {
        int d = x.length;
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < d; j++) {
                if (training != null && training.categorical[j]) {
                    continue; // drawn below, column by column
                }
                double mean = training == null ? 0.0 : training.mean[j];
                double sd = training == null ? 1.0 : training.sd[j];
                double v = i == 0 ? x[j] : mean + sd * rng.nextGaussian();
                inputs.data[i * d + j] = v;
                representation.data[i * d + j] = (v - mean) / sd;
            }
        }
        for (int j = 0; training != null && j < d; j++) {
            if (training.categorical[j]) {
                sampleBins(j, x, rng, inputs, representation);
            }
        }
    }

    /** Every feature by bins ({@link #sampleBins}): the lime package's discretised sampling. */
    private void sampleDiscretized(double[] x, RandomGenerator rng, DMatrixRMaj inputs, DMatrixRMaj representation) {
        int d = x.length;
        for (int j = 0; j < d; j++) {
            sampleBins(j, x, rng, inputs, representation);
        }
    }

    /**
     * Feature j of every sample by bins: row 0 is x; the others draw a bin with the training frequencies, then a value
     * inside it (a normal with the bin's training mean and sd, truncated to the bin by rejection, then clamping; a
     * category's own code); the surrogate sees 1 where the bin is x's.
     */
    private void sampleBins(int j, double[] x, RandomGenerator rng, DMatrixRMaj inputs, DMatrixRMaj representation) {
        int d = x.length;
        int xBin = training.bin(j, x[j]);
        for (int i = 0; i < samples; i++) {
            double v;
            int b;
            if (i == 0) {
                v = x[j];
                b = xBin;
            } else {
                b = training.drawBin(j, rng);
                v = truncatedNormal(training.binMean[j][b], training.binSd[j][b], training.lo[j][b],
                        training.hi[j][b], rng);
            }
            inputs.data[i * d + j] = v;
            representation.data[i * d + j] = b == xBin ? 1.0 : 0.0;
        }
    }

    private static double truncatedNormal(double mean, double sd, double lo, double hi, RandomGenerator rng) {
        if (!(sd > 0)) {
            return Math.min(Math.max(mean, lo), hi);
        }
        for (int attempt = 0; attempt < 32; attempt++) {
            double v = mean + sd * rng.nextGaussian();
            if (v > lo && v <= hi) {
                return v;
            }
        }
        return Math.min(Math.max(mean, lo), hi);
    }

    private int[] select(DMatrixRMaj z, double[] f, double[] w, int k) {
        int d = z.numCols;
        Selection s = selection == Selection.AUTO ? (k <= 6 ? Selection.FORWARD : Selection.HIGHEST_WEIGHTS) : selection;
        if (s == Selection.NONE || k >= d) {
            int[] all = new int[d];
            for (int j = 0; j < d; j++) {
                all[j] = j;
            }
            return all;
        }
        if (s == Selection.LASSO_PATH) {
            return LassoPath.select(z, f, w, k);
        }
        if (s == Selection.HIGHEST_WEIGHTS) {
            // lime: ridge (α = 0.01) on every feature, then the largest |coefficient × x's representation|
            LeastSquares.Fit fit = LeastSquares.of(z, f).weights(w).ridge(0.01).coefficientsOnly().fit();
            Integer[] order = new Integer[d];
            for (int j = 0; j < d; j++) {
                order[j] = j;
            }
            double[] score = new double[d];
            for (int j = 0; j < d; j++) {
                score[j] = Math.abs(fit.coefficients()[j] * z.data[j]);
            }
            Arrays.sort(order, (p, q) -> Double.compare(score[q], score[p]));
            int[] top = new int[k];
            for (int t = 0; t < k; t++) {
                top[t] = order[t];
            }
            Arrays.sort(top);
            return top;
        }
        // forward selection: add, one at a time, the feature that most raises the weighted R² of a ridge fit
        List<Integer> chosen = new ArrayList<>();
        for (int step = 0; step < k; step++) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < d; j++) {
                if (chosen.contains(j)) {
                    continue;
                }
                List<Integer> trial = new ArrayList<>(chosen);
                trial.add(j);
                int[] cols = trial.stream().mapToInt(Integer::intValue).toArray();
                double score = weightedR2(LeastSquares.columns(z, cols), f, w);
                if (score > bestScore) {
                    bestScore = score;
                    best = j;
                }
            }
            chosen.add(best);
        }
        return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static double weightedR2(DMatrixRMaj z, double[] f, double[] w) {
        LeastSquares.Fit fit = LeastSquares.of(z, f).weights(w).ridge(1e-12).coefficientsOnly().fit();
        int n = f.length;
        int k = z.numCols;
        double wsum = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            wsum += w[i];
            mean += w[i] * f[i];
        }
        mean /= wsum;
        double ssr = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            double pred = fit.intercept();
            for (int j = 0; j < k; j++) {
                pred += fit.coefficients()[j] * z.data[i * k + j];
            }
            ssr += w[i] * (f[i] - pred) * (f[i] - pred);
            sst += w[i] * (f[i] - mean) * (f[i] - mean);
        }
        return sst == 0 ? 0 : 1 - ssr / sst;
    }

    @Override
    long rowsHeldPerInstance(int d) {
        return Math.max(modelRowsPerInstance(d), samples);
    }
}
