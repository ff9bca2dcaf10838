package io.jxplain.cli;

import io.jxplain.model.FiniteDifferences;
import io.jxplain.model.Model;
import io.jxplain.model.nn.NetworkFile;
import io.jxplain.model.nn.NetworkJson;
import io.jxplain.onnx.OnnxModel;
import io.jxplain.torch.TorchScriptModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a model file by its extension: .json (jxplain's built-in networks), .onnx (ONNX Runtime) or .pt
 * (TorchScript through DJL's PyTorch engine). An ONNX model is a black box: the CLI gives it gradients by central
 * finite differences, so every method runs on it.
 */
final class ModelFiles {
    /** The three formats, by file extension. */
    enum Format {
        BUILT_IN(".json"), ONNX(".onnx"), TORCHSCRIPT(".pt");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        static Format of(Path path) {
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (name.endsWith(f.extension)) {
                    return f;
                }
            }
            if (name.endsWith(".torchscript") || name.endsWith(".pth")) {
                return TORCHSCRIPT;
            }
            throw new IllegalArgumentException(path + ": unknown model format; jxplain reads .json (its own networks),"
                    + " .onnx (ONNX) and .pt (TorchScript)");
        }
    }

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
    static Opened open(Path path, ExternalModelOptions options, Integer inputSize) throws IOException {
        Format format = Format.of(path);
        switch (format) {
            case BUILT_IN -> {
                NetworkFile file = NetworkJson.read(path);
                return new Opened(format, file.network(), file.network(), file);
            }
            case ONNX -> {
                OnnxModel.Builder b = OnnxModel.builder(path).output(options.output);
                if (options.outputKind() != null) {
                    b.outputKind(options.outputKind());
                }
                OnnxModel onnx = b.build();
                return new Opened(format, onnx, FiniteDifferences.of(onnx), null);
            }
            default -> {
                if (options.output != null) {
                    throw new IllegalArgumentException("--output names an ONNX output; a TorchScript model has one");
                }
                TorchScriptModel.Builder b = TorchScriptModel.builder(path);
                if (options.imageShape() != null) {
                    b.imageShape(options.imageShape());
                } else if (inputSize != null) {
                    b.inputSize(inputSize);
                } else {
                    throw new IllegalArgumentException(path.getFileName() + ": a TorchScript file does not declare its"
                            + " input shape; give --input-size D or --input-shape CxHxW");
                }
                if (options.outputKind() != null) {
                    b.outputKind(options.outputKind());
                }
                TorchScriptModel torch = b.build();
                return new Opened(format, torch, torch, null);
            }
        }
    }
}
