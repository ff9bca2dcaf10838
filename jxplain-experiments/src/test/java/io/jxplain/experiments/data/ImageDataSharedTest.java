package io.jxplain.experiments.data;

import io.jxplain.data.TrainTestSplit;
import io.jxplain.data.ImageDataset;
import io.jxplain.data.Dataset;
import io.jxplain.explain.AttributionMap;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.KernelShap;
import io.jxplain.explain.Occlusion;
import io.jxplain.model.Accuracy;
import io.jxplain.model.Target;
import io.jxplain.model.nn.ImageNetworks;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkTrainer;
import io.jxplain.testing.SharedData;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The image sets of ../shared/data load as documented there, and the ready-made CNNs learn them. */
@Tag("shared-data")
class ImageDataSharedTest {
    @Test
    void mnistTestSetHasTheDocumentedLabelCounts() {
        ImageDataset mnist = ImageData.mnist(SharedData.root().resolve("data"), 0);
        assertEquals(10_000, mnist.data().rows());
        assertEquals("1x28x28", mnist.shape().toString());
        int[] counts = new int[10];
        for (int label : mnist.data().labels()) {
            counts[label]++;
        }
        assertEquals(java.util.List.of(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009),
                java.util.Arrays.stream(counts).boxed().toList());
        double max = 0;
        for (double v : mnist.data().features().data) {
            max = Math.max(max, v);
        }
        assertEquals(1.0, max, 0.0);
    }

    /** 8k training / 2k test images, 3 epochs: measured 0.972 test accuracy; the floor says it learned digits. */
    @Test
    void theMnistCnnLearnsFrom8kImagesAndKernelShapOnItIsEfficient() {
        ImageDataset mnist = ImageData.mnist(SharedData.root().resolve("data"), 0);
        TrainTestSplit split = split(mnist.data(), 8000);
        Network net = NetworkTrainer.train(ImageNetworks.mnist(1L), split.train().features(), split.train().targets(),
                ImageNetworks.training(3, 2L), (e, l) -> System.out.println("MNIST epoch " + e + " loss " + l));
        double acc = accuracy(net, split.test());
        System.out.println("MNIST test accuracy " + acc);
        assertTrue(acc > 0.95, "accuracy " + acc);
        int label = split.test().labels()[0];
        double[] x = split.test().row(0);
        Target target = Target.probability(label);
        Explanation shap = KernelShap.builder().samples(1000).build().explain(net, target, x, 3L);
        double sum = 0;
        for (double v : shap.attributions()) {
            sum += v;
        }
        double fx = net.targetGradients(target, DMatrixRMaj.wrap(1, 784, x.clone())).values()[0];
        double f0 = net.targetGradients(target, new DMatrixRMaj(1, 784)).values()[0];
        assertEquals(fx - f0, sum, 1e-9, "efficiency on a 784-pixel image");
        // MNIST's 4-pixel border is blank: occluding it with zeros changes nothing, so the corner gets exactly 0
        AttributionMap map = AttributionMap.of(Occlusion.builder().sliding(4, 2).build()
                .explain(net, target, x, 0L), mnist.shape());
        assertEquals(0.0, map.get(0, 0, 0), 0.0);
        assertTrue(Math.abs(map.get(0, 14, 14)) > 0, "the centre of the digit matters");
    }

    @Test
    void theDigitsCnnLearnsTheDigits() {
        ImageDataset digits = ImageData.digits(SharedData.root().resolve("data").resolve(ImageData.DIGITS_FILE), w -> { });
        assertEquals(1797, digits.data().rows());
        TrainTestSplit split = split(digits.data(), 1400);
        Network net = NetworkTrainer.train(ImageNetworks.digits(1L), split.train().features(), split.train().targets(),
                ImageNetworks.training(20, 2L), (e, l) -> { });
        double acc = accuracy(net, split.test());
        System.out.println("digits test accuracy " + acc);
        assertTrue(acc > 0.9, "accuracy " + acc);
    }

    static TrainTestSplit split(Dataset d, int train) {
        return TrainTestSplit.of(d, (double) train / d.rows(), 7L);
    }

    static double accuracy(Network net, Dataset test) {
        return Accuracy.of(net, test.features(), test.labels());
    }
}
