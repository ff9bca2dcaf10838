package io.jxplain.cli;

import io.jxplain.model.ImageShape;
import io.jxplain.model.OutputKind;
import picocli.CommandLine.Option;

import java.util.Locale;

/** How to read a model trained elsewhere (.onnx, .pt): which output, what it means, the input's shape. */
final class ExternalModelOptions {
    @Option(names = "--output", paramLabel = "NAME",
            description = "ONNX: the explained output, when the graph has several.")
    String output;

    @Option(names = "--output-kind", paramLabel = "KIND",
            description = "ONNX/TorchScript: logits, probabilities or regression. Default: read off the model"
                    + " (rows that sum to 1 on random inputs are probabilities; one output is regression).")
    String outputKind;

    @Option(names = "--input-shape", paramLabel = "CxHxW",
            description = "TorchScript image models: the input's channels×height×width (TorchScript files do not say).")
    String inputShape;

    @Option(names = "--label-column", paramLabel = "NAME",
            description = "A column of --data that holds labels, not features (for models that do not name their columns).")
    String labelColumn;

    OutputKind outputKind() {
        if (outputKind == null) {
            return null;
        }
        try {
            return OutputKind.valueOf(outputKind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--output-kind must be logits, probabilities or regression, got '"
                    + outputKind + "'");
        }
    }

    ImageShape imageShape() {
        return inputShape == null ? null : ImageShape.parse(inputShape);
    }
}
