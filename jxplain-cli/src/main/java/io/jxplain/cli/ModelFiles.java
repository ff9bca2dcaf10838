package io.jxplain.cli;

import io.jxplain.model.FiniteDifferences;
import io.jxplain.model.Model;
import io.jxplain.model.nn.NetworkFile;
import io.jxplain.onnx.OnnxModel;
import io.jxplain.spark.ModelSource;
import io.jxplain.spark.ModelSource.Format;

import java.nio.file.Path;

/**
 * Opens a model file by its extension through {@link ModelSource} (the reader the Spark job ships to executors):
 * .json (jxplain's built-in networks, or XGBoost's JSON models), .onnx (ONNX Runtime) or .pt (TorchScript through
 * DJL's PyTorch engine). An ONNX model is a black box: the CLI gives it gradients by central finite differences, so
 * every method runs on it.
 */
final class ModelFiles {
    /**
     * An open model. {@code explained} is what explainers run on (the ONNX model wrapped in finite differences);
     * {@code builtIn} holds a built-in network's file metadata (null for external models).
     */
    record Opened(Format format, Model model, Model explained, NetworkFile builtIn) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (model instanceof AutoCloseable c) {
                c.close();
            }
        }
    }

    private ModelFiles() {
    }

    /**
     * Opens {@code path}. {@code inputSize} (the data's feature count, or null) tells a TorchScript model its input
     * width when {@code --input-shape} does not.
     */
    static Opened open(Path path, ExternalModelOptions options, Integer inputSize) {
        Format format = ModelSource.formatOf(path);
        ModelSource source = ModelSource.of(path);
        if (options.outputKind() != null && format == Format.XGBOOST) {
            throw new IllegalArgumentException("--output-kind: " + path.getFileName() + " is an XGBoost model, whose"
                    + " objective says what its outputs are");
        }
        if (options.outputKind() != null && format != Format.BUILT_IN) {
            source = source.withOutputKind(options.outputKind());
        }
        if (options.output != null) {
            if (format != Format.ONNX) {
                throw new IllegalArgumentException("--output names an ONNX output; " + path.getFileName() + " has one");
            }
            source = source.withOnnxOutput(options.output);
        }
        if (format == Format.TORCHSCRIPT) {
            if (options.imageShape() != null) {
                source = source.withImageShape(options.imageShape());
            } else if (inputSize != null) {
                source = source.withInputSize(inputSize);
            } else {
                throw new IllegalArgumentException(path.getFileName() + ": a TorchScript file does not declare its"
                        + " input shape; give --input-size D or --input-shape CxHxW");
            }
        }
        Model model = source.openModel();
        Model explained = model instanceof OnnxModel onnx ? FiniteDifferences.of(onnx) : model;
        return new Opened(format, model, explained, source.networkFile());
    }
}
