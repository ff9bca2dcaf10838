package io.jxplain.catalog;

import io.jxplain.Setting;
import io.jxplain.explain.ClosedFormSmoothGrad;
import io.jxplain.explain.ContinuousLime;
import io.jxplain.explain.EpsilonLrp;
import io.jxplain.explain.TreeShap;
import io.jxplain.explain.ExactShapley;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Gradient;
import io.jxplain.explain.GradientTimesInput;
import io.jxplain.explain.GuidedBackprop;
import io.jxplain.explain.InfidelityOptimal;
import io.jxplain.explain.IntegratedGradients;
import io.jxplain.explain.KernelShap;
import io.jxplain.explain.Lime;
import io.jxplain.explain.Occlusion;
import io.jxplain.explain.Sampling;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.explain.Smoothed;
import io.jxplain.explain.SuperpixelLime;
import io.jxplain.explain.Quickshift;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.sample.Perturbation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Every explainer by its CLI name, with the paper it comes from and the settings it takes: the one place that maps
 * names to methods. The settings are the library's own {@link Setting} objects (e.g. {@link Sampling#SAMPLES}), so
 * the builders, the command lines, {@code jxplain methods}, the Spark job and the provenance share one vocabulary and
 * one default each.
 */
public final class ExplainerCatalog {
    /** The method {@code explain} uses when none is named. */
    public static final String DEFAULT_METHOD = "smoothgrad";
    /** The methods {@code evaluate} compares when none are named (comma-separated, as on a command line). */
    public static final String DEFAULT_EVALUATED_METHODS = "gradient,smoothgrad";

    /** What a method needs from the model. */
    public enum Needs {
        /** Only model outputs: runs on any model, black boxes included. */
        VALUES,
        /** Input gradients: exact on differentiable models, finite differences on black boxes. */
        GRADIENTS,
        /** The layers of a built-in network (guided backprop, LRP). */
        BUILT_IN_NETWORK,
        /** The trees of a tree ensemble jxplain reads itself (TreeSHAP on an XGBoost JSON or ONNX-ML model). */
        TREE_ENSEMBLE
    }

    /** zeros, or the data's column means (which the caller hands in as {@code dataMean}). */
    public static final Setting<String> BASELINE = Setting.word("baseline", "zeros", List.of("zeros", "mean"),
            "zeros, or mean (the data's column means; the CLI computes them from --data).");

    /**
     * The settings every command line offers as its own options (--samples, --sigma2, --max-rows-per-call); the
     * others a method takes are its {@code -o} options. A method reads the one of these it uses under its own default.
     */
    public static final List<Setting<?>> SHARED = List.of(Sampling.SAMPLES, Sampling.SIGMA2,
            BatchedEvaluation.MAX_ROWS_PER_CALL);

    private static final Set<String> VALUE_KEEPING = Set.of("occlusion", "kernel-shap", "shapley-exact", "lime");

