package io.jxplain.model.nn;

import io.jxplain.internal.HeapBudget;
import io.jxplain.model.ImageShape;
import io.jxplain.model.OutputKind;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Builds a freshly initialised network layer by layer, e.g. a small CNN for MNIST:
 * <pre>
 * NetworkBuilder.image(new ImageShape(1, 28, 28))
 *     .conv(8, 5, Activation.RELU).maxPool(2)
 *     .conv(16, 5, Activation.RELU).maxPool(2)
 *     .dense(64, Activation.RELU).dense(10, Activation.IDENTITY)
 *     .build(OutputKind.LOGITS, seed);
 * </pre>
 * Weights and biases are drawn as PyTorch's defaults for nn.Linear and nn.Conv2d: uniform in ±1/√fan_in, with
 * fan_in = inputs of a dense layer, channels·k² of a convolution. The first dense layer flattens the image.
 */
public final class NetworkBuilder {
    private sealed interface Spec permits ConvSpec, PoolSpec, DenseSpec {
    }

    private record ConvSpec(int filters, int kernel, int stride, int padding, Activation activation) implements Spec {
    }

    private record PoolSpec(Pooling2D.Kind kind, int size, int stride) implements Spec {
    }

    private record DenseSpec(int units, Activation activation) implements Spec {
    }

    private final ImageShape imageShape; // null: tabular input
    private final int inputSize;
    private final List<Spec> specs = new ArrayList<>();

    private NetworkBuilder(ImageShape imageShape, int inputSize) {
        this.imageShape = imageShape;
        this.inputSize = inputSize;
    }

    /** A network taking images of {@code shape}: image layers first, then dense ones. */
    public static NetworkBuilder image(ImageShape shape) {
        return new NetworkBuilder(shape, shape.size());
    }

    /** A network taking rows of {@code features} values: dense layers only. */
    public static NetworkBuilder tabular(int features) {
        if (features < 1) {
            throw new IllegalArgumentException("a network needs at least one input feature, got " + features);
        }
        return new NetworkBuilder(null, features);
    }

    /** A convolution with stride 1 and no padding. */
    public NetworkBuilder conv(int filters, int kernel, Activation activation) {
        return conv(filters, kernel, 1, 0, activation);
    }

    /** A convolution of {@code filters} square kernels, with this stride and zero padding. */
    public NetworkBuilder conv(int filters, int kernel, int stride, int padding, Activation activation) {
        requireImagePart("conv");
        specs.add(new ConvSpec(filters, kernel, stride, padding, activation));
        return this;
    }

    /** Max pooling with stride = size. */
    public NetworkBuilder maxPool(int size) {
        requireImagePart("max pooling");
        specs.add(new PoolSpec(Pooling2D.Kind.MAX, size, size));
        return this;
    }

    /** Average pooling with stride = size. */
    public NetworkBuilder averagePool(int size) {
        requireImagePart("average pooling");
        specs.add(new PoolSpec(Pooling2D.Kind.AVERAGE, size, size));
        return this;
    }

    /** A dense layer of {@code units} outputs (the last one is the network's outputs). */
    public NetworkBuilder dense(int units, Activation activation) {
        if (units < 1) {
            throw new IllegalArgumentException("a dense layer needs at least one unit, got " + units);
        }
        specs.add(new DenseSpec(units, activation));
        return this;
    }

    private void requireImagePart(String what) {
        if (imageShape == null) {
            throw new IllegalStateException(what + " needs an image input: start with NetworkBuilder.image(shape)");
        }
        if (!specs.isEmpty() && specs.get(specs.size() - 1) instanceof DenseSpec) {
            throw new IllegalStateException(what + " cannot follow a dense layer: image layers come first");
        }
    }

    /** The network, initialised as PyTorch initialises its layers, from {@code seed}. */
    public Network build(OutputKind outputKind, long seed) {
        return build(outputKind, RandomStreams.stream(seed));
    }

    /** Draws every layer's weights, then its bias, layer by layer from {@code rng}. */
    public Network build(OutputKind outputKind, RandomGenerator rng) {
        if (specs.isEmpty() || !(specs.get(specs.size() - 1) instanceof DenseSpec)) {
            throw new IllegalStateException("a network must end with a dense layer (its outputs)");
        }
        List<ImageLayer> image = new ArrayList<>();
        List<DenseLayer> dense = new ArrayList<>();
        ImageShape shape = imageShape;
        int width = inputSize;
        for (Spec spec : specs) {
            if (spec instanceof ConvSpec c) {
                HeapBudget.require("a convolution of " + c.filters() + " filters of " + shape.channels() + "×"
                        + c.kernel() + "×" + c.kernel(), HeapBudget.doubles(c.filters(), shape.channels(), c.kernel(),
                        c.kernel()));
                int fanIn = shape.channels() * c.kernel() * c.kernel();
                double[] w = uniform(c.filters() * fanIn, fanIn, rng);
                double[] b = uniform(c.filters(), fanIn, rng);
                Conv2D conv = new Conv2D(shape, c.filters(), c.kernel(), c.stride(), c.padding(), w, b, c.activation());
                image.add(conv);
                shape = conv.outputShape();
                width = shape.size();
            } else if (spec instanceof PoolSpec p) {
                Pooling2D pool = new Pooling2D(shape, p.kind(), p.size(), p.stride());
                image.add(pool);
                shape = pool.outputShape();
                width = shape.size();
            } else if (spec instanceof DenseSpec d) {
                HeapBudget.require("a dense layer of " + d.units() + " units on " + width + " inputs",
                        HeapBudget.doubles(d.units(), width));
                DMatrixRMaj w = DMatrixRMaj.wrap(d.units(), width, uniform(d.units() * width, width, rng));
                double[] b = uniform(d.units(), width, rng);
                dense.add(new DenseLayer(w, b, d.activation()));
                width = d.units();
            }
        }
        return new Network(image, dense, outputKind, 1.0);
    }

    private static double[] uniform(int count, int fanIn, RandomGenerator rng) {
        double bound = 1.0 / Math.sqrt(fanIn);
        double[] v = new double[count];
        for (int t = 0; t < count; t++) {
            v[t] = rng.nextDouble(-bound, bound);
        }
        return v;
    }
}
