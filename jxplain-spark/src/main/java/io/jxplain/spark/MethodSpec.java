package io.jxplain.spark;

import io.jxplain.catalog.ExplainerCatalog;
import io.jxplain.catalog.MethodData;
import io.jxplain.catalog.SettingValues;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Sampling;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An explanation method by its catalogue name and settings ({@code jxplain methods} lists them), as data to ship to
 * executors, which build the explainer there: explainers need not be serialisable. A setting not chosen is the
 * catalogue's default.
 *
 * @param shared   the shared settings chosen (samples, sigma2, max-rows-per-call)
 * @param options  the method's own settings as text ({@code -o key=value})
 * @param dataMean the data's column means for baseline=mean, or null
 */
public record MethodSpec(String method, SettingValues shared, Map<String, String> options, double[] dataMean)
        implements Serializable {
    public MethodSpec {
        options = new LinkedHashMap<>(options == null ? Map.of() : options);
        dataMean = dataMean == null ? null : dataMean.clone();
        // an unknown method or option fails here, on the driver, before any task runs
        ExplainerCatalog.createAll(java.util.List.of(method), shared, options, MethodData.means(dataMean));
    }

    /** The method with the catalogue's defaults. */
    public static MethodSpec of(String method) {
        return new MethodSpec(method, SettingValues.defaults(), Map.of(), null);
    }

    public MethodSpec withSamples(int n) {
        return new MethodSpec(method, shared.with(Sampling.SAMPLES, n), options, dataMean);
    }

    public MethodSpec withSigma2(double s) {
        return new MethodSpec(method, shared.with(Sampling.SIGMA2, s), options, dataMean);
    }

    /** The same method with these shared settings and own settings (as a command line gives them). */
    public MethodSpec with(SettingValues sharedValues, Map<String, String> own) {
        return new MethodSpec(method, sharedValues, own, dataMean);
    }

    Explainer create() {
        return ExplainerCatalog.create(method, shared, options, MethodData.means(dataMean));
    }
}
