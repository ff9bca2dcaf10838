package io.jxplain.options;

import io.jxplain.catalog.MetricCatalog;
import io.jxplain.catalog.SettingValues;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every evaluating command line says about its per-input metrics, for the jxplain CLI and the Spark job alike:
 * one option per metric setting of the catalogue ({@code --radius}, {@code --infidelity-samples}, …).
 */
public final class MetricOptions {
    private MetricOptions() {
    }

    public static void declare(CommandSpec spec) {
        SettingOptions.add(spec, MetricCatalog.settings());
    }

    public static SettingValues chosen(CommandSpec spec) {
        return SettingOptions.chosen(spec, MetricCatalog.settings());
    }
}
