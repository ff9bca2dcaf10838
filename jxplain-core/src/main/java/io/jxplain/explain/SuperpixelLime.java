package io.jxplain.explain;

import io.jxplain.internal.Checks;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.ImageShape;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * LIME on images as Ribeiro et al. run it (the lime package's LimeImageExplainer with its defaults): the
 * interpretable components are superpixels of x ({@link Quickshift}); each sample switches a uniformly random subset
 * of them off, an off superpixel's pixels taking the superpixel's mean (lime's {@code hide_color=None}), the first
 * sample keeping all on; samples are weighted by √exp(−d²/0.25²) with d the cosine distance between the sample's
 * on/off vector and all-on; a weighted ridge regression (α = 1, with intercept) on the on/off vectors gives one
 * coefficient per superpixel. The attribution of a pixel is its superpixel's coefficient, so the map depends on
 * how x is segmented, as lime's does.
 */
public final class SuperpixelLime extends BaseExplainer {
    /** lime_image's num_samples. */
    public static final int DEFAULT_SAMPLES = 1000;
    /** lime_image's kernel width on the cosine distance. */
    public static final double KERNEL_WIDTH = 0.25;
    /** The diagnostic holding the number of superpixels of x. */
    public static final String SUPERPIXELS = "superpixels";
    /** On/off samples per explanation (lime_image's num_samples). */
    public static final io.jxplain.Setting<Integer> SAMPLES = Sampling.SAMPLES.withDefault(DEFAULT_SAMPLES);
    /** Quickshift's kernel size: lime_image's 4; its MNIST tutorial uses 1. */
    public static final io.jxplain.Setting<Double> QUICKSHIFT_KERNEL = io.jxplain.Setting.positive("quickshift-kernel",
            Quickshift.LIME_DEFAULTS.kernelSize(), "Quickshift's kernel size (larger: fewer, bigger superpixels).")
            .from("Ribeiro et al. 2016; lime_image's SegmentationAlgorithm('quickshift')");

    private final ImageShape shape; // null: the explained model's
    private final Quickshift segmentation;
    private final int samples;

    private SuperpixelLime(ImageShape shape, Quickshift segmentation, int samples) {
        this.shape = shape;
        this.segmentation = segmentation;
        this.samples = samples;
    }

    /** A builder with lime_image's defaults (quickshift(4, 200, 0.2), 1000 samples) on the model's images. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SuperpixelLime}. */
    public static final class Builder {
        private ImageShape shape;
        private Quickshift segmentation = Quickshift.LIME_DEFAULTS;
        private int samples = SAMPLES.defaultValue();

        private Builder() {
        }

        /** Images of this shape (default: the explained model's; refused on a model without one). */
        public Builder imageShape(ImageShape s) {
            this.shape = s;
            return this;
        }

        /** On/off samples per explanation. */
        public Builder samples(int n) {
            SAMPLES.check(n);
            this.samples = n;
            return this;
        }

        /** How images are cut into superpixels. */
        public Builder segmentation(Quickshift s) {
            this.segmentation = s;
            return this;
        }

        /** The explainer. */
        public SuperpixelLime build() {
            return new SuperpixelLime(shape, segmentation, samples);
        }
    }

    @Override
    public String name() {
        return "lime-superpixels";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("samples", samples);
        p.put("image", shape == null ? "the model's" : shape.toString());
        p.put("quickshift", Map.of("kernel_size", segmentation.kernelSize(), "max_dist", segmentation.maxDistance(),
                "ratio", segmentation.ratio()));
        p.put("hide", "superpixel mean");
        p.put("kernel_width", KERNEL_WIDTH);
        p.put("ridge", Lime.DEFAULT_RIDGE);
        return p;
    }

    @Override
    public boolean isStochastic() {
        return true;
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        ImageShape shape = this.shape != null ? this.shape : model.imageShape().orElseThrow(() ->
                new IllegalArgumentException("lime-superpixels explains images; " + model.describe()
                        + " takes a flat vector (use lime)"));
        Checks.requireVector("x (an image of " + shape + ")", x, shape.size());
        int pixels = shape.height() * shape.width();
        int[] superpixel = segmentation.segment(x, shape, rng);
        int k = 0;
        for (int s : superpixel) {
            k = Math.max(k, s + 1);
        }
        double[] hidden = superpixelMeans(x, shape, superpixel, k);
        DMatrixRMaj on = new DMatrixRMaj(samples, k);
        DMatrixRMaj images = new DMatrixRMaj(samples, x.length);
        double[] weights = new double[samples];
        for (int i = 0; i < samples; i++) {
            int count = 0;
            for (int s = 0; s < k; s++) {
                boolean kept = i == 0 || rng.nextBoolean();
                on.set(i, s, kept ? 1 : 0);
                count += kept ? 1 : 0;
            }
            for (int j = 0; j < x.length; j++) {
                int s = superpixel[j % pixels];
                images.data[i * x.length + j] = on.get(i, s) == 1 ? x[j] : hidden[j];
            }
            // cosine distance to all-on: 1 − Σz / (√Σz·√K); a sample with none on is at distance 1
            double distance = count == 0 ? 1 : 1 - Math.sqrt((double) count / k);
            weights[i] = Math.sqrt(Math.exp(-distance * distance / (KERNEL_WIDTH * KERNEL_WIDTH)));
        }
        double[] f = BatchedEvaluation.values(model, target, images, BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL);
        Surrogate fit = Surrogate.fit(LeastSquares.of(on, f).weights(weights).ridge(Lime.DEFAULT_RIDGE), null, k,
                Surrogate.Singular.REFUSE);
        double[] phi = new double[x.length];
        double[] se = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            phi[j] = fit.coefficients()[superpixel[j % pixels]];
            se[j] = fit.standardErrors()[superpixel[j % pixels]];
        }
        return new Attribution(phi, se, fit.intercept(), samples, samples, Map.of(SUPERPIXELS, (double) k));
    }

    /** Each pixel's value replaced by its superpixel's mean, channel by channel. */
    private static double[] superpixelMeans(double[] x, ImageShape shape, int[] superpixel, int k) {
        int pixels = shape.height() * shape.width();
        double[] out = new double[x.length];
        for (int c = 0; c < shape.channels(); c++) {
            double[] sum = new double[k];
            int[] count = new int[k];
            for (int p = 0; p < pixels; p++) {
                sum[superpixel[p]] += x[c * pixels + p];
                count[superpixel[p]]++;
            }
            for (int p = 0; p < pixels; p++) {
                out[c * pixels + p] = sum[superpixel[p]] / count[superpixel[p]];
            }
        }
        return out;
    }
}
