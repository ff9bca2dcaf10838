package io.jxplain.cli;

import io.jxplain.explain.Explainer;
import io.jxplain.explain.ExplainerCatalog;
import io.jxplain.explain.GaussianSampling;
import io.jxplain.model.BatchedEvaluation;
import picocli.CommandLine.Option;

/** The options every explaining command shares, with the library's names and defaults. */
final class SamplingOptions {
    @Option(names = "--method", defaultValue = "smoothgrad", paramLabel = "NAME",
            description = "Explanation method: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            completionCandidates = MethodNames.class)
    String method;

    @Option(names = "--samples", defaultValue = "" + GaussianSampling.DEFAULT_SAMPLES, paramLabel = "N",
            description = "Samples per explanation for sampling methods. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--sigma2", defaultValue = "" + GaussianSampling.DEFAULT_SIGMA2, paramLabel = "S",
            description = "Variance σ² of the Gaussian perturbation N(x, σ²I). Default: ${DEFAULT-VALUE}.")
    double sigma2;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "K",
            description = "Seed; row i uses its own stream split from it. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "T",
            description = "Worker threads (results do not depend on it). Default: all cores.")
    Integer threads;

    @Option(names = "--max-rows-per-call", defaultValue = "" + BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL,
            paramLabel = "R", description = "Cap on rows per model call (bounds memory). Default: ${DEFAULT-VALUE}.")
    int maxRowsPerCall;

    Explainer explainer() {
        return ExplainerCatalog.create(method, new ExplainerCatalog.Settings(samples, sigma2, maxRowsPerCall));
    }

    int threads() {
        return resolveThreads(threads);
    }

    /** All cores unless the user chose a number, which must be positive. */
    static int resolveThreads(Integer threads) {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + t);
        }
        return t;
    }

    /** Lets picocli list the catalog's names in --help. */
    static final class MethodNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ExplainerCatalog.names().iterator();
        }
    }
}
