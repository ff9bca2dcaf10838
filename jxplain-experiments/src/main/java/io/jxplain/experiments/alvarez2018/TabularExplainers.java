package io.jxplain.experiments.alvarez2018;

import io.jxplain.data.Background;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.KernelShap;
import io.jxplain.explain.Lime;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * LIME and KernelSHAP on tabular data (Figures 2–4), each as its package runs it by default (the paper used the
 * authors' implementations) and, beside it, the variant a user may have met instead. LIME: quartile bins of the
 * training rows (lime's {@code discretize_continuous=True}) beside continuous draws from the training rows' mean and
 * spread ({@code discretize_continuous=False}). SHAP: a background of k-means centroids of the training rows
 * (shap.kmeans; shap's KernelExplainer always integrates over a background) beside absent features set to 0, which
 * on data standardised on its training part is the training mean.
 */
final class TabularExplainers {
    static final String LIME = "LIME";
    static final String SHAP = "SHAP";
    static final String LIME_CONTINUOUS = "LIME continuous";
    static final String SHAP_ZEROS = "SHAP zeros";

    /** An explainer under its label; {@code packageDefault} when it is the lime or shap package's own setting. */
    record Variant(String label, Explainer explainer, boolean packageDefault) {
    }

    private TabularExplainers() {
    }

    /** The packages' settings first (LIME, SHAP), then the variants beside them, all fitted on {@code train}. */
    static List<Variant> of(DMatrixRMaj train, int limeSamples, int shapSamples, int centroids, long seed) {
        Background background = Background.kmeans(train, centroids, RandomStreams.childSeed(seed, 3));
        return List.of(
                new Variant(LIME, Lime.builder().training(train).samples(limeSamples).build(), true),
                new Variant(SHAP, KernelShap.builder().background(background).samples(shapSamples).build(), true),
                new Variant(LIME_CONTINUOUS, Lime.builder().training(train).discretize(false).samples(limeSamples)
                        .build(), false),
                new Variant(SHAP_ZEROS, KernelShap.builder().samples(shapSamples).build(), false));
    }

    /** The variant shown beside a package default: continuous LIME beside LIME, zeros SHAP beside SHAP. */
    static String variantOf(String packageDefault) {
        return switch (packageDefault) {
            case LIME -> LIME_CONTINUOUS;
            case SHAP -> SHAP_ZEROS;
            default -> throw new IllegalArgumentException(packageDefault + " is not a package default");
        };
    }

    /** The label of {@code packageDefault} as the packages run it, or of its variant. */
    static String asRun(String packageDefault, boolean packageSetting) {
        return packageSetting ? packageDefault : variantOf(packageDefault);
    }

    /** A label as a file name: "SHAP zeros" → "SHAP-zeros". */
    static String fileName(String label) {
        return label.replace(' ', '-');
    }
}
