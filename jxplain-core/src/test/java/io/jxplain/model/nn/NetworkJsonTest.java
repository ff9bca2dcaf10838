package io.jxplain.model.nn;

import io.jxplain.model.OutputKind;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkJsonTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryWeightAndTheMetadata() throws IOException {
        Network net = NetworkGradientTest.randomNetwork(new int[] {3, 5, 2}, Activation.TANH, OutputKind.PROBABILITIES, 1L);
        NetworkFile file = new NetworkFile(net, List.of("a", "b", "c"), "y", new double[] {1, 2, 3},
                new double[] {0.5, 1, 2}, Map.of("epochs", 15));
        Path path = dir.resolve("m.json");
        NetworkJson.write(file, path);
        NetworkFile back = NetworkJson.read(path);
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{0.1, -0.2, 0.3}, {1, 2, 3}});
        assertArrayEquals(net.predict(x).data, back.network().predict(x).data, 0.0);
        assertEquals(List.of("a", "b", "c"), back.featureNames());
        assertEquals("y", back.targetName());
        assertArrayEquals(new double[] {0.5, 1, 2}, back.inputScale(), 0.0);
        assertEquals(OutputKind.PROBABILITIES, back.network().outputKind());
        assertEquals(15, ((Number) back.provenance().get("epochs")).intValue());
    }

    @Test
    void theSameFileIsWrittenByteForByteWhateverTheJvmRun() throws IOException {
        // Map.copyOf orders its entries by a per-JVM random salt: provenance written in that order changed the model
        // file from one run to the next; it must keep the caller's order (OrderedMaps)
        Network net = NetworkGradientTest.randomNetwork(new int[] {2, 3, 2}, Activation.ELU, OutputKind.LOGITS, 2L);
        Map<String, Object> provenance = new java.util.LinkedHashMap<>();
        for (String key : List.of("data", "epochs", "train_accuracy", "test_accuracy", "seed", "hidden", "optimizer",
                "jxplain_version")) {
            provenance.put(key, key.length());
        }
        Path path = dir.resolve("ordered.json");
        NetworkJson.write(new NetworkFile(net, List.of(), null, null, null, provenance), path);
        String json = Files.readString(path);
        int last = -1;
        for (String key : provenance.keySet()) {
            int at = json.indexOf("\"" + key + "\"");
            assertTrue(at > last, key + " is out of the order it was given in:\n" + json);
            last = at;
        }
        assertEquals(List.copyOf(provenance.keySet()), List.copyOf(NetworkJson.read(path).provenance().keySet()));
    }

    @Test
    void readsTheCaptumReferenceLayout() throws IOException {
        Path path = dir.resolve("ref.json");
        Files.writeString(path, "{\"layers\": [{\"W\": [[1.0, 2.0]], \"b\": [0.5], \"activation\": \"elu\"},"
                + " {\"W\": [[1.0], [-1.0]], \"b\": [0, 0], \"activation\": \"none\"}], \"elu_alpha\": 1.0,"
                + " \"explained_output\": {\"kind\": \"softmax_probability\", \"class\": 1}}");
        Network net = Network.load(path);
        assertEquals(OutputKind.LOGITS, net.outputKind());
        DMatrixRMaj out = net.predict(new DMatrixRMaj(new double[][] {{-1, -1}}));
        double h = Math.expm1(-1 - 2 + 0.5);
        assertArrayEquals(new double[] {h, -h}, out.data, 1e-15);
    }

    @Test
    void badFilesGiveErrorsThatNameTheProblem() throws IOException {
        assertThrows(NoSuchFileException.class, () -> NetworkJson.read(dir.resolve("missing.json")));
        Path notJson = dir.resolve("x.json");
        Files.writeString(notJson, "this is not json");
        IOException e1 = assertThrows(IOException.class, () -> NetworkJson.read(notJson));
        assertTrue(e1.getMessage().contains("not valid JSON"), e1.getMessage());
        Path ragged = dir.resolve("r.json");
        Files.writeString(ragged, "{\"layers\": [{\"W\": [[1, 2], [3]], \"b\": [0, 0]}]}");
        IOException e2 = assertThrows(IOException.class, () -> NetworkJson.read(ragged));
        assertTrue(e2.getMessage().contains("row 1 of W"), e2.getMessage());
        Path mismatch = dir.resolve("m.json");
        Files.writeString(mismatch, "{\"layers\": [{\"W\": [[1, 2]], \"b\": [0]}, {\"W\": [[1, 2]], \"b\": [0]}]}");
        IOException e3 = assertThrows(IOException.class, () -> NetworkJson.read(mismatch));
        assertTrue(e3.getMessage().contains("layer 1 takes 2 inputs"), e3.getMessage());
        Path badAct = dir.resolve("a.json");
        Files.writeString(badAct, "{\"layers\": [{\"W\": [[1]], \"b\": [0], \"activation\": \"swish\"}]}");
        IOException e4 = assertThrows(IOException.class, () -> NetworkJson.read(badAct));
        assertTrue(e4.getMessage().contains("swish"), e4.getMessage());
        Path nan = dir.resolve("n.json");
        Files.writeString(nan, "{\"layers\": [{\"W\": [[\"NaN\"]], \"b\": [0]}]}");
        IOException e5 = assertThrows(IOException.class, () -> NetworkJson.read(nan));
        assertTrue(e5.getMessage().contains("must be a number"), e5.getMessage());
    }
}
