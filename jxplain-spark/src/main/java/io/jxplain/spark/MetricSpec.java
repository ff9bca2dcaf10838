package io.jxplain.spark;

import io.jxplain.catalog.MetricCatalog;
import io.jxplain.catalog.SettingValues;
import io.jxplain.metric.Metric;

import java.io.Serializable;

/**
 * A metric by its catalogue name ({@code jxplain methods} lists them) and the metric settings chosen, as data to ship
 * to executors; a setting not chosen is the catalogue's default.
 */
public record MetricSpec(String metric, SettingValues settings) implements Serializable {
    public MetricSpec {
        MetricCatalog.entry(metric); // an unknown metric fails here, on the driver
    }

    /** The metric with the catalogue's default settings. */
    public static MetricSpec of(String metric) {
        return new MetricSpec(metric, SettingValues.defaults());
    }

    /** The same metric with n Monte-Carlo samples for infidelity and the sensitivities. */
    public MetricSpec withSamples(int n) {
        return new MetricSpec(metric, MetricCatalog.withSamples(settings, n));
    }

    /** The same metric with these settings (as a command line gives them). */
    public MetricSpec with(SettingValues values) {
        return new MetricSpec(metric, values);
    }

    Metric create(int dimension) {
        return MetricCatalog.create(metric, settings, dimension);
    }
}
