package io.jxplain.spark;

import io.jxplain.metric.Metric;
import io.jxplain.metric.MetricCatalog;

import java.io.Serializable;

/**
 * A metric by its catalogue name ({@code jxplain methods} lists them) and the metric settings, as data to ship to
 * executors (the same fields as {@link MetricCatalog.Settings}).
 */
public record MetricSpec(String metric, String perturbation, double noiseSigma2, int infidelitySamples,
                         boolean normalize, double radius, int sensitivitySamples, double epsilon, int budget,
                         String optimizer, int neighbours, double neighbourVariance) implements Serializable {
    public MetricSpec {
        if (!MetricCatalog.names().contains(metric)) {
            throw new IllegalArgumentException("unknown metric '" + metric + "'; per-row metrics: "
                    + String.join(", ", MetricCatalog.names()));
        }
    }

    /** The metric with the library's default settings. */
    public static MetricSpec of(String metric) {
        MetricCatalog.Settings s = MetricCatalog.Settings.defaults();
        return new MetricSpec(metric, s.perturbation(), s.noiseSigma2(), s.infidelitySamples(), s.normalize(), s.radius(),
                s.sensitivitySamples(), s.epsilon(), s.budget(), s.optimizer(), s.neighbours(), s.neighbourVariance());
    }

    /** The same metric with n Monte-Carlo samples for infidelity and the sensitivities. */
    public MetricSpec withSamples(int n) {
        return new MetricSpec(metric, perturbation, noiseSigma2, n, normalize, radius, n, epsilon, budget, optimizer,
                neighbours, neighbourVariance);
    }

    /** The same metric with other settings, as {@code jxplain evaluate} names them. */
    public MetricSpec with(String perturbation, double noiseSigma2, double radius, double epsilon, int budget) {
        return new MetricSpec(metric, perturbation, noiseSigma2, infidelitySamples, normalize, radius, sensitivitySamples,
                epsilon, budget, optimizer, neighbours, neighbourVariance);
    }

    Metric create(int dimension) {
        return MetricCatalog.create(metric, new MetricCatalog.Settings(perturbation, noiseSigma2, infidelitySamples,
                normalize, radius, sensitivitySamples, epsilon, budget, optimizer, neighbours, neighbourVariance), dimension);
    }
}
