package io.jxplain.spark;

import io.jxplain.explain.Explainer;
import io.jxplain.explain.ExplainerCatalog;
import io.jxplain.explain.Sampling;
import io.jxplain.model.BatchedEvaluation;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An explanation method by its catalogue name and settings ({@code jxplain methods} lists them), as data to ship to
 * executors, which build the explainer there: explainers need not be serialisable.
 */
public record MethodSpec(String method, int samples, double sigma2, int maxRowsPerCall, Map<String, String> options,
                         double[] dataMean) implements Serializable {
    public MethodSpec {
        options = new LinkedHashMap<>(options == null ? Map.of() : options);
        dataMean = dataMean == null ? null : dataMean.clone();
        // an unknown method or option fails here, on the driver, before any task runs
        ExplainerCatalog.create(method, new ExplainerCatalog.Settings(samples, sigma2, maxRowsPerCall, options, dataMean));
    }

    /** The method with the library's defaults (samples, σ², rows per call). */
    public static MethodSpec of(String method) {
        return new MethodSpec(method, Sampling.DEFAULT_SAMPLES, Sampling.DEFAULT_SIGMA2,
                BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL, Map.of(), null);
    }

    public MethodSpec withSamples(int n) {
        return new MethodSpec(method, n, sigma2, maxRowsPerCall, options, dataMean);
    }

    public MethodSpec withSigma2(double s) {
        return new MethodSpec(method, samples, s, maxRowsPerCall, options, dataMean);
    }

    public MethodSpec withOptions(Map<String, String> o) {
        return new MethodSpec(method, samples, sigma2, maxRowsPerCall, o, dataMean);
    }

    Explainer create() {
        return ExplainerCatalog.create(method, new ExplainerCatalog.Settings(samples, sigma2, maxRowsPerCall, options,
                dataMean));
    }
}
