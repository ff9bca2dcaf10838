package io.jxplain.explain;

import io.jxplain.model.BatchedEvaluation;
import io.jxplain.explain.MethodOptions.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Every explainer by its CLI name, with the paper it comes from and the options it takes: the one place that maps
 * names to methods, so the CLI, reports and provenance share one vocabulary.
 */
public final class ExplainerCatalog {
    /**
     * The settings a method may read; each ignores those it does not use. {@code options} are method-specific
     * (name → value, e.g. steps → 100), checked against the entry's declared options; {@code dataMean} (may be null)
     * serves baseline=mean.
     */
    public record Settings(int samples, double sigma2, int maxRowsPerCall, Map<String, String> options,
                           double[] dataMean) {
        public Settings(int samples, double sigma2, int maxRowsPerCall) {
            this(samples, sigma2, maxRowsPerCall, Map.of(), null);
        }

        public Settings {
            options = options == null ? Map.of() : io.jxplain.OrderedMaps.copyOf(options);
            dataMean = dataMean == null ? null : dataMean.clone();
        }

        public static Settings defaults() {
            return new Settings(Sampling.DEFAULT_SAMPLES, Sampling.DEFAULT_SIGMA2,
                    BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL);
        }
    }

    /** What a method needs from the model. */
    public enum Needs {
        /** Only model outputs: runs on any model, black boxes included. */
        VALUES,
        /** Input gradients: exact on differentiable models, finite differences on black boxes. */
        GRADIENTS,
        /** The layers of a built-in network (guided backprop, LRP). */
        BUILT_IN_NETWORK
    }

