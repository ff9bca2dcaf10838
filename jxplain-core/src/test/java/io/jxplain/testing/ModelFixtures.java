package io.jxplain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The external-model fixtures of fixtures/models (made by make_models.py with PyTorch): the same networks as ONNX,
 * TorchScript and jxplain JSON, and what PyTorch computed on a few inputs.
 */
public final class ModelFixtures {
    private ModelFixtures() {
    }

    /** fixtures/models/{@code name}, from any module folder of the checkout. */
    public static Path path(String name) {
        Path p = Path.of("..", "fixtures", "models", name);
        if (!Files.exists(p)) {
            throw new IllegalStateException("fixture " + p.toAbsolutePath() + " is missing");
        }
        return p;
    }

    /** Inputs (n×d, flat), outputs (n×k) and input gradients of each output ("output:c") from PyTorch. */
    public record Expected(DMatrixRMaj inputs, DMatrixRMaj outputs, Map<String, DMatrixRMaj> gradients) {
    }

    public static Expected expected(String model) {
        try {
            JsonNode root = new ObjectMapper().readTree(path(model + ".expected.json").toFile());
            Map<String, DMatrixRMaj> gradients = new TreeMap<>();
            root.get("gradients").fields().forEachRemaining(e -> gradients.put(e.getKey(), matrix(e.getValue())));
            return new Expected(matrix(root.get("inputs")), matrix(root.get("outputs")), gradients);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DMatrixRMaj matrix(JsonNode rows) {
        DMatrixRMaj m = new DMatrixRMaj(rows.size(), rows.get(0).size());
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                m.set(i, j, rows.get(i).get(j).asDouble());
            }
        }
        return m;
    }
}
