package io.jxplain.metric;

import io.jxplain.sample.BaselinePerturbation;
import io.jxplain.sample.GaussianPerturbation;
import io.jxplain.sample.Perturbation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/** Every metric by its CLI name: the one place that maps names to metrics. */
public final class MetricCatalog {
    /**
     * The settings a metric may read; each ignores the others.
     *
     * @param perturbation  infidelity's perturbation: gaussian, baseline, noisy-baseline or subset (baseline: zeros)
     * @param noiseSigma2   variance of the Gaussian and noisy-baseline perturbations
     */
    public record Settings(String perturbation, double noiseSigma2, int infidelitySamples, boolean normalize,
                           double radius, int sensitivitySamples, double epsilon, int budget, String optimizer,
                           int neighbours, double neighbourVariance) {
        /** The same settings with n Monte-Carlo samples for infidelity and the sensitivities (for adaptive runs). */
        public Settings withSamples(int n) {
            return new Settings(perturbation, noiseSigma2, n, normalize, radius, n, epsilon, budget, optimizer, neighbours,
                    neighbourVariance);
        }

        public static Settings defaults() {
            return new Settings("gaussian", 0.01, Infidelity.DEFAULT_SAMPLES, false, SensitivityDistances.DEFAULT_RADIUS,
                    SensitivityDistances.DEFAULT_SAMPLES, LocalLipschitzEstimate.DEFAULT_EPSILON,
                    LocalLipschitzEstimate.DEFAULT_BUDGET, "bayesian", NeighbourhoodRobustness.DEFAULT_NEIGHBOURS,
                    NeighbourhoodRobustness.DEFAULT_VARIANCE);
        }
    }

    /** A metric's name, source and factory (given the settings and the input dimension). */
    public record Entry(String name, String source, BiFunction<Settings, Integer, Metric> factory) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add(new Entry("infidelity", "Yeh et al. 2019, Definition 2.1", (s, d) -> Infidelity.under(perturbation(s, d))
                .samples(s.infidelitySamples()).normalized(s.normalize())));
        add(new Entry("max-sensitivity", "Yeh et al. 2019, Definition 3.1", (s, d) -> MaxSensitivity.of(s.radius(),
                s.sensitivitySamples())));
        add(new Entry("avg-sensitivity", "Yeh et al. 2019, §3", (s, d) -> AvgSensitivity.of(s.radius(),
                s.sensitivitySamples())));
        add(new Entry("lipschitz", "Alvarez-Melis & Jaakkola 2018, Eq. 1", (s, d) -> {
            LocalLipschitzEstimate m = LocalLipschitzEstimate.defaults().epsilon(s.epsilon()).budget(s.budget());
            switch (s.optimizer().toLowerCase(Locale.ROOT)) {
                case "bayesian": return m;
                case "random": return m.randomSearch();
                default: throw new IllegalArgumentException("optimizer must be bayesian or random, got '" + s.optimizer() + "'");
            }
        }));
        add(new Entry("robustness", "Agarwal et al. 2021, §6.3", (s, d) -> NeighbourhoodRobustness.of(s.neighbours(),
                s.neighbourVariance())));
    }

    private MetricCatalog() {
    }

    private static void add(Entry e) {
        ENTRIES.put(e.name(), e);
    }

    private static Perturbation perturbation(Settings s, int d) {
        switch (s.perturbation().toLowerCase(Locale.ROOT)) {
            case "gaussian": return GaussianPerturbation.isotropic(d, s.noiseSigma2());
            case "baseline": return BaselinePerturbation.fixed(new double[d]);
            case "noisy-baseline": return BaselinePerturbation.noisy(new double[d], io.jxplain.sample.Perturbation.gaussian(s.noiseSigma2()));
            case "subset": return BaselinePerturbation.subset(new double[d], 0.5);
            default: throw new IllegalArgumentException("perturbation must be gaussian, baseline, noisy-baseline or subset, got '"
                    + s.perturbation() + "'");
        }
    }

    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    public static Metric create(String name, Settings settings, int dimension) {
        Entry e = ENTRIES.get(name.trim().toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("unknown metric '" + name + "'; known metrics: " + String.join(", ", names()));
        }
        return e.factory().apply(settings, dimension);
    }
}
