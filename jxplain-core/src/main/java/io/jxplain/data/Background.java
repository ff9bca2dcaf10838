package io.jxplain.data;

import io.jxplain.internal.Checks;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.clustering.CentroidCluster;
import org.hipparchus.clustering.DoublePoint;
import org.hipparchus.clustering.KMeansPlusPlusClusterer;
import org.hipparchus.random.Well19937c;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The rows a feature is replaced with when it is "absent" (KernelSHAP, exact Shapley values, occlusion), with a
 * weight each: the data set shap's KernelExplainer integrates over. Its own rows, or a summary of many: a seeded
 * sample of K rows (shap.sample) or K k-means centroids weighted by their clusters' sizes (shap.kmeans), so that a
 * large background costs K model rows per coalition, not n. Immutable.
 */
public final class Background {
    private final DMatrixRMaj rows;
    private final double[] weights; // null: every row weighs 1/n
    private final String description;

    private Background(DMatrixRMaj rows, double[] weights, String description) {
        this.rows = rows;
        this.weights = weights;
        this.description = description;
    }

    /** Every row, with equal weight. */
    public static Background of(DMatrixRMaj rows) {
        Checks.requireRows("background", rows, rows.numCols);
        return new Background(rows.copy(), null, rows.numRows + " rows");
    }

    /** One row, the baseline x₀ (checked finite): what "absent" means when a method is given a single baseline. */
    public static Background baseline(double[] x0) {
        Checks.requireFinite("baseline", x0);
        return of(DMatrixRMaj.wrap(1, x0.length, x0.clone()));
    }

    /** Rows with weights (positive, any scale: normalised to sum 1). */
    public static Background weighted(DMatrixRMaj rows, double[] weights) {
        Checks.requireRows("background", rows, rows.numCols);
        if (weights.length != rows.numRows) {
            throw new IllegalArgumentException(weights.length + " weights for " + rows.numRows + " background rows");
        }
        double total = 0;
        for (double w : weights) {
            if (!(w > 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("background weights must be positive and finite, got " + w);
            }
            total += w;
        }
        double[] normalised = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            normalised[k] = weights[k] / total;
        }
        return new Background(rows.copy(), normalised, rows.numRows + " weighted rows");
    }

    /** K rows drawn without replacement from {@code rows} with {@code seed}'s stream (all of them when K ≥ n). */
    public static Background sample(DMatrixRMaj rows, int k, long seed) {
        requireSummary(rows, k);
        int n = rows.numRows;
        if (k >= n) {
            return of(rows);
        }
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        RandomGenerator rng = RandomStreams.stream(seed);
        for (int i = 0; i < k; i++) { // a partial Fisher–Yates shuffle: the first k are a uniform sample
            int j = i + rng.nextInt(n - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        int d = rows.numCols;
        DMatrixRMaj out = new DMatrixRMaj(k, d);
        for (int i = 0; i < k; i++) {
            System.arraycopy(rows.data, index[i] * d, out.data, i * d, d);
        }
        return new Background(out, null, String.format(Locale.ROOT, "sample of %d of %d rows (seed %d)", k, n, seed));
    }

    /**
     * K centroids of k-means++ on {@code rows} (Hipparchus' {@link KMeansPlusPlusClusterer}, seeded; Euclidean, at
     * most 300 iterations, scikit-learn's default), each weighted by its cluster's size, as shap.kmeans summarises a
     * background (shap also moves each centroid to the nearest data value per feature; jxplain keeps the centroids,
     * which a model can always evaluate when its inputs are continuous).
     */
    public static Background kmeans(DMatrixRMaj rows, int k, long seed) {
        requireSummary(rows, k);
        int n = rows.numRows;
        if (k >= n) {
            return of(rows);
        }
        int d = rows.numCols;
        List<DoublePoint> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] p = new double[d];
            System.arraycopy(rows.data, i * d, p, 0, d);
            points.add(new DoublePoint(p));
        }
        KMeansPlusPlusClusterer<DoublePoint> clusterer = new KMeansPlusPlusClusterer<>(k, 300,
                new org.hipparchus.clustering.distance.EuclideanDistance(), new Well19937c(seed));
        List<CentroidCluster<DoublePoint>> clusters = clusterer.cluster(points);
        DMatrixRMaj centroids = new DMatrixRMaj(clusters.size(), d);
        double[] sizes = new double[clusters.size()];
        for (int c = 0; c < clusters.size(); c++) {
            System.arraycopy(clusters.get(c).getCenter().getPoint(), 0, centroids.data, c * d, d);
            sizes[c] = clusters.get(c).getPoints().size();
        }
        Background b = weighted(centroids, sizes);
        return new Background(b.rows, b.weights, String.format(Locale.ROOT, "k-means: %d centroids of %d rows (seed %d)",
                clusters.size(), n, seed));
    }

    /**
     * The background a command line asks for: {@code all} (every row), {@code sample:K} or {@code kmeans:K}, the
     * summaries seeded by {@code seed}.
     */
    public static Background summarise(DMatrixRMaj rows, String how, long seed) {
        String h = how.trim().toLowerCase(Locale.ROOT);
        if (h.equals("all")) {
            return of(rows);
        }
        String[] parts = h.split(":");
        if (parts.length == 2 && (parts[0].equals("sample") || parts[0].equals("kmeans"))) {
            int k;
            try {
                k = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("background summary " + how + ": K must be an integer");
            }
            return parts[0].equals("sample") ? sample(rows, k, seed) : kmeans(rows, k, seed);
        }
        throw new IllegalArgumentException("background summary must be all, sample:K or kmeans:K, got '" + how + "'");
    }

    private static void requireSummary(DMatrixRMaj rows, int k) {
        Checks.requireRows("background", rows, rows.numCols);
        if (k < 1) {
            throw new IllegalArgumentException("a background summary needs K ≥ 1 rows, got " + k);
        }
    }

    /** The rows (not a copy: callers only read them). */
    public DMatrixRMaj rows() {
        return rows;
    }

    /** The number of background rows. */
    public int size() {
        return rows.numRows;
    }

    /** The number of features of each row. */
    public int dimension() {
        return rows.numCols;
    }

    /** Row b's weight (they sum to 1). */
    public double weight(int b) {
        return weights == null ? 1.0 / rows.numRows : weights[b];
    }

    /**
     * The weighted mean of {@code values[offset + b·stride]} over the rows b: E over the background of a value
     * computed per row. Equal weights divide each term by n, as an unweighted mean always has.
     */
    public double mean(double[] values, int offset, int stride) {
        double sum = 0;
        int n = rows.numRows;
        for (int b = 0; b < n; b++) {
            double v = values[offset + b * stride];
            sum += weights == null ? v / n : weights[b] * v;
        }
        return sum;
    }

    /** What the provenance says of it: "25 rows", "k-means: 10 centroids of 455 rows (seed 42)". */
    public String describe() {
        return description;
    }
}
