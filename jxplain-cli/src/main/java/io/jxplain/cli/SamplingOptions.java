package io.jxplain.cli;

import io.jxplain.Setting;
import io.jxplain.catalog.ExplainerCatalog;
import io.jxplain.catalog.MethodData;
import io.jxplain.catalog.SettingValues;
import io.jxplain.data.Dataset;
import io.jxplain.explain.Adaptive;
import io.jxplain.explain.Certified;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Sampling;
import io.jxplain.options.MethodOptions;
import io.jxplain.options.SettingOptions;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The options every explaining command shares: the catalogue's method settings ({@link MethodOptions}, as the Spark
 * job has them), the adaptive sample size and the certificates; the command declares them before parsing.
 */
final class SamplingOptions {
    /** Settings of the explain commands that wrap a method (adaptive samples, certificates). */
    static final List<Setting<?>> WRAPPERS = List.of(Adaptive.PRECISION, Adaptive.NORM, Adaptive.BUDGET,
            Certified.CERTIFY, Certified.TOP);

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "T",
            description = "Worker threads (results do not depend on it). Default: all cores.")
    Integer threads;

    /** Adds the settings' options to the command that mixes these in. */
    static void declare(CommandSpec command) {
        MethodOptions.declare(command);
        SettingOptions.add(command, WRAPPERS);
    }

    long seed() {
        return MethodOptions.seed(spec);
    }

    /** The shared settings the user chose (samples, σ², rows per call), for passing on. */
    SettingValues shared() {
        return MethodOptions.shared(spec);
    }

    /**
     * One explainer per name. Each gets the -o settings it takes; a setting that none of them takes is an error (so a
     * misspelt option never passes silently); baseline=mean uses the column means of {@code data}.
     */
    List<Explainer> explainers(List<String> names, Dataset data) {
        return explainers(names, data, MethodData.means(columnMeans(data)));
    }

    /** As {@link #explainers(List, Dataset)}, with training rows and a background where methods take them. */
    List<Explainer> explainers(List<String> names, Dataset data, MethodData methodData) {
        SettingValues shared = MethodOptions.shared(spec);
        Map<String, String> own = MethodOptions.methodSettings(spec);
        SettingValues wrappers = SettingOptions.chosen(spec, WRAPPERS);
        List<Explainer> plain = ExplainerCatalog.createAll(names, shared, own, methodData);
        List<Explainer> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Explainer e = plain.get(i);
            Double precision = wrappers.get(Adaptive.PRECISION);
            if (precision != null) {
                int initial = shared.get(samplesOf(ExplainerCatalog.entry(name))); // chosen, else the method's own
                e = Adaptive.builder(n -> ExplainerCatalog.create(name, shared.with(Sampling.SAMPLES, n), own,
                                methodData))
                        .initialSamples(initial).precision(precision).budget(wrappers.get(Adaptive.BUDGET))
                        .norm(wrappers.get(Adaptive.NORM)).build();
            }
            if (wrappers.get(Certified.CERTIFY)) {
                Integer top = wrappers.get(Certified.TOP);
                e = Certified.builder(e).top(top != null ? top : Certified.defaultTop(data.dimension())).build();
            }
            out.add(e);
        }
        return out;
    }

    /**
     * Refuses, before any work, a method that needs gradients of a model whose gradients mean nothing (a tree
     * ensemble), or that moves category codes off their categories, with the message that names the methods that
     * suit.
     */
    static void requireMeaningfulGradients(List<String> names, io.jxplain.model.Model model) {
        for (String name : names) {
            if (model.piecewiseConstant() && ExplainerCatalog.entry(name).needsGradients()) {
                throw new IllegalArgumentException("--method " + name + ": "
                        + io.jxplain.model.FiniteDifferences.gradientsMeaningless(model)
                        + (model instanceof io.jxplain.model.tree.TreeEnsemble || OnnxTreesInJava.rebuilds(model)
                        ? "; tree-shap gives its exact Shapley values" : ""));
            }
            if (ExplainerCatalog.entry(name).needs() == ExplainerCatalog.Needs.TREE_ENSEMBLE
                    && !(model instanceof io.jxplain.model.tree.TreeEnsemble)) {
                throw new IllegalArgumentException("--method " + name + ": "
                        + io.jxplain.explain.TreeShap.notATreeEnsemble(model));
            }
            if (model.categoricalInputs().length > 0 && !ExplainerCatalog.entry(name).keepsFeatureValues()) {
                throw new IllegalArgumentException("--method " + name + ": "
                        + io.jxplain.model.FiniteDifferences.categoriesHaveNoGradient(model));
            }
        }
    }

    /** The method's samples setting (its own default), or the shared one for methods that draw none. */
    @SuppressWarnings("unchecked")
    private static Setting<Integer> samplesOf(ExplainerCatalog.Entry entry) {
        for (Setting<?> s : entry.settings()) {
            if (s.name().equals(Sampling.SAMPLES.name())) {
                return (Setting<Integer>) s;
            }
        }
        return Sampling.SAMPLES;
    }

    static double[] columnMeans(Dataset data) {
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
