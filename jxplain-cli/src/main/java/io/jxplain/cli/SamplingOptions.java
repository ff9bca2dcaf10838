package io.jxplain.cli;

import io.jxplain.explain.Explainer;
import io.jxplain.explain.ExplainerCatalog;
import io.jxplain.explain.Sampling;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.data.Dataset;
import io.jxplain.explain.Adaptive;
import io.jxplain.explain.Certified;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;

/** The options every explaining command shares, with the library's names and defaults. */
final class SamplingOptions {
    @Option(names = "--method", defaultValue = "smoothgrad", paramLabel = "NAME",
            description = "Explanation method: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            completionCandidates = MethodNames.class)
    String method;

    @Option(names = "--samples", defaultValue = "" + Sampling.DEFAULT_SAMPLES, paramLabel = "N",
            description = "Samples per explanation for sampling methods. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--sigma2", defaultValue = "" + Sampling.DEFAULT_SIGMA2, paramLabel = "S",
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

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE",
            description = "A method's own option, repeatable, e.g. -o steps=100 -o baseline=mean; 'jxplain methods' lists"
                    + " each method's options and defaults. NAME-sg methods also take sg=mean|mean-of-squares|variance.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--precision", paramLabel = "EPS",
            description = "Adaptive sample size: double --samples until every feature's 95%% half-width is at most EPS"
                    + " (or their L2 norm, with --precision-norm l2), within --budget model calls per explanation.")
    Double precision;

    @Option(names = "--precision-norm", defaultValue = "max", paramLabel = "max|l2",
            description = "How --precision combines the features' half-widths. Default: ${DEFAULT-VALUE}.")
    String precisionNorm;

    @Option(names = "--budget", defaultValue = "" + Adaptive.DEFAULT_BUDGET, paramLabel = "CALLS",
            description = "With --precision: most model calls per explanation. Default: ${DEFAULT-VALUE}.")
    long budget;

    @Option(names = "--certify", description = "Add a stability certificate per explanation (SmoothGrad, C-LIME,"
            + " closed-form on built-in dense networks): the Lipschitz bound of the expected explanation (corrected"
            + " Theorem 2) and the radius within which the top --certify-top features provably stay.")
    boolean certify;

    @Option(names = "--certify-top", paramLabel = "K", description = "Features whose ranking is certified (at most"
            + " d − 1). Default: 3, or d − 1 for a model of fewer than four features.")
    Integer certifyTop;

    /** The --method explainer; baseline=mean uses the column means of {@code data}. */
    Explainer explainer(Dataset data) {
        return explainers(List.of(method), data).get(0);
    }

    /**
     * One explainer per name. Each gets the -o options it takes; an option that none of them takes is an error (so a
     * misspelt option never passes silently).
     */
    List<Explainer> explainers(List<String> names, Dataset data) {
        Set<String> unused = new TreeSet<>(options.keySet());
        List<Explainer> out = new ArrayList<>();
        for (String name : names) {
            Set<String> takes = ExplainerCatalog.optionNames(name);
            Map<String, String> own = new LinkedHashMap<>();
            options.forEach((k, v) -> {
                if (takes.contains(k)) {
                    own.put(k, v);
                }
            });
            unused.removeAll(own.keySet());
            double[] means = columnMeans(data);
            IntFunction<Explainer> withSamples = n -> ExplainerCatalog.create(name,
                    new ExplainerCatalog.Settings(n, sigma2, maxRowsPerCall, own, means));
            Explainer e = withSamples.apply(samples);
            if (precision != null) {
                e = Adaptive.of(withSamples, samples, precision).budget(budget).norm(switch (
                        precisionNorm.trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "max" -> Adaptive.Norm.MAX;
                    case "l2" -> Adaptive.Norm.L2;
                    default -> throw new IllegalArgumentException("--precision-norm must be max or l2, got '"
                            + precisionNorm + "'");
                });
            }
            out.add(certify ? Certified.of(e, certifyTop != null ? certifyTop
                    : Math.max(1, Math.min(3, data.dimension() - 1))) : e);
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("no chosen method takes option " + String.join(", ", unused)
                    + "; see 'jxplain methods' for each method's options");
        }
        return out;
    }

    private static double[] columnMeans(Dataset data) {
        DMatrixRMaj x = data.features();
        double[] mean = new double[x.numCols];
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < x.numCols; j++) {
                mean[j] += x.data[i * x.numCols + j] / x.numRows;
            }
        }
        return mean;
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
