package io.jxplain.catalog;

import io.jxplain.Setting;
import io.jxplain.metric.AvgSensitivity;
import io.jxplain.metric.DiscreteLipschitz;
import io.jxplain.metric.Infidelity;
import io.jxplain.metric.LocalLipschitzEstimate;
import io.jxplain.metric.MaxSensitivity;
import io.jxplain.metric.Metric;
import io.jxplain.metric.NeighbourhoodRobustness;
import io.jxplain.metric.ParameterRandomisation;
import io.jxplain.sample.BaselinePerturbation;
import io.jxplain.sample.GaussianPerturbation;
import io.jxplain.sample.Perturbation;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Every metric by its CLI name, with its source and the settings it reads: the one place that maps names to
 * metrics. The settings are the metrics' own {@link Setting}s, so the library, {@code jxplain evaluate} and the Spark
 * job share their names and defaults.
 */
public final class MetricCatalog {
    /** The metrics {@code evaluate} computes when none are named (comma-separated, as on a command line). */
    public static final String DEFAULT_METRICS = "infidelity,max-sensitivity";

    /** Infidelity's perturbation (baseline: zeros). */
    public static final Setting<String> PERTURBATION = Setting.word("perturbation", "gaussian",
            List.of("gaussian", "baseline", "noisy-baseline", "subset"), "Infidelity's perturbation.")
            .from("Yeh et al. 2019 §2.3");
    /** The variance of infidelity's Gaussian and noisy-baseline perturbations. */
    public static final Setting<Double> NOISE_SIGMA2 = Setting.positive("noise-sigma2", 0.01,
            "Variance of infidelity's Gaussian and noisy-baseline noise.");
    /** How the local Lipschitz estimate searches its box. */
    public static final Setting<String> OPTIMIZER = Setting.word("optimizer", "bayesian", List.of("bayesian", "random"),
            "The Lipschitz search: Bayesian optimisation (the paper's) or random search.")
            .from("Alvarez-Melis & Jaakkola 2018 §4");

    /** A per-input metric's name, source, settings and factory (given the values and the input dimension). */
    public record Entry(String name, String source, List<Setting<?>> settings,
                        BiFunction<SettingValues, Integer, Metric> factory) {
        /** The metric with these setting values, for inputs of {@code dimension} features. */
        public Metric create(SettingValues values, int dimension) {
            return factory.apply(values, dimension);
        }
    }

    /** A metric over the whole data set (it compares explanations of several rows), with its settings. */
    public record DataSetEntry(String name, String source, List<Setting<?>> settings) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();
    private static final List<DataSetEntry> DATA_SET = List.of(
            new DataSetEntry("discrete-lipschitz", "Alvarez-Melis & Jaakkola 2018, Eq. 2",
                    List.of(DiscreteLipschitz.EPSILON, DiscreteLipschitz.SAME_CLASS)),
            new DataSetEntry("randomisation", "Adebayo et al. 2018 (model parameter randomisation)",
                    List.of(ParameterRandomisation.LAYERS)));

    static {
        add(new Entry("infidelity", "Yeh et al. 2019, Definition 2.1",
                List.of(PERTURBATION, NOISE_SIGMA2, Infidelity.SAMPLES, Infidelity.NORMALIZE),
                (v, d) -> Infidelity.builder().perturbation(perturbation(v, d)).samples(v.get(Infidelity.SAMPLES))
                        .normalized(v.get(Infidelity.NORMALIZE)).build()));
        add(new Entry("max-sensitivity", "Yeh et al. 2019, Definition 3.1",
                List.of(MaxSensitivity.RADIUS, MaxSensitivity.SAMPLES),
                (v, d) -> MaxSensitivity.builder().radius(v.get(MaxSensitivity.RADIUS))
                        .samples(v.get(MaxSensitivity.SAMPLES)).build()));
        add(new Entry("avg-sensitivity", "Yeh et al. 2019, §3", List.of(AvgSensitivity.RADIUS, AvgSensitivity.SAMPLES),
                (v, d) -> AvgSensitivity.builder().radius(v.get(AvgSensitivity.RADIUS))
                        .samples(v.get(AvgSensitivity.SAMPLES)).build()));
        add(new Entry("lipschitz", "Alvarez-Melis & Jaakkola 2018, Eq. 1",
                List.of(LocalLipschitzEstimate.EPSILON, LocalLipschitzEstimate.BUDGET, OPTIMIZER), (v, d) -> {
                    return LocalLipschitzEstimate.builder().epsilon(v.get(LocalLipschitzEstimate.EPSILON))
                            .budget(v.get(LocalLipschitzEstimate.BUDGET))
                            .randomSearch(v.get(OPTIMIZER).equals("random")).build();
                }));
        add(new Entry("robustness", "Agarwal et al. 2021, §6.3",
                List.of(NeighbourhoodRobustness.NEIGHBOURS, NeighbourhoodRobustness.VARIANCE),
                (v, d) -> NeighbourhoodRobustness.builder().neighbours(v.get(NeighbourhoodRobustness.NEIGHBOURS))
                        .variance(v.get(NeighbourhoodRobustness.VARIANCE)).build()));
    }

    private MetricCatalog() {
    }

    private static void add(Entry e) {
        ENTRIES.put(e.name(), e);
    }

    private static Perturbation perturbation(SettingValues v, int d) {
        double sigma2 = v.get(NOISE_SIGMA2);
        return switch (v.get(PERTURBATION).toLowerCase(Locale.ROOT)) {
            case "baseline" -> BaselinePerturbation.fixed(new double[d]);
            case "noisy-baseline" -> BaselinePerturbation.noisy(new double[d], Perturbation.gaussian(sigma2));
            case "subset" -> BaselinePerturbation.subset(new double[d], 0.5);
            default -> GaussianPerturbation.isotropic(d, sigma2);
        };
    }

    /** The same values with n Monte-Carlo samples for infidelity and the sensitivities (for adaptive runs). */
    public static SettingValues withSamples(SettingValues v, int n) {
        return v.with(Infidelity.SAMPLES, n).with(MaxSensitivity.SAMPLES, n);
    }

    /** Every per-input metric, in the order of the catalogue. */
    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** Every metric over a whole data set, in the order of the catalogue. */
    public static List<DataSetEntry> dataSetEntries() {
        return DATA_SET;
    }

    /** Every metric's name, per-input ones first. */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** Every setting of the per-input metrics, each once, in catalogue order: options of evaluate and the Spark job. */
    public static List<Setting<?>> settings() {
        Set<Setting<?>> all = new LinkedHashSet<>();
        ENTRIES.values().forEach(e -> all.addAll(e.settings()));
        return List.copyOf(all);
    }

    /** Every setting of the data-set metrics, each once. */
    public static List<Setting<?>> dataSetSettings() {
        Set<Setting<?>> all = new LinkedHashSet<>();
        DATA_SET.forEach(e -> all.addAll(e.settings()));
        return List.copyOf(all);
    }

    /** The per-input metric called {@code name}, or an exception listing the names there are. */
    public static Entry entry(String name) {
        Entry e = ENTRIES.get(name.trim().toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("unknown metric '" + name + "'; known metrics: " + String.join(", ", names()));
        }
        return e;
    }

    /** The per-input metric called {@code name} with these setting values. */
    public static Metric create(String name, SettingValues values, int dimension) {
        return entry(name).create(values, dimension);
    }
}
