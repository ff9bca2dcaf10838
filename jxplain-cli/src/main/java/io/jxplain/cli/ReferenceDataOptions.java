package io.jxplain.cli;

import io.jxplain.catalog.MethodData;
import io.jxplain.data.Background;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Data some methods take besides the explained rows, as the lime and shap packages take it: training rows for LIME
 * (its sampling statistics and quartile bins) and a background for KernelSHAP, exact Shapley values and occlusion
 * (what replaces an absent feature; the base value is the mean f over it).
 */
final class ReferenceDataOptions {
    /** The methods that read a background, and the one that reads training rows. */
    private static final List<String> BACKGROUND_METHODS = List.of("kernel-shap", "shapley-exact", "occlusion");
    private static final String TRAINING_METHOD = "lime";

    @Option(names = "--training-data", paramLabel = "FILE",
            description = "Training rows (CSV with the model's columns) for lime: it then samples and discretises"
                    + " into quartiles as the lime package does. Without it, lime draws N(0, 1) per input and does not"
                    + " discretise.")
    Path training;

    @Option(names = "--categorical", split = ",", paramLabel = "COL",
            description = "Columns that hold category codes (with --training-data): lime draws them by their training"
                    + " frequencies and explains 'x's category', as the lime package's categorical features.")
    List<String> categorical;

    @Option(names = "--background", paramLabel = "FILE",
            description = "Rows (CSV with the model's columns) that replace absent features for kernel-shap,"
                    + " shapley-exact and occlusion, as shap's background: values add up to f(x) − E f(background)."
                    + " For tree-shap on an ONNX tree ensemble without covers: the rows whose paths give the covers.")
    Path background;

    @Option(names = "--background-summary", defaultValue = "all", paramLabel = "all|sample:K|kmeans:K",
            description = "Use every --background row, K of them drawn with --seed, or K k-means centroids weighted"
                    + " by cluster size (shap.kmeans). Default: ${DEFAULT-VALUE}.")
    String summary;

    /** Marks the files as inputs, so no output of the run may replace them. */
    void registerInputs(RunOutputs outputs) {
        if (training != null) {
            outputs.input("--training-data", training);
        }
        if (background != null) {
            outputs.input("--background", background);
        }
    }

    /**
     * The explained rows' column means (baseline=mean), with the training rows and the background read for
     * {@code loaded}'s model; refuses a file no chosen method reads, and says what LIME does without training rows.
     */
    MethodData read(List<String> methods, ModelDataOptions.Loaded loaded, ExternalModelOptions external, long seed,
                    PrintWriter err) {
        List<String> bases = methods.stream().map(m -> m.toLowerCase(Locale.ROOT).replaceAll("-sg$", "")).toList();
        if (training != null && !bases.contains(TRAINING_METHOD)) {
            throw new IllegalArgumentException("--training-data is read by lime only; the chosen methods are "
                    + String.join(", ", methods));
        }
        boolean onnxTreeCovers = bases.contains("tree-shap")
                && loaded.model() instanceof io.jxplain.model.tree.TreeEnsemble
                && loaded.opened().model() instanceof io.jxplain.onnx.OnnxModel onnx && !onnx.treeCoversInFile();
        if ((background != null || !summary.equals("all")) && bases.stream().noneMatch(BACKGROUND_METHODS::contains)
                && !onnxTreeCovers) {
            throw new IllegalArgumentException("--background is read by " + String.join(", ", BACKGROUND_METHODS)
                    + "; the chosen methods are " + String.join(", ", methods));
        }
        if (background == null && !summary.equals("all")) {
            throw new IllegalArgumentException("--background-summary " + summary + " summarises --background, which"
                    + " is not given");
        }
        if (categorical != null && (training == null || !bases.contains(TRAINING_METHOD))) {
            throw new IllegalArgumentException("--categorical tells lime which columns are categories; it needs"
                    + " --method lime and --training-data");
        }
        int[] modelCategories = loaded.model().categoricalInputs();
        if (training == null && modelCategories.length > 0 && bases.contains(TRAINING_METHOD)) {
            throw new IllegalArgumentException("lime draws a categorical feature by its training frequencies; "
                    + loaded.model().describe() + " has categorical features, so give --training-data");
        }
        if (training == null && bases.contains(TRAINING_METHOD)) {
            err.println("jxplain: note: lime without --training-data draws each input from N(0, 1) and does not"
                    + " discretise; give the training rows for the lime package's defaults (quartile bins)");
        }
        List<String> features = loaded.dataset().featureNames();
        MethodData data = MethodData.means(SamplingOptions.columnMeans(loaded.dataset()));
        if (training != null) {
            io.jxplain.data.Dataset rows = data("--training-data", training, loaded, external, err);
            data = data.withTraining(rows.features(), classLabels(rows));
        }
        if (training != null && modelCategories.length > 0) {
            data = data.alsoCategorical(modelCategories);
        }
        if (categorical != null) {
            int[] indices = new int[categorical.size()];
            for (int k = 0; k < indices.length; k++) {
                indices[k] = features.indexOf(categorical.get(k).trim());
                if (indices[k] < 0) {
                    throw new IllegalArgumentException("--categorical " + categorical.get(k) + " is not a feature; the"
                            + " features are " + io.jxplain.Names.shortList(features));
                }
            }
            data = data.alsoCategorical(indices);
        }
        // with tree-shap alone the background has served already: it gave the covers
        if (background != null && bases.stream().anyMatch(BACKGROUND_METHODS::contains)) {
            data = data.withBackground(Background.summarise(data("--background", background, loaded, external, err)
                    .features(), summary, seed));
        }
        return data;
    }

    /**
     * --background's rows, whose paths through an ONNX tree ensemble without covers give tree-shap its covers; null
     * without --background.
     */
    DMatrixRMaj treeCoverRows(ModelDataOptions.Loaded loaded, ExternalModelOptions external, PrintWriter err) {
        if (background != null && !summary.equals("all")) {
            throw new IllegalArgumentException("--background-summary " + summary + ": tree-shap counts every"
                    + " --background row's path for its covers; leave the summary at all");
        }
        return background == null ? null : data("--background", background, loaded, external, err).features();
    }

    /** The rows of {@code file} as the explained rows are read (with --feature-groups, each group as its code). */
    private static io.jxplain.data.Dataset data(String what, Path file, ModelDataOptions.Loaded loaded,
                                                ExternalModelOptions external, PrintWriter err) {
        if (loaded.groups() == null) {
            return ModelInput.readData(what, file, loaded.opened(), external, loaded.dataset().featureNames(), err);
        }
        try {
            return ModelDataOptions.ungroupedData(ModelInput.readData(what, file, loaded.opened(), external,
                    loaded.groups().columns(), err), loaded.groups());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** The training rows' class labels (lime's training_labels, for entropy bins), or null when they have none. */
    private static int[] classLabels(io.jxplain.data.Dataset rows) {
        if (!rows.hasTargets()) {
            return null;
        }
        try {
            return rows.labels();
        } catch (IllegalArgumentException e) {
            return null; // a regression target: no classes to cut by
        }
    }
}
