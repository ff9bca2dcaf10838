package io.jxplain.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * LIME's entropy bins against scikit-learn's own trees: fixtures/lime/entropy-cuts.json holds, for four cases (a
 * noisy two-class threshold, three classes with ties, unrelated labels, one class), the cut points lime's
 * EntropyDiscretizer takes from DecisionTreeClassifier(criterion="entropy", max_depth=3) (make_entropy_cuts.py).
 */
class EntropyCutsTest {
    @Test
    void theCutsAreScikitLearnsTreeThresholds() throws IOException {
        JsonNode root = new ObjectMapper().readTree(Path.of("..", "fixtures", "lime", "entropy-cuts.json").toFile());
        for (JsonNode c : root.get("cases")) {
            double[] values = new double[c.get("values").size()];
            int[] labels = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = c.get("values").get(i).asDouble();
                labels[i] = c.get("labels").get(i).asInt();
            }
            double[] expected = new double[c.get("cuts").size()];
            for (int k = 0; k < expected.length; k++) {
                expected[k] = c.get("cuts").get(k).asDouble();
            }
            assertArrayEquals(expected, EntropyCuts.of(values, labels), 1e-12, c.get("name").asText());
        }
    }
}
