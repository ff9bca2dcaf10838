package io.jxplain.cli;

import io.jxplain.data.Dataset;
import io.jxplain.model.Target;
import io.jxplain.model.nn.NetworkFile;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The model, the data and the explained scalar: what explain and evaluate both start from. */
final class ModelDataOptions {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file (.json, from 'jxplain train').")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV file with a header row (.csv or .csv.gz).")
    Path data;

    @Option(names = "--target", paramLabel = "KIND:I",
            description = "Explained scalar: probability:I, logit:I or output:I. Default: probability:1 for a classifier, output:0 for regression.")
    String target;

    @Option(names = "--max-rows", paramLabel = "N", description = "Only the first N rows.")
    Integer maxRows;

    /** A loaded model, its target, the data set and the rows to work on (in the model's input space). */
    record Loaded(NetworkFile file, Target target, Dataset dataset, DMatrixRMaj rows) {
    }

    Loaded load(PrintWriter err) throws IOException {
        NetworkFile file = ModelInput.loadModel(model);
        Target t = target == null ? ModelInput.defaultTarget(file) : Target.parse(target);
        t.validateFor(file.network());
        Dataset dataset = ModelInput.loadData(data, file, err);
        DMatrixRMaj rows = dataset.features();
        if (maxRows != null) {
            if (maxRows < 1) {
                throw new IllegalArgumentException("--max-rows must be at least 1, got " + maxRows);
            }
            rows = CommonOps_DDRM.extract(rows, 0, Math.min(maxRows, rows.numRows), 0, rows.numCols);
        }
        return new Loaded(file, t, dataset, rows);
    }
}
