package io.jxplain.model.nn;

import io.jxplain.explain.Explanation;
import io.jxplain.explain.Gradient;
import io.jxplain.model.Model;
import io.jxplain.model.FiniteDifferences;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model file saved with standardisation, loaded as a library user does: raw rows in, raw-unit gradients out. */
class RawInputNetworkTest {
    @TempDir
    Path dir;

    @Test
    void theLoadedModelStandardisesRawRowsAndItsGradientsAreInRawUnits() throws IOException {
        RandomGenerator rng = RandomStreams.stream(3L);
        Network net = NetworkBuilder.tabular(3).dense(6, Activation.ELU).dense(2, Activation.IDENTITY)
                .build(io.jxplain.model.OutputKind.LOGITS, rng);
        double[] mean = {10, -2, 0.5};
        double[] scale = {4, 0.25, 2};
        Path file = dir.resolve("standardised.json");
        NetworkJson.write(new NetworkFile(net, List.of("a", "b", "c"), "y", mean, scale, Map.of()), file);

        Model raw = NetworkFile.load(file).model();
        double[] x = {13, -1.8, 1.1};
        double[] z = new double[3];
        for (int j = 0; j < 3; j++) {
            z[j] = (x[j] - mean[j]) / scale[j];
        }
        assertArrayEquals(net.predict(DMatrixRMaj.wrap(1, 3, z.clone())).data,
                raw.predict(DMatrixRMaj.wrap(1, 3, x.clone())).data, 0.0, "raw rows are standardised first");
        Target p1 = Target.probability(1);
        Explanation inRaw = Gradient.builder().build().explain(raw, p1, x, 0L);
        Explanation inStandardised = Gradient.builder().build().explain(net, p1, z, 0L);
        Explanation numeric = Gradient.builder().build()
                .explain(FiniteDifferences.of(new io.jxplain.testing.BlackBox(raw)), p1, x, 0L);
        for (int j = 0; j < 3; j++) {
            assertEquals(inStandardised.attribution(j) / scale[j], inRaw.attribution(j), 1e-15, "chain rule, feature " + j);
            assertEquals(numeric.attribution(j), inRaw.attribution(j), 1e-6, "the raw model's own slope, feature " + j);
        }
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Network.load(file));
        assertTrue(refused.getMessage().contains("NetworkFile.load(path).model()"), refused.getMessage());
    }
}
