package io.jxplain.cli;

import io.jxplain.data.Dataset;
import io.jxplain.model.Model;
import io.jxplain.model.RowTargets;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The model, the data and the explained scalar: what explain and evaluate both start from. */
final class ModelDataOptions {
    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "Model file: .json (from 'jxplain train'), .onnx (ONNX) or .pt (TorchScript).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV file with a header row (plain or gzip); - reads standard input.")
    Path data;

    @Option(names = "--target", paramLabel = "KIND:I",
            description = "Explained scalar: probability:I, logit:I or output:I; or per row (explain): predicted (each"
                    + " row's predicted class), label (its class in the label column), logit:predicted, logit:label."
                    + " Default: probability:1 for a classifier, output:0 for regression.")
    String target;

    @Option(names = "--max-rows", paramLabel = "N", description = "Only the first N rows (the rest of the file is not read).")
    Integer maxRows;

    @Option(names = "--feature-groups", paramLabel = "NAME=COL,COL,…",
            description = "One-hot columns explained as one categorical feature NAME (repeat for several groups):"
                    + " each row must have exactly one of them at 1; the output and report name it by NAME and its"
                    + " category. For external models (a built-in network takes --categorical at training).")
    java.util.List<String> featureGroups;

    @Mixin
    ExternalModelOptions external;

    /**
     * A loaded model, its target, the data set and the rows to work on (in the model's input space). Close it to
     * free an external model's native session.
     */
    record Loaded(ModelFiles.Opened opened, RowTargets targets, Dataset dataset, DMatrixRMaj rows,
                  io.jxplain.model.CategoricalInputs groups) implements AutoCloseable {
        /** What explainers and metrics run on. */
        Model model() {
            return opened.explained();
        }

        /** The one target of every row, for a command that explains one scalar ({@code command}). */
        Target fixedTarget(String command) {
            if (!targets.isFixed()) {
                throw new IllegalArgumentException("--target " + targets + ": " + command + " explains the same scalar"
                        + " for every row (probability:I, logit:I, output:I); per-row targets are for explain");
            }
            return targets.fixed();
        }

        boolean standardized() {
            return opened.builtIn() != null && opened.builtIn().hasStandardization();
        }

        @Override
        public void close() throws Exception {
            opened.close();
        }
    }

    /** The explained model with each --feature-groups group as one categorical feature. */
    private static io.jxplain.model.CategoricalInputs grouped(ModelInput.Prepared prepared, java.util.List<String> specs) {
        if (prepared.opened().builtIn() != null) {
            throw new IllegalArgumentException("--feature-groups is for external models; train a built-in network with"
                    + " --categorical COL, which keeps the column's categories in the model file");
        }
        java.util.Map<String, java.util.List<String>> groups = new java.util.LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq < 1 || eq == spec.length() - 1) {
                throw new IllegalArgumentException("--feature-groups takes NAME=COL,COL,…, got '" + spec + "'");
            }
            java.util.List<String> members = java.util.Arrays.stream(spec.substring(eq + 1).split(","))
                    .map(String::trim).toList();
            if (groups.put(spec.substring(0, eq).trim(), members) != null) {
                throw new IllegalArgumentException("--feature-groups names group '" + spec.substring(0, eq) + "' twice");
            }
        }
        try {
            return io.jxplain.model.CategoricalInputs.grouped(prepared.opened().explained(),
                    prepared.dataset().featureNames(), groups);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--feature-groups: " + e.getMessage(), e);
        }
    }

    /** The data with each group's one-hot columns as the code of its category, named by the group's levels. */
    static Dataset ungroupedData(Dataset d, io.jxplain.model.CategoricalInputs groups) {
        Dataset coded = new Dataset(groups.decode(d.features()), d.hasTargets() ? d.targets() : null,
                groups.features(), d.targetName()).withCategories(groups.levels());
        return d.rowIds() == null ? coded : coded.withRowIds(d.rowIds());
    }

    /**
     * The run on {@code explained} instead (an ONNX tree ensemble rebuilt in Java), the model file still open; the
     * default target is recomputed for it (a boosted ensemble explains its margin).
     */
    Loaded withExplained(Loaded loaded, Model explained) {
        ModelFiles.Opened o = loaded.opened();
        return new Loaded(new ModelFiles.Opened(o.format(), o.model(), explained, o.builtIn()),
                targets(explained, loaded.dataset()), loaded.dataset(), loaded.rows(), loaded.groups());
    }

    /** --target for {@code m} (the model's default when not given), with the rows' labels when it needs them. */
    private RowTargets targets(Model m, Dataset d) {
        try {
            RowTargets t = target == null ? RowTargets.fixed(ModelInput.defaultTarget(m)) : RowTargets.parse(target);
            if (t.needsLabels()) {
                if (!d.hasTargets()) {
                    throw new IllegalArgumentException("the rows' labels are needed; name their column with"
                            + " --label-column");
                }
                t = t.withLabels(d.labels());
            }
            t.validateFor(m, d.rows());
            return t;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--target " + target + ": " + e.getMessage(), e);
        }
    }

    Loaded load(PrintWriter err) throws IOException {
        return load(err, null);
    }

    /** The model and the data, each row named by the text of {@code idColumn} (null: by its position). */
    Loaded load(PrintWriter err, String idColumn) throws IOException {
        if (maxRows != null && maxRows < 1) {
            throw new IllegalArgumentException("--max-rows must be at least 1, got " + maxRows);
        }
        ModelInput.Prepared prepared = ModelInput.load(model, data, external, maxRows == null ? 0 : maxRows, idColumn,
                err);
        try {
            Model m = prepared.opened().model();
            Dataset d = prepared.dataset();
            io.jxplain.model.CategoricalInputs groups = null;
            if (featureGroups != null) {
                groups = grouped(prepared, featureGroups);
                prepared = new ModelInput.Prepared(new ModelFiles.Opened(prepared.opened().format(), m, groups,
                        prepared.opened().builtIn()), d);
                d = ungroupedData(d, groups);
            }
            return new Loaded(prepared.opened(), targets(m, d), d, d.features(), groups);
        } catch (RuntimeException e) {
            try {
                prepared.opened().close();
            } catch (Exception ignored) {
                // the target error is the one to report
            }
            throw e;
        }
    }
}
