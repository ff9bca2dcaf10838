package io.jxplain.explain;

import io.jxplain.Setting;
import io.jxplain.internal.Checks;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.ImageShape;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.data.Background;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Occlusion (Zeiler &amp; Fergus 2014). Feature-wise (Captum's FeatureAblation): φⱼ = f(x) − f(x with xⱼ := x₀ⱼ).
 * Sliding windows on an image model (Captum's Occlusion): every window × window patch at the given stride, across all
 * channels, is set to x₀; each pixel gets the mean of f(x) − f(occluded) over the patches that cover it (0 if none do).
 * Baseline x₀ = 0 by default; one batch; needs only function values. Each explanation reports f(x₀) as its
 * {@link Explanation#BASE_VALUE}: where a waterfall of its attributions starts (Σφ = f(x) − f(x₀) only for a model
 * additive in the occluded parts, so the difference is the features' interaction).
 */
public final class Occlusion extends BaseExplainer {
    /** Unset: one feature at a time (Captum's FeatureAblation). */
    public static final Setting<Integer> WINDOW = Setting.atLeastOrUnset("window", "feature", 1,
            "feature (one feature at a time) or the side of square image patches.").from("Zeiler & Fergus 2014");
    /** Step between the corners of image patches. */
    public static final Setting<Integer> STRIDE = Setting.atLeast("stride", 1, 1, "Step between image patches.");

    private final double[] baseline;
    private final Background background; // several baselines, averaged over (feature-wise only); null: one baseline
    private final int window; // 0: feature-wise
    private final int stride;

    private Occlusion(double[] baseline, Background background, int window, int stride) {
        this.baseline = baseline;
        this.background = background;
        this.window = window;
        this.stride = stride;
    }

    /** A builder of feature-wise occlusion with baseline zeros (Captum's FeatureAblation). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Occlusion}. */
    public static final class Builder {
        private double[] baseline;
        private Background background;
        private Integer window = WINDOW.defaultValue(); // null: feature-wise
        private int stride = STRIDE.defaultValue();

        private Builder() {
        }

        /** An occluded feature or patch takes {@code x0}'s value. */
        public Builder baseline(double[] x0) {
            Checks.requireFinite("baseline", x0);
            this.baseline = x0.clone();
            this.background = null;
            return this;
        }

        /**
         * Feature-wise occlusion averaged over a background: φⱼ = f(x) − mean over rows b of f(x with xⱼ = bⱼ), and
         * the base value E f(background), as shap's KernelExplainer takes a background.
         */
        public Builder background(DMatrixRMaj rows) {
            return background(Background.of(rows));
        }

        /** As {@link #background(DMatrixRMaj)}, over a weighted or summarised background. */
        public Builder background(Background b) {
            if (b.size() == 1) {
                return baseline(b.rows().data);
            }
            this.background = b;
            this.baseline = null;
            return this;
        }

        /** Square windows of side {@code window} moved by {@code stride} pixels; needs a model with an image shape. */
        public Builder sliding(int window, int stride) {
            WINDOW.check(window);
            STRIDE.check(stride);
            this.window = window;
            this.stride = stride;
            return this;
        }

        /** The explainer; refuses sliding windows over a background of several rows. */
        public Occlusion build() {
            if (window != null && background != null) {
                throw new IllegalArgumentException("sliding-window occlusion replaces patches with one baseline, not a"
                        + " background of " + background.describe());
            }
            return new Occlusion(baseline, background, window == null ? 0 : window, stride);
        }
    }

    @Override
    public String name() {
        return "occlusion";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (background != null) {
            p.put("background", background.describe());
        } else {
            p.put("baseline", baseline == null ? "zeros" : baseline.clone());
        }
        p.put(WINDOW.name(), window == 0 ? "feature" : window + "x" + window);
        if (window > 0) {
            p.put(STRIDE.name(), stride);
        }
        return p;
    }

    @Override
    public boolean isStochastic() {
        return false;
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        if (window > 0) {
            return slidingWindows(model, target, x, baselineFor(x.length));
        }
        return oneRow(model, target, x);
    }

    /** Feature-wise occlusion batches rows; sliding windows already make big batches of their own. */
    @Override
    int modelRowsPerInstance(int d) {
        int b = background == null ? 1 : background.size();
        return window == 0 ? b * (d + 1) + 1 : 0;
    }

    /**
     * Every row's d occluded copies and the baseline, per background row, and the row itself in one batched call:
     * φⱼ = f(x) − mean over b of f(x with xⱼ = bⱼ), and the mean f(b) as the base value (one baseline: b = x₀).
     */
    @Override
    Attribution[] attributeRows(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                java.util.function.IntToLongFunction seedOf) {
        int d = rows.numCols;
        Background weighted = background != null ? background : Background.of(DMatrixRMaj.wrap(1, d, baselineFor(d)));
        DMatrixRMaj bg = weighted.rows();
        if (bg.numCols != d) {
            throw new IllegalArgumentException("the background has " + bg.numCols + " features but x has " + d);
        }
        int b = bg.numRows;
        int perRow = b * (d + 1) + 1; // per background row: d occluded copies and the row itself; then x
        DMatrixRMaj occluded = new DMatrixRMaj((to - from) * perRow, d);
        for (int r = from; r < to; r++) {
            int p = (r - from) * perRow;
            for (int k = 0; k < b; k++) {
                for (int j = 0; j < d; j++) {
                    int row = p + k * (d + 1) + j;
                    System.arraycopy(rows.data, r * d, occluded.data, row * d, d);
                    occluded.data[row * d + j] = bg.data[k * d + j];
                }
                System.arraycopy(bg.data, k * d, occluded.data, (p + k * (d + 1) + d) * d, d);
            }
            System.arraycopy(rows.data, r * d, occluded.data, (p + perRow - 1) * d, d);
        }
        double[] f = BatchedEvaluation.values(model, target, occluded, BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL);
        Attribution[] out = new Attribution[to - from];
        for (int r = 0; r < out.length; r++) {
            int p = r * perRow;
            double fx = f[p + perRow - 1];
            double[] phi = new double[d];
            for (int j = 0; j < d; j++) {
                phi[j] = fx - weighted.mean(f, p + j, d + 1); // f(x) − E_b f(x with xⱼ = bⱼ)
            }
            out[r] = withBase(phi, perRow, weighted.mean(f, p + d, d + 1));
        }
        return out;
    }

    private static Attribution withBase(double[] phi, long modelCalls, double baseValue) {
        return new Attribution(phi, null, Double.NaN, modelCalls, 0, Map.of(Attribution.BASE_VALUE, baseValue));
    }

    private double[] baselineFor(int d) {
        double[] x0 = baseline == null ? new double[d] : baseline;
        Checks.requireVector("baseline", x0, d);
        return x0;
    }

    private Attribution slidingWindows(Model model, Target target, double[] x, double[] x0) {
        ImageShape shape = model.imageShape().orElseThrow(() -> new IllegalArgumentException(
                "sliding-window occlusion needs an image model; " + model.describe() + " takes a flat vector"));
        if (window > Math.min(shape.height(), shape.width())) {
            throw new IllegalArgumentException("occlusion window " + window + " exceeds the image " + shape);
        }
        int d = x.length;
        int rowsOfWindows = (shape.height() - window) / stride + 1;
        int colsOfWindows = (shape.width() - window) / stride + 1;
        int count = rowsOfWindows * colsOfWindows;
        DMatrixRMaj rows = new DMatrixRMaj(count + 2, d); // the windows, x, x₀
        for (int r = 0; r <= count; r++) {
            System.arraycopy(x, 0, rows.data, r * d, d);
        }
        System.arraycopy(x0, 0, rows.data, (count + 1) * d, d);
        for (int w = 0; w < count; w++) {
            int top = (w / colsOfWindows) * stride;
            int left = (w % colsOfWindows) * stride;
            for (int c = 0; c < shape.channels(); c++) {
                for (int y = top; y < top + window; y++) {
                    int start = shape.index(c, y, left);
                    System.arraycopy(x0, start, rows.data, w * d + start, window);
                }
            }
        }
        double[] f = BatchedEvaluation.values(model, target, rows, BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL);
        double[] sum = new double[d];
        int[] covered = new int[d];
        for (int w = 0; w < count; w++) {
            int top = (w / colsOfWindows) * stride;
            int left = (w % colsOfWindows) * stride;
            double drop = f[count] - f[w];
            for (int c = 0; c < shape.channels(); c++) {
                for (int y = top; y < top + window; y++) {
                    for (int xx = left; xx < left + window; xx++) {
                        int j = shape.index(c, y, xx);
                        sum[j] += drop;
                        covered[j]++;
                    }
                }
            }
        }
        for (int j = 0; j < d; j++) {
            sum[j] = covered[j] == 0 ? 0.0 : sum[j] / covered[j];
        }
        return withBase(sum, count + 2L, f[count + 1]);
    }
}
