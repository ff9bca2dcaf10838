package io.jxplain.cli;

import io.jxplain.Names;
import io.jxplain.data.CsvDatasetReader;
import io.jxplain.data.Dataset;
import io.jxplain.data.Standardization;
import io.jxplain.data.TableReadOptions;
import io.jxplain.model.Model;
import io.jxplain.spark.ModelSource.Format;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.model.nn.NetworkFile;

import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a model file and the data to explain with it. A built-in network brings its own column choice and
 * standardisation; an external model (.onnx, .pt) takes every numeric column but --label-column, as they are.
 */
final class ModelInput {
    private ModelInput() {
    }

    /** The open model and the data in its input space. */
    record Prepared(ModelFiles.Opened opened, Dataset dataset) {
    }

    /**
     * Opens the model and reads the data once (standard input when {@code data} is "-"), at most {@code maxRows}
     * rows (0: all).
     */
    static Prepared load(Path modelPath, Path data, ExternalModelOptions external, long maxRows, String idColumn,
                         PrintWriter err) throws IOException {
        Format format = io.jxplain.spark.ModelSource.formatOf(modelPath);
        Main.doing("reading " + data);
        if (format == Format.BUILT_IN) {
            ModelFiles.Opened opened = ModelFiles.open(modelPath, external, null);
            return new Prepared(opened, builtInData(data, opened.builtIn(), external.labelColumn, maxRows, idColumn, err));
        }
        Dataset d = CsvDatasetReader.read(data, TableReadOptions.target(external.labelColumn).withMaxRows(maxRows)
                .withIdColumn(idColumn), warnings(err));
        ModelFiles.Opened opened;
        try {
            opened = ModelFiles.open(modelPath, external, d.dimension());
        } catch (IllegalArgumentException e) {
            if (format == Format.TORCHSCRIPT && external.imageShape() == null) {
                throw new IllegalArgumentException(e.getMessage() + " (the width is the " + d.dimension()
                        + " numeric columns of " + data.getFileName() + ", " + Names.shortList(d.featureNames())
                        + "; mark a label column with --label-column)", e);
            }
            throw e;
        }
        try {
            d = byInputName(data, d, opened.model());
            checkWidth(data, d, opened.model());
            return new Prepared(opened, d);
        } catch (RuntimeException e) {
            try {
                opened.close();
            } catch (Exception ignored) {
                // the width error is the one to report
            }
            throw e;
        }
    }

    /**
     * More rows for the same model, read as --data is (the model's columns and standardisation; a label column, if
     * the file has one, left out): training rows for LIME, a background for Shapley values. {@code what} names the
     * option in messages; the columns must be {@code features}, those of the explained data.
     */
    static DMatrixRMaj readRows(String what, Path file, ModelFiles.Opened opened, ExternalModelOptions external,
                                List<String> features, PrintWriter err) {
        return readData(what, file, opened, external, features, err).features();
    }

    /** As {@link #readRows}, with the file's labels when it has the label column. */
    static Dataset readData(String what, Path file, ModelFiles.Opened opened, ExternalModelOptions external,
                            List<String> features, PrintWriter err) {
        Dataset d;
        try {
            if (opened.builtIn() != null) {
                d = builtInData(file, opened.builtIn(), external.labelColumn, 0, null, err);
            } else {
                TableReadOptions options = external.labelColumn == null ? TableReadOptions.target(null)
                        : TableReadOptions.optionalTarget(external.labelColumn);
                d = CsvDatasetReader.read(file, options.withFeatures(features), warnings(err));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + " " + file + ": " + UserErrors.describe(e), e);
        }
        if (!d.featureNames().equals(features)) {
            throw new IllegalArgumentException(what + " " + file + " has the columns " + Names.shortList(d.featureNames())
                    + "; the explained data has " + Names.shortList(features));
        }
        return d;
    }

    /** The rows of a built-in network, standardised if it was trained on standardised data. */
    private static Dataset builtInData(Path data, NetworkFile model, String labelColumn, long maxRows, String idColumn,
                                       PrintWriter err) {
        List<String> features = model.featureNames().isEmpty() ? null : model.featureNames();
        // The model's target column, when the file has it, is read as labels (never as a feature); --label-column
        // names it for a network file that does not.
        TableReadOptions options = labelColumn != null ? TableReadOptions.target(labelColumn)
                : model.targetName() != null ? TableReadOptions.optionalTarget(model.targetName())
                : TableReadOptions.target(null);
        Dataset d = CsvDatasetReader.read(data, options.withFeatures(features).withMaxRows(maxRows).withIdColumn(idColumn)
                .withCategories(model.categories()), warnings(err));
        if (model.hasCategories()) { // the model takes the codes, and standardises after encoding them itself
            checkWidth(data, d, model.model());
            return d;
        }
        checkWidth(data, d, model.network());
        if (model.hasStandardization()) {
            d = new Standardization(model.inputMean(), model.inputScale()).apply(d);
        }
        return d;
    }

    /**
     * The data's columns in the order of an ONNX graph that takes one input per column (what skl2onnx makes from a
     * DataFrame), matched by name; other data as it is.
     */
    private static Dataset byInputName(Path data, Dataset d, io.jxplain.model.Model model) {
        List<String> names = model instanceof io.jxplain.onnx.OnnxModel onnx ? onnx.signature().columnNames()
                : model instanceof io.jxplain.model.tree.TreeEnsemble trees ? trees.featureNames() : List.of();
        if (names.isEmpty() || names.equals(d.featureNames())) {
            return d;
        }
        List<String> lacking = names.stream().filter(n -> !d.featureNames().contains(n)).toList();
        if (!lacking.isEmpty()) {
            throw new IllegalArgumentException(data + " lacks column(s) " + Names.shortList(lacking) + " that the"
                    + " model's inputs name; its numeric columns are " + Names.shortList(d.featureNames()));
        }
        DMatrixRMaj x = d.features();
        DMatrixRMaj picked = new DMatrixRMaj(x.numRows, names.size());
        for (int j = 0; j < names.size(); j++) {
            int from = d.featureNames().indexOf(names.get(j));
            for (int i = 0; i < x.numRows; i++) {
                picked.data[i * names.size() + j] = x.data[i * x.numCols + from];
            }
        }
        Dataset out = new Dataset(picked, d.hasTargets() ? d.targets() : null, names, d.targetName());
        return d.rowIds() == null ? out : out.withRowIds(d.rowIds());
    }

    private static java.util.function.Consumer<String> warnings(PrintWriter err) {
        return w -> err.println("jxplain: warning: " + w);
    }

    private static void checkWidth(Path data, Dataset d, Model model) {
        if (d.dimension() != model.inputSize()) {
            throw new IllegalArgumentException(data + " has " + d.dimension() + " numeric feature columns ("
                    + Names.shortList(d.featureNames()) + ") but " + model.describe() + " takes " + model.inputSize()
                    + " inputs");
        }
    }

    /** probability:1 for a binary classifier, probability:0 for a one-output probability model, output:0 otherwise. */
    static Target defaultTarget(Model model) {
        if (model.outputKind() == OutputKind.REGRESSION) {
            return Target.output(0);
        }
        int k = model.outputSize() > 1 ? 1 : 0;
        // a boosted ensemble's margin, as XGBoost's pred_contribs and shap's TreeExplainer explain it (and TreeSHAP can)
        boolean margins = model instanceof io.jxplain.model.tree.TreeEnsemble && model.outputKind() == OutputKind.LOGITS;
        return margins ? Target.logit(k) : Target.probability(k);
    }
}
