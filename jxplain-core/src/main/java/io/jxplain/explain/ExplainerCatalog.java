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

    public static Explainer create(String name, Settings settings) {
        Entry e = ENTRIES.get(name.trim().toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("unknown method '" + name + "'; known methods: " + String.join(", ", names()));
        }
        return e.factory().apply(settings);
    }
}
