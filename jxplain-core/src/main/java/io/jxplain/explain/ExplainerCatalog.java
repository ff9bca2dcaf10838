package io.jxplain.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every explainer by its CLI name, with the paper it comes from: the one place that maps names to methods, so the
 * CLI, reports and provenance share one vocabulary.
 */
public final class ExplainerCatalog {
    /** The settings a method may read; each ignores those it does not use. */
    public record Settings(int samples, double sigma2, int maxRowsPerCall) {
        public static Settings defaults() {
            return new Settings(GaussianSampling.DEFAULT_SAMPLES, GaussianSampling.DEFAULT_SIGMA2,
                    io.jxplain.model.BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL);
        }
    }

    /** A method's name, source and factory. */
    public record Entry(String name, String source, boolean needsGradients, Function<Settings, Explainer> factory) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();
    private static final String SMOOTHED_SUFFIX = "-sg";

    static {
        add(new Entry("gradient", "Simonyan et al. 2014 (saliency)", true, s -> Gradient.create()));
        add(new Entry("gradient-abs", "Simonyan et al. 2014 (saliency, absolute value)", true, s -> Gradient.absolute()));
        add(new Entry("gradient-x-input", "Shrikumar et al. 2016", true, s -> GradientTimesInput.create()));
        add(new Entry("smoothgrad", "Smilkov et al. 2017; Agarwal et al. 2021 §2.1", true,
                s -> SmoothGrad.builder().samples(s.samples()).sigma2(s.sigma2()).maxRowsPerCall(s.maxRowsPerCall()).build()));
        add(new Entry("clime", "Agarwal et al. 2021 §2.3 (C-LIME)", false,
                s -> ContinuousLime.builder().samples(s.samples()).sigma2(s.sigma2()).maxRowsPerCall(s.maxRowsPerCall()).build()));
        add(new Entry("closed-form", "Agarwal et al. 2021 Theorem 1 (gradient-free SmoothGrad)", false,
                s -> ClosedFormSmoothGrad.builder().samples(s.samples()).sigma2(s.sigma2())
                        .maxRowsPerCall(s.maxRowsPerCall()).build()));
        add(new Entry("integrated-gradients", "Sundararajan et al. 2017 (50-point Gauss-Legendre, baseline 0)", true,
                s -> IntegratedGradients.builder().maxRowsPerCall(s.maxRowsPerCall()).build()));
        add(new Entry("occlusion", "Zeiler & Fergus 2014 (one feature at a time, baseline 0)", false,
                s -> Occlusion.create()));
        add(new Entry("kernel-shap", "Lundberg & Lee 2017 (Shapley kernel, paired coalitions, baseline 0)", false,
                s -> KernelShap.create().samples(s.samples())));
        add(new Entry("noisy-baseline", "Yeh et al. 2019 §2.4 (infidelity-optimal, baseline 0 + N(0, sigma2))", false,
                s -> InfidelityOptimal.noisyBaseline(Math.sqrt(s.sigma2())).samples(s.samples())));
        add(new Entry("lime", "Ribeiro et al. 2016 (tabular; on the model's standardised inputs, no discretisation"
                + " from the CLI; ridge 1, kernel 0.75*sqrt(d), 10 features)", false,
                s -> Lime.create().samples(s.samples())));
        add(new Entry("guided-backprop", "Springenberg et al. 2015 (built-in networks; cuts negative signals at ReLUs)",
                true, s -> GuidedBackprop.create()));
        add(new Entry("epsilon-lrp", "Bach et al. 2015 (epsilon rule, epsilon = 1e-4; built-in networks)", true,
                s -> EpsilonLrp.create()));
        add(new Entry("shapley-exact", "Shapley 1953 (all 2^d coalitions, baseline 0; d <= 15)", false,
                s -> ExactShapley.create()));
    }

    private ExplainerCatalog() {
    }

    private static void add(Entry e) {
        ENTRIES.put(e.name(), e);
    }

    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /**
     * The named method; NAME-sg is any method smoothed over N(x, σ²I) with the settings' samples and σ²
     * (Yeh et al. 2019 §4), e.g. integrated-gradients-sg.
     */
    public static Explainer create(String name, Settings settings) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.endsWith(SMOOTHED_SUFFIX) && ENTRIES.containsKey(key.substring(0, key.length() - SMOOTHED_SUFFIX.length()))) {
            Explainer inner = create(key.substring(0, key.length() - SMOOTHED_SUFFIX.length()), settings);
            return Smoothed.of(inner, settings.samples(), settings.sigma2());
        }
        Entry e = ENTRIES.get(key);
        if (e == null) {
            throw new IllegalArgumentException("unknown method '" + name + "'; known methods: " + String.join(", ", names())
                    + " (and any of them smoothed: NAME-sg)");
        }
        return e.factory().apply(settings);
    }
}
