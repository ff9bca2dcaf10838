package io.jxplain.model.nn;

import io.jxplain.model.ImageShape;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.model.TargetGradients;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Convolution, pooling and flattening: forward against a direct formula, gradients against central differences. */
class ImageNetworkTest {
    private static final ImageShape SHAPE = new ImageShape(2, 10, 10);

    /** Every kind of image layer: padding, stride, both poolings, smooth activations (no kinks for differences). */
    static Network smallCnn(long seed) {
        return NetworkBuilder.image(SHAPE)
                .conv(3, 3, 1, 1, Activation.TANH).averagePool(2)
                .conv(4, 3, 2, 1, Activation.ELU).maxPool(2)
                .dense(5, Activation.ELU).dense(3, Activation.IDENTITY)
                .build(OutputKind.LOGITS, seed);
    }

    private static DMatrixRMaj gaussian(int n, int d, long seed) {
        RandomGenerator rng = RandomStreams.stream(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int t = 0; t < x.data.length; t++) {
            x.data[t] = rng.nextGaussian();
        }
        return x;
    }

    @Test
    void shapesFollowTheLayers() {
        Network net = smallCnn(1L);
        assertEquals(200, net.inputSize());
        assertEquals(SHAPE, net.imageShape().orElseThrow());
        List<ImageLayer> layers = net.imageLayers();
        assertEquals(new ImageShape(3, 10, 10), layers.get(0).outputShape()); // padding 1 keeps the size
        assertEquals(new ImageShape(3, 5, 5), layers.get(1).outputShape());
        assertEquals(new ImageShape(4, 3, 3), layers.get(2).outputShape()); // (5 + 2 − 3)/2 + 1
        assertEquals(new ImageShape(4, 1, 1), layers.get(3).outputShape());
        assertTrue(net.describe().contains("conv3x3→3 tanh"), net.describe());
    }

