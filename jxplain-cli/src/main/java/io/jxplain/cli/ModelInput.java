package io.jxplain.cli;

import io.jxplain.data.CsvDatasetReader;
import io.jxplain.data.Dataset;
import io.jxplain.data.Standardization;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.model.nn.NetworkFile;
import io.jxplain.model.nn.NetworkJson;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Loads a model file and the data to explain with it, applying the model's own column choice and standardisation. */
final class ModelInput {
    private ModelInput() {
    }

    static NetworkFile loadModel(Path path) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".json")) {
            throw new IllegalArgumentException(path + ": unsupported model format; this version reads jxplain's own"
                    + " .json networks (ONNX and TorchScript support is planned in separate modules)");
        }
        return NetworkJson.read(path);
    }

    /** The rows to explain, in the model's input space (standardised if the model was trained on standardised data). */
    static Dataset loadData(Path data, NetworkFile model, PrintWriter err) {
        List<String> features = model.featureNames().isEmpty() ? null : model.featureNames();
        // The target column, when the file has it, is read as labels (never as a feature).
        String target = model.targetName() != null && CsvDatasetReader.header(data).contains(model.targetName())
                ? model.targetName() : null;
        Dataset d = CsvDatasetReader.read(data, target, features, w -> err.println("jxplain: warning: " + w));
        int expected = model.network().inputSize();
        if (d.dimension() != expected) {
            throw new IllegalArgumentException(data + " has " + d.dimension() + " numeric feature columns " + d.featureNames()
                    + " but the model takes " + expected + " inputs");
        }
        if (model.hasStandardization()) {
            d = new Standardization(model.inputMean(), model.inputScale()).apply(d);
        }
        return d;
    }

    /** probability:1 for a binary classifier, probability:0 for a one-output probability model, output:0 otherwise. */
    static Target defaultTarget(NetworkFile model) {
        OutputKind kind = model.network().outputKind();
        if (kind == OutputKind.REGRESSION) {
            return Target.output(0);
        }
        return Target.probability(model.network().outputSize() > 1 ? 1 : 0);
    }
}