    /** A method's name, source, settings and factory (given the chosen values and what it takes from the data). */
    public record Entry(String name, String source, Needs needs, List<Setting<?>> settings,
                        BiFunction<SettingValues, MethodData, Explainer> factory) {
        /** Whether the method differentiates the model (gradients of a built-in network, or finite differences). */
        public boolean needsGradients() {
            return needs == Needs.GRADIENTS || needs == Needs.BUILT_IN_NETWORK;
        }

        /**
         * Whether every row the method evaluates has each feature at x's value or at a reference row's (a
         * background, a baseline, training rows): the methods that explain category codes
         * ({@link io.jxplain.model.Model#categoricalInputs}). Gradients, smoothing and Gaussian samples do not.
         */
        public boolean keepsFeatureValues() {
            return VALUE_KEEPING.contains(name);
        }

        /** The settings that are not {@link #SHARED}: the method's {@code -o} options. */
        public List<Setting<?>> options() {
            return settings.stream().filter(s -> !isShared(s)).toList();
        }

        /** The explainer for these values and data (training rows, background, column means). */
        public Explainer create(SettingValues values, MethodData data) {
            return factory.apply(values, data);
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();
    private static final String SMOOTHED_SUFFIX = "-sg";

    static {
        add("gradient", "Simonyan et al. 2014 (saliency)", Needs.GRADIENTS, List.of(),
                (v, m) -> Gradient.builder().build());
        add("gradient-abs", "Simonyan et al. 2014 (saliency, absolute value)", Needs.GRADIENTS, List.of(),
                (v, m) -> Gradient.builder().absolute(true).build());
        add("gradient-x-input", "Shrikumar et al. 2016", Needs.GRADIENTS, List.of(),
                (v, m) -> GradientTimesInput.builder().build());
        List<Setting<?>> sampling = List.of(Sampling.SAMPLES, Sampling.SIGMA2, BatchedEvaluation.MAX_ROWS_PER_CALL);
        add("smoothgrad", "Smilkov et al. 2017; Agarwal et al. 2021 §2.1", Needs.GRADIENTS, sampling,
                (v, m) -> SmoothGrad.builder().samples(v.get(Sampling.SAMPLES)).sigma2(v.get(Sampling.SIGMA2))
                        .maxRowsPerCall(v.get(BatchedEvaluation.MAX_ROWS_PER_CALL)).build());
        add("clime", "Agarwal et al. 2021 §2.3 (C-LIME)", Needs.VALUES, sampling,
                (v, m) -> ContinuousLime.builder().samples(v.get(Sampling.SAMPLES)).sigma2(v.get(Sampling.SIGMA2))
                        .maxRowsPerCall(v.get(BatchedEvaluation.MAX_ROWS_PER_CALL)).build());
        add("closed-form", "Agarwal et al. 2021 Theorem 1 (gradient-free SmoothGrad)", Needs.VALUES, sampling,
                (v, m) -> ClosedFormSmoothGrad.builder().samples(v.get(Sampling.SAMPLES)).sigma2(v.get(Sampling.SIGMA2))
                        .maxRowsPerCall(v.get(BatchedEvaluation.MAX_ROWS_PER_CALL)).build());
        add("integrated-gradients", "Sundararajan et al. 2017", Needs.GRADIENTS, List.of(
                        BatchedEvaluation.MAX_ROWS_PER_CALL, IntegratedGradients.STEPS, IntegratedGradients.RULE,
                        BASELINE),
                (v, m) -> {
                    IntegratedGradients.Builder b = IntegratedGradients.builder().steps(v.get(IntegratedGradients.STEPS))
                            .quadrature(v.get(IntegratedGradients.RULE))
                            .maxRowsPerCall(v.get(BatchedEvaluation.MAX_ROWS_PER_CALL));
                    double[] x0 = baseline(v, m);
                    return (x0 == null ? b : b.baseline(x0)).build();
                });
        add("occlusion", "Zeiler & Fergus 2014 (feature-wise as Captum's FeatureAblation, or sliding windows on images)",
                Needs.VALUES, List.of(Occlusion.WINDOW, Occlusion.STRIDE, BASELINE), (v, m) -> {
                    double[] x0 = baseline(v, m);
                    Occlusion.Builder b = Occlusion.builder();
                    if (m.background() != null) {
                        b.background(m.background());
                    } else if (x0 != null) {
                        b.baseline(x0);
                    }
                    Integer window = v.get(Occlusion.WINDOW);
                    return (window == null ? b : b.sliding(window, v.get(Occlusion.STRIDE))).build();
                });
        add("kernel-shap", "Lundberg & Lee 2017 (Shapley kernel, paired coalitions, --samples coalitions)", Needs.VALUES,
                List.of(KernelShap.SAMPLES, BASELINE), (v, m) -> {
                    double[] x0 = baseline(v, m);
                    KernelShap.Builder k = KernelShap.builder().samples(v.get(KernelShap.SAMPLES));
                    if (m.background() != null) {
                        k.background(m.background());
                    } else if (x0 != null) {
                        k.baseline(x0);
                    }
                    return k.build();
                });
        add("noisy-baseline", "Yeh et al. 2019 §2.4 (infidelity-optimal for baseline 0 + N(0, sigma2 I))", Needs.VALUES,
                List.of(InfidelityOptimal.SAMPLES, Sampling.SIGMA2, InfidelityOptimal.GLOBAL), (v, m) -> {
                    return InfidelityOptimal.builder().noisyBaseline(Perturbation.gaussian(v.get(Sampling.SIGMA2)))
                            .samples(v.get(InfidelityOptimal.SAMPLES)).global(v.get(InfidelityOptimal.GLOBAL)).build();
                });
        add("square-removal", "Yeh et al. 2019 §2.4 (infidelity-optimal for square patches set to 0, global; images)",
                Needs.VALUES, List.of(InfidelityOptimal.SAMPLES, InfidelityOptimal.SIDES),
                (v, m) -> InfidelityOptimal.builder().squareRemoval(v.get(InfidelityOptimal.SIDES))
                        .samples(v.get(InfidelityOptimal.SAMPLES)).build());
        add("lime-superpixels", "Ribeiro et al. 2016 (images, as lime_image: quickshift superpixels switched off to"
                        + " their mean, cosine kernel 0.25, ridge 1; a pixel gets its superpixel's coefficient)",
                Needs.VALUES, List.of(SuperpixelLime.SAMPLES, SuperpixelLime.QUICKSHIFT_KERNEL),
                (v, m) -> SuperpixelLime.builder().samples(v.get(SuperpixelLime.SAMPLES)).segmentation(
                        Quickshift.LIME_DEFAULTS.withKernelSize(v.get(SuperpixelLime.QUICKSHIFT_KERNEL))).build());
        add("lime", "Ribeiro et al. 2016 (tabular, the lime package's defaults: with training data, quartile (or"
                        + " decile, or entropy) discretisation; without, N(0, 1) per input and no discretisation; ridge 1, kernel"
                        + " 0.75*sqrt(d))", Needs.VALUES,
                List.of(Lime.SAMPLES, Lime.FEATURES, Lime.SELECTION, Lime.KERNEL_WIDTH, Lime.DISCRETIZER), (v, m) -> {
                    Lime.Builder lime = Lime.builder().samples(v.get(Lime.SAMPLES)).features(v.get(Lime.FEATURES))
                            .selection(v.get(Lime.SELECTION));
                    if (m.training() != null) {
                        lime.training(m.training(), m.trainingLabels()).discretizer(v.get(Lime.DISCRETIZER))
                                .categorical(m.categorical());
                    } else if (m.categorical().length > 0) {
                        throw new IllegalArgumentException("categorical features are drawn from the training data;"
                                + " give it (--training-data)");
                    } else if (v.get(Lime.DISCRETIZER) != Lime.DISCRETIZER.defaultValue()) {
                        throw new IllegalArgumentException("discretizer=" + Lime.DISCRETIZER.text(
                                v.get(Lime.DISCRETIZER)) + " cuts the training data; give it (--training-data)");
                    }
                    Double width = v.get(Lime.KERNEL_WIDTH);
                    return (width == null ? lime : lime.kernelWidth(width)).build();
                });
        add("guided-backprop", "Springenberg et al. 2015 (built-in networks; cuts negative signals at ReLUs)",
                Needs.BUILT_IN_NETWORK, List.of(), (v, m) -> GuidedBackprop.builder().build());
        add("epsilon-lrp", "Bach et al. 2015 (epsilon rule; built-in networks)", Needs.BUILT_IN_NETWORK,
                List.of(EpsilonLrp.EPSILON), (v, m) -> EpsilonLrp.builder().epsilon(v.get(EpsilonLrp.EPSILON)).build());
        add("tree-shap", "Lundberg et al. 2020 (path-dependent TreeSHAP, exact; tree ensembles: XGBoost JSON, ONNX-ML)",
                Needs.TREE_ENSEMBLE, List.of(), (v, m) -> TreeShap.builder().build());
        add("shapley-exact", "Shapley 1953 (all 2^d coalitions; d <= 15)", Needs.VALUES, List.of(BASELINE),
                (v, m) -> {
                    double[] x0 = baseline(v, m);
                    if (m.background() != null) {
                        return ExactShapley.builder().background(m.background()).build();
                    }
                    ExactShapley.Builder b = ExactShapley.builder();
                    return (x0 == null ? b : b.baseline(x0)).build();
                });
    }

    private ExplainerCatalog() {
    }

    private static void add(String name, String source, Needs needs, List<Setting<?>> settings,
                            BiFunction<SettingValues, MethodData, Explainer> factory) {
        ENTRIES.put(name, new Entry(name, source, needs, settings, factory));
    }

    private static boolean isShared(Setting<?> s) {
        return SHARED.stream().anyMatch(shared -> shared.name().equals(s.name()));
    }

    /** null for zeros (the methods' own default), else the data mean; a background replaces either. */
    private static double[] baseline(SettingValues v, MethodData data) {
        boolean chosen = !v.get(BASELINE).equals("zeros");
        if (chosen && data.background() != null) {
            throw new IllegalArgumentException("baseline=" + v.get(BASELINE) + " and a background are two choices of"
                    + " what replaces a feature; give one");
        }
        if (!chosen) {
            return null;
        }
        if (data.columnMeans() == null) {
            throw new IllegalArgumentException("baseline=mean needs the data's column means; none were given");
        }
        return data.columnMeans();
    }

    /** Every method, in the order of the catalogue. */
    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** Every method's name, in the order of the catalogue. */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /**
     * The named method; NAME-sg is any method smoothed over N(x, σ²I) with the samples and σ² settings (Yeh et al.
     * 2019 §4), e.g. integrated-gradients-sg, which also takes the setting sg (mean, mean-of-squares or variance).
     */
    public static Entry entry(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        Entry e = ENTRIES.get(key);
        if (e != null) {
            return e;
        }
        if (key.endsWith(SMOOTHED_SUFFIX) && ENTRIES.containsKey(key.substring(0, key.length() - SMOOTHED_SUFFIX.length()))) {
            Entry inner = ENTRIES.get(key.substring(0, key.length() - SMOOTHED_SUFFIX.length()));
            Set<Setting<?>> settings = new LinkedHashSet<>(inner.settings());
            settings.addAll(List.of(Sampling.SAMPLES, Sampling.SIGMA2, Smoothed.STATISTIC));
            return new Entry(key, inner.source() + "; smoothed, Yeh et al. 2019 §4", inner.needs(),
                    List.copyOf(settings), (v, m) -> Smoothed.builder(inner.create(v, m))
                            .samples(v.get(Sampling.SAMPLES)).sigma2(v.get(Sampling.SIGMA2))
                            .statistic(v.get(Smoothed.STATISTIC)).build());
        }
        throw new IllegalArgumentException("unknown method '" + name + "'; known methods: " + String.join(", ", names())
                + " (and any of them smoothed: NAME-sg)");
    }

    /** The named method with these values (a value of a setting it does not take is ignored). */
    public static Explainer create(String name, SettingValues values) {
        return entry(name).create(values, MethodData.NONE);
    }

    /**
     * The named method from the shared values and the methods' settings as text ({@code -o key=value}), of which it
     * reads those it takes (a value out of range is an error), and what it takes from {@code data} (column means for
     * baseline=mean, LIME's training rows, a background).
     */
    public static Explainer create(String name, SettingValues shared, Map<String, String> options, MethodData data) {
        Entry e = entry(name);
        Map<String, String> own = new LinkedHashMap<>();
        for (Setting<?> s : e.options()) {
            if (options.containsKey(s.name())) {
                own.put(s.name(), options.get(s.name()));
            }
        }
        return e.create(shared.only(SHARED).withText(e.name(), own, e.options()), data);
    }

    /**
     * One explainer per name, as {@link #create(String, SettingValues, Map, MethodData)}; an option that none of them
     * takes is an error, so a misspelt option never passes silently.
     */
    public static List<Explainer> createAll(List<String> names, SettingValues shared, Map<String, String> options,
                                            MethodData data) {
        Set<String> unused = new TreeSet<>(options.keySet());
        List<Explainer> out = new ArrayList<>();
        for (String name : names) {
            entry(name).options().forEach(s -> unused.remove(s.name()));
            out.add(create(name, shared, options, data));
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("no chosen method takes option " + String.join(", ", unused)
                    + "; see 'jxplain methods' for each method's options");
        }
        return out;
    }

    /** A shared setting's default per method, e.g. "100 (kernel-shap 200, lime 5000, …)", for help texts. */
    public static String defaultsOf(Setting<?> shared) {
        Map<String, List<String>> byDefault = new LinkedHashMap<>();
        byDefault.put(shared.defaultText(), new ArrayList<>());
        for (Entry e : ENTRIES.values()) {
            for (Setting<?> s : e.settings()) {
                if (s.name().equals(shared.name()) && !s.defaultText().equals(shared.defaultText())) {
                    byDefault.computeIfAbsent(s.defaultText(), k -> new ArrayList<>()).add(e.name());
                }
            }
        }
        StringBuilder b = new StringBuilder(shared.defaultText());
        List<String> others = new ArrayList<>();
        byDefault.forEach((value, methods) -> {
            if (!methods.isEmpty()) {
                others.add(String.join(", ", methods) + " " + value);
            }
        });
        return others.isEmpty() ? b.toString() : b.append(" (").append(String.join("; ", others)).append(')').toString();
    }
}