    /** A method's name, source, options and factory. */
    public record Entry(String name, String source, Needs needs, List<Option> options,
                        BiFunction<Settings, MethodOptions, Explainer> factory) {
        public boolean needsGradients() {
            return needs != Needs.VALUES;
        }

        /** The explainer for these settings; an option this method does not take is an error. */
        public Explainer create(Settings settings) {
            return factory.apply(settings, new MethodOptions(name, settings.options(), options));
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();
    private static final String SMOOTHED_SUFFIX = "-sg";
    /** The option of NAME-sg that picks the statistic; every other option goes to the inner method. */
    public static final String SMOOTHING_STATISTIC = "sg";

    private static final Option BASELINE = new Option("baseline", "zeros",
            "zeros, or mean (the data's column means; the CLI computes them from --data)");

    static {
        add("gradient", "Simonyan et al. 2014 (saliency)", true, List.of(), (s, o) -> Gradient.create());
        add("gradient-abs", "Simonyan et al. 2014 (saliency, absolute value)", true, List.of(), (s, o) -> Gradient.absolute());
        add("gradient-x-input", "Shrikumar et al. 2016", true, List.of(), (s, o) -> GradientTimesInput.create());
        add("smoothgrad", "Smilkov et al. 2017; Agarwal et al. 2021 §2.1", true, List.of(),
                (s, o) -> SmoothGrad.builder().samples(s.samples()).sigma2(s.sigma2()).maxRowsPerCall(s.maxRowsPerCall()).build());
        add("clime", "Agarwal et al. 2021 §2.3 (C-LIME)", false, List.of(),
                (s, o) -> ContinuousLime.builder().samples(s.samples()).sigma2(s.sigma2()).maxRowsPerCall(s.maxRowsPerCall()).build());
        add("closed-form", "Agarwal et al. 2021 Theorem 1 (gradient-free SmoothGrad)", false, List.of(),
                (s, o) -> ClosedFormSmoothGrad.builder().samples(s.samples()).sigma2(s.sigma2())
                        .maxRowsPerCall(s.maxRowsPerCall()).build());
        add("integrated-gradients", "Sundararajan et al. 2017", true, List.of(
                        new Option("steps", "" + IntegratedGradients.DEFAULT_STEPS, "quadrature nodes on the path"),
                        new Option("rule", Quadrature.GAUSS_LEGENDRE.cliName(),
                                "riemann-left, riemann-right, riemann-middle, riemann-trapezoid or gauss-legendre"),
                        BASELINE),
                (s, o) -> {
                    IntegratedGradients.Builder b = IntegratedGradients.builder().steps(o.integer("steps"))
                            .quadrature(Quadrature.parse(o.text("rule"))).maxRowsPerCall(s.maxRowsPerCall());
                    double[] x0 = baseline(s, o);
                    return (x0 == null ? b : b.baseline(x0)).build();
                });
        add("occlusion", "Zeiler & Fergus 2014 (feature-wise as Captum's FeatureAblation, or sliding windows on images)",
                false, List.of(
                        new Option("window", "feature", "feature (one feature at a time) or the side of square image patches"),
                        new Option("stride", "1", "step between image patches"),
                        BASELINE),
                ExplainerCatalog::occlusion);
        add("kernel-shap", "Lundberg & Lee 2017 (Shapley kernel, paired coalitions, --samples coalitions)", false,
                List.of(BASELINE), ExplainerCatalog::kernelShap);
        add("noisy-baseline", "Yeh et al. 2019 §2.4 (infidelity-optimal for baseline 0 + N(0, sigma2 I))", false,
                List.of(new Option("global", "false", "true: the global variant, multiplied by (x - 0) (§2.5)")),
                (s, o) -> {
                    InfidelityOptimal e = InfidelityOptimal.noisyBaseline(io.jxplain.sample.Perturbation.gaussian(s.sigma2())).samples(s.samples());
                    return o.choice("global", "false", "true").equals("true") ? e.global() : e;
                });
        add("square-removal", "Yeh et al. 2019 §2.4 (infidelity-optimal for square patches set to 0, global; images)",
                false, List.of(new Option("sides", "4", "side lengths of the removed squares, e.g. 3,5")),
                (s, o) -> InfidelityOptimal.squareRemoval(o.integers("sides")).samples(s.samples()));
        add("lime", "Ribeiro et al. 2016 (tabular; on the model's inputs as given, no discretisation from the CLI;"
                        + " ridge 1, kernel 0.75*sqrt(d))", false, List.of(
                        new Option("features", "" + Lime.DEFAULT_FEATURES, "K, the features the surrogate keeps"),
                        new Option("selection", "auto", "auto, forward, highest-weights, lasso-path or none"),
                        new Option("kernel-width", "auto", "auto (0.75*sqrt(d)) or a number")),
                (s, o) -> {
                    Lime lime = Lime.create().samples(s.samples()).features(o.integer("features"))
                            .selection(Lime.Selection.valueOf(o.choice("selection", "auto", "forward", "highest-weights",
                                    "lasso-path", "none").toUpperCase(Locale.ROOT).replace('-', '_')));
                    return o.text("kernel-width").equalsIgnoreCase("auto") ? lime : lime.kernelWidth(o.real("kernel-width"));
                });
        add("guided-backprop", "Springenberg et al. 2015 (built-in networks; cuts negative signals at ReLUs)",
                Needs.BUILT_IN_NETWORK,
                List.of(), (s, o) -> GuidedBackprop.create());
        add("epsilon-lrp", "Bach et al. 2015 (epsilon rule; built-in networks)", Needs.BUILT_IN_NETWORK,
                List.of(new Option("epsilon", "" + EpsilonLrp.DEFAULT_EPSILON, "stabiliser of the epsilon rule")),
                (s, o) -> EpsilonLrp.withEpsilon(o.real("epsilon")));
        add("shapley-exact", "Shapley 1953 (all 2^d coalitions; d <= 15)", false, List.of(BASELINE),
                (s, o) -> {
                    double[] x0 = baseline(s, o);
                    return x0 == null ? ExactShapley.create() : ExactShapley.withBaseline(x0);
                });
    }

    private ExplainerCatalog() {
    }

    private static void add(String name, String source, boolean needsGradients, List<Option> options,
                            BiFunction<Settings, MethodOptions, Explainer> factory) {
        add(name, source, needsGradients ? Needs.GRADIENTS : Needs.VALUES, options, factory);
    }

    private static void add(String name, String source, Needs needs, List<Option> options,
                            BiFunction<Settings, MethodOptions, Explainer> factory) {
        ENTRIES.put(name, new Entry(name, source, needs, options, factory));
    }

    /** null for zeros (the methods' own default), else the data mean. */
    private static double[] baseline(Settings s, MethodOptions o) {
        if (o.choice("baseline", "zeros", "mean").equals("zeros")) {
            return null;
        }
        if (s.dataMean() == null) {
            throw new IllegalArgumentException("baseline=mean needs the data's column means; none were given");
        }
        return s.dataMean();
    }

    private static Explainer occlusion(Settings s, MethodOptions o) {
        double[] x0 = baseline(s, o);
        Occlusion feature = x0 == null ? Occlusion.create() : Occlusion.withBaseline(x0);
        String window = o.text("window");
        return window.equalsIgnoreCase("feature") ? feature : feature.sliding(o.integer("window"), o.integer("stride"));
    }

    private static Explainer kernelShap(Settings s, MethodOptions o) {
        double[] x0 = baseline(s, o);
        KernelShap k = KernelShap.create().samples(s.samples());
        return x0 == null ? k : k.background(org.ejml.data.DMatrixRMaj.wrap(1, x0.length, x0.clone()));
    }

    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** The option names the named method takes (for NAME-sg: the inner method's and sg). */
    public static java.util.Set<String> optionNames(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        if (key.endsWith(SMOOTHED_SUFFIX) && ENTRIES.containsKey(key.substring(0, key.length() - SMOOTHED_SUFFIX.length()))) {
            names.addAll(optionNames(key.substring(0, key.length() - SMOOTHED_SUFFIX.length())));
            names.add(SMOOTHING_STATISTIC);
            return names;
        }
        Entry e = ENTRIES.get(key);
        if (e != null) {
            e.options().forEach(o -> names.add(o.name()));
        }
        return names;
    }

    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /**
     * The named method; NAME-sg is any method smoothed over N(x, σ²I) with the settings' samples and σ²
     * (Yeh et al. 2019 §4), e.g. integrated-gradients-sg; its option sg = mean, mean-of-squares or variance.
     */
    public static Explainer create(String name, Settings settings) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.endsWith(SMOOTHED_SUFFIX) && ENTRIES.containsKey(key.substring(0, key.length() - SMOOTHED_SUFFIX.length()))) {
            Map<String, String> innerOptions = new LinkedHashMap<>(settings.options());
            String statistic = innerOptions.remove(SMOOTHING_STATISTIC);
            Settings inner = new Settings(settings.samples(), settings.sigma2(), settings.maxRowsPerCall(), innerOptions,
                    settings.dataMean());
            Smoothed smoothed = Smoothed.of(create(key.substring(0, key.length() - SMOOTHED_SUFFIX.length()), inner),
                    settings.samples(), settings.sigma2());
            return statistic == null ? smoothed : smoothed.statistic(smoothingStatistic(statistic));
        }
        Entry e = ENTRIES.get(key);
        if (e == null) {
            throw new IllegalArgumentException("unknown method '" + name + "'; known methods: " + String.join(", ", names())
                    + " (and any of them smoothed: NAME-sg)");
        }
        return e.create(settings);
    }

    private static Smoothed.Statistic smoothingStatistic(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "mean" -> Smoothed.Statistic.MEAN;
            case "mean-of-squares" -> Smoothed.Statistic.MEAN_OF_SQUARES;
            case "variance" -> Smoothed.Statistic.VARIANCE;
            default -> throw new IllegalArgumentException("option sg must be mean, mean-of-squares or variance, got '"
                    + text + "'");
        };
    }
}