    @Test
    void convolutionMatchesTheDirectFormula() {
        Network net = smallCnn(2L);
        Conv2D conv = (Conv2D) net.imageLayers().get(2);
        ImageShape in = conv.inputShape();
        ImageShape out = conv.outputShape();
        DMatrixRMaj x = gaussian(3, in.size(), 4L);
        double[] z = new double[3 * out.size()];
        conv.forward(x.data, 3, z);
        int k = conv.kernel();
        for (int r = 0; r < 3; r++) {
            for (int o = 0; o < out.channels(); o++) {
                for (int y = 0; y < out.height(); y++) {
                    for (int xx = 0; xx < out.width(); xx++) {
                        double expected = conv.bias()[o];
                        for (int c = 0; c < in.channels(); c++) {
                            for (int i = 0; i < k; i++) {
                                for (int j = 0; j < k; j++) {
                                    int iy = y * conv.stride() + i - conv.padding();
                                    int ix = xx * conv.stride() + j - conv.padding();
                                    if (iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width()) {
                                        expected += conv.weights()[((o * in.channels() + c) * k + i) * k + j]
                                                * x.data[r * in.size() + in.index(c, iy, ix)];
                                    }
                                }
                            }
                        }
                        assertEquals(expected, z[r * out.size() + out.index(o, y, xx)], 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void poolingTakesTheMaximumOrTheMeanOfEachWindow() {
        ImageShape s = new ImageShape(1, 2, 4);
        double[] in = {1, 5, -2, 0, 3, 2, -1, -3};
        double[] max = new double[2];
        double[] mean = new double[2];
        new Pooling2D(s, Pooling2D.Kind.MAX, 2, 2).forward(in, 1, max);
        new Pooling2D(s, Pooling2D.Kind.AVERAGE, 2, 2).forward(in, 1, mean);
        assertArrayEquals(new double[] {5, 0}, max, 0);
        assertArrayEquals(new double[] {11 / 4.0, -6 / 4.0}, mean, 1e-15);
        double[] g = new double[8];
        new Pooling2D(s, Pooling2D.Kind.MAX, 2, 2).backward(in, max, new double[] {1, 2}, 1, g);
        assertArrayEquals(new double[] {0, 1, 0, 2, 0, 0, 0, 0}, g, 0); // to the first maximum of each window
    }

    @Test
    void inputGradientsMatchCentralDifferences() {
        Network net = smallCnn(3L);
        DMatrixRMaj x = gaussian(4, 200, 5L);
        Target target = Target.probability(2);
        TargetGradients tg = net.targetGradients(target, x);
        double h = 1e-5;
        for (int i = 0; i < 4; i++) {
            double errSq = 0;
            double normSq = 0;
            for (int j = 0; j < 200; j++) {
                DMatrixRMaj plus = row(x, i);
                DMatrixRMaj minus = row(x, i);
                plus.data[j] += h;
                minus.data[j] -= h;
                double fd = (value(net, target, plus) - value(net, target, minus)) / (2 * h);
                double g = tg.gradients().get(i, j);
                errSq += (fd - g) * (fd - g);
                normSq += g * g;
            }
            double rel = Math.sqrt(errSq / normSq);
            assertTrue(normSq > 0 && rel <= 1e-6, "row " + i + ": relative error " + rel);
        }
    }

    @Test
    void parameterGradientsMatchCentralDifferences() {
        Network net = smallCnn(6L);
        Network shared = new Network(net.imageLayers(), net.layers(), net.outputKind(), net.eluAlpha(), false);
        DMatrixRMaj x = gaussian(3, 200, 7L);
        DMatrixRMaj u = gaussian(3, 3, 8L); // L = Σ u ⊙ outputs
        List<double[]> parameters = shared.sharedParameters();
        List<double[]> gradients = new ArrayList<>();
        for (double[] p : parameters) {
            gradients.add(new double[p.length]);
        }
        shared.backward(shared.forward(x), u, gradients, false);
        double h = 1e-6;
        RandomGenerator pick = RandomStreams.stream(9L);
        for (int a = 0; a < parameters.size(); a++) {
            double[] p = parameters.get(a);
            for (int trial = 0; trial < 5; trial++) {
                int t = pick.nextInt(p.length);
                double saved = p[t];
                p[t] = saved + h;
                double lp = weightedSum(shared.predict(x), u);
                p[t] = saved - h;
                double lm = weightedSum(shared.predict(x), u);
                p[t] = saved;
                double fd = (lp - lm) / (2 * h);
                assertEquals(fd, gradients.get(a)[t], 1e-6 * Math.max(1, Math.abs(fd)), "parameter array " + a + "[" + t + "]");
            }
        }
    }

    @Test
    void lrpConservesRelevanceThroughABiasFreeReluCnn() {
        Network built = NetworkBuilder.image(new ImageShape(1, 8, 8))
                .conv(3, 3, Activation.RELU).maxPool(2).conv(2, 2, Activation.RELU).averagePool(2)
                .dense(4, Activation.RELU).dense(2, Activation.IDENTITY).build(OutputKind.LOGITS, 10L);
        List<ImageLayer> image = new ArrayList<>();
        for (ImageLayer l : built.imageLayers()) {
            image.add(l instanceof Conv2D c ? new Conv2D(c.inputShape(), c.filters(), c.kernel(), c.stride(), c.padding(),
                    c.weights(), new double[c.filters()], c.activation()) : l);
        }
        List<DenseLayer> dense = new ArrayList<>();
        for (DenseLayer l : built.layers()) {
            dense.add(new DenseLayer(l.weights(), new double[l.outputSize()], l.activation()));
        }
        Network net = new Network(image, dense, OutputKind.LOGITS, 1.0);
        DMatrixRMaj x = gaussian(5, 64, 11L);
        for (int t = 0; t < x.data.length; t++) {
            x.data[t] = Math.abs(x.data[t]);
        }
        DMatrixRMaj logits = net.predict(x);
        DMatrixRMaj seed = new DMatrixRMaj(5, 2);
        for (int i = 0; i < 5; i++) {
            seed.set(i, 1, logits.get(i, 1));
        }
        DMatrixRMaj r = net.relevance(x, seed, 0.0);
        for (int i = 0; i < 5; i++) {
            double sum = 0;
            for (int j = 0; j < 64; j++) {
                sum += r.get(i, j);
            }
            assertEquals(logits.get(i, 1), sum, 1e-9 * Math.max(1, Math.abs(sum)), "row " + i);
        }
    }

    @Test
    void jsonRoundTripGivesTheSameOutputs(@TempDir Path dir) throws IOException {
        Network net = smallCnn(12L);
        Path file = dir.resolve("cnn.json");
        NetworkJson.write(new NetworkFile(net, List.of(), null, null, null, java.util.Map.of()), file);
        Network back = Network.load(file);
        DMatrixRMaj x = gaussian(6, 200, 13L);
        assertArrayEquals(net.predict(x).data, back.predict(x).data, 0.0);
        assertEquals(net.describe(), back.describe());
    }

    @Test
    void badImageFilesGiveErrorsThatNameTheProblem(@TempDir Path dir) throws IOException {
        Path noShape = dir.resolve("a.json");
        Files.writeString(noShape, "{\"layers\": [{\"type\": \"max_pool2d\", \"size\": 2}, {\"type\": \"flatten\"},"
                + " {\"W\": [[1]], \"b\": [0]}]}");
        IOException e1 = assertThrows(IOException.class, () -> NetworkJson.read(noShape));
        assertTrue(e1.getMessage().contains("input_shape"), e1.getMessage());
        Path noFlatten = dir.resolve("b.json");
        Files.writeString(noFlatten, "{\"input_shape\": [1, 2, 2], \"layers\": [{\"type\": \"max_pool2d\", \"size\": 2},"
                + " {\"W\": [[1]], \"b\": [0]}]}");
        IOException e2 = assertThrows(IOException.class, () -> NetworkJson.read(noFlatten));
        assertTrue(e2.getMessage().contains("flatten"), e2.getMessage());
        Path wrongFlat = dir.resolve("c.json");
        Files.writeString(wrongFlat, "{\"input_shape\": [1, 4, 4], \"layers\": [{\"type\": \"avg_pool2d\", \"size\": 2},"
                + " {\"type\": \"flatten\"}, {\"W\": [[1, 2, 3]], \"b\": [0]}]}");
        IOException e3 = assertThrows(IOException.class, () -> NetworkJson.read(wrongFlat));
        assertTrue(e3.getMessage().contains("flattened image layers give 4"), e3.getMessage());
        Path unknown = dir.resolve("d.json");
        Files.writeString(unknown, "{\"layers\": [{\"type\": \"lstm\"}]}");
        IOException e4 = assertThrows(IOException.class, () -> NetworkJson.read(unknown));
        assertTrue(e4.getMessage().contains("unknown layer type 'lstm'"), e4.getMessage());
        assertThrows(IllegalStateException.class, () -> NetworkBuilder.tabular(4).conv(2, 3, Activation.RELU));
    }

    /** 8×8 images of one vertical (class 0) or horizontal (class 1) bar plus noise: a task only shape can solve. */
    static DMatrixRMaj bars(int n, double[] labels, long seed) {
        RandomGenerator rng = RandomStreams.stream(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, 64);
        for (int i = 0; i < n; i++) {
            int label = rng.nextInt(2);
            int line = rng.nextInt(8);
            labels[i] = label;
            for (int k = 0; k < 8; k++) {
                x.data[i * 64 + (label == 0 ? k * 8 + line : line * 8 + k)] = 1.0;
            }
            for (int t = 0; t < 64; t++) {
                x.data[i * 64 + t] += 0.3 * rng.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void aSmallCnnLearnsBarOrientationAndTrainingIsSeeded() {
        double[] yTrain = new double[600];
        DMatrixRMaj train = bars(600, yTrain, 20L);
        double[] yTest = new double[400];
        DMatrixRMaj test = bars(400, yTest, 21L);
        Network architecture = NetworkBuilder.image(new ImageShape(1, 8, 8))
                .conv(4, 3, Activation.RELU).maxPool(2).dense(2, Activation.IDENTITY).build(OutputKind.LOGITS, 22L);
        double[] initialWeights = ((Conv2D) architecture.imageLayers().get(0)).weights();
        TrainingConfig config = TrainingConfig.paperDefaults().withEpochs(5).withSeed(23L);
        Network net = NetworkTrainer.train(architecture, train, yTrain, config, (e, l) -> { });
        DMatrixRMaj logits = net.predict(test);
        int correct = 0;
        for (int i = 0; i < 400; i++) {
            int predicted = logits.get(i, 1) > logits.get(i, 0) ? 1 : 0;
            correct += predicted == yTest[i] ? 1 : 0;
        }
        // a linear model cannot separate the classes (both have eight lit pixels); the CNN must
        assertTrue(correct >= 380, "test accuracy " + correct / 400.0);
        Network again = NetworkTrainer.train(architecture, train, yTrain, config, (e, l) -> { });
        assertArrayEquals(net.predict(test).data, again.predict(test).data, 0.0);
        assertArrayEquals(initialWeights, ((Conv2D) architecture.imageLayers().get(0)).weights(), 0.0,
                "training must not change the architecture passed in");
    }

    private static double weightedSum(DMatrixRMaj out, DMatrixRMaj u) {
        double s = 0;
        for (int t = 0; t < out.data.length; t++) {
            s += out.data[t] * u.data[t];
        }
        return s;
    }

    private static DMatrixRMaj row(DMatrixRMaj x, int i) {
        DMatrixRMaj r = new DMatrixRMaj(1, x.numCols);
        System.arraycopy(x.data, i * x.numCols, r.data, 0, x.numCols);
        return r;
    }

    private static double value(Network net, Target target, DMatrixRMaj row) {
        double[] v = new double[1];
        target.valuesAndSeeds(net.outputKind(), net.predict(row), v, null);
        return v[0];
    }
}
