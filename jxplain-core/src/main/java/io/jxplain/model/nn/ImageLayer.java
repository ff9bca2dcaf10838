package io.jxplain.model.nn;

import io.jxplain.model.ImageShape;

import java.util.List;

/**
 * A layer of the convolutional front of a {@link Network}: it maps a batch of images (n rows of
 * {@code inputShape().size()} values, row-major) to a batch of images. Its linear part is split from its activation so
 * that the network applies activations, guided backpropagation and ε-LRP alike for image and dense layers.
 */
public sealed interface ImageLayer permits Conv2D, Pooling2D {
    /** The shape of the images the layer takes. */
    ImageShape inputShape();

    /** The shape of the images it makes. */
    ImageShape outputShape();

    /** Applied by the network after {@link #forward}; identity for pooling. */
    Activation activation();

    /** out (n × output size) = the layer's pre-activation on in (n × input size). */
    void forward(double[] in, int n, double[] out);

    /**
     * The vector–Jacobian product of {@link #forward}: gIn (n × input size, zeroed by the caller) += Jᵀ·gOut,
     * given the layer's input and pre-activation output of the same batch.
     */
    void backward(double[] in, double[] out, double[] gOut, int n, double[] gIn);

    /** Adds ∂L/∂parameters, in the order of {@link #parameters()}, into acc; nothing for layers without any. */
    void accumulateParameterGradients(double[] in, double[] gOut, int n, List<double[]> acc);

    /** The trainable arrays, shared (the trainer updates them in place); empty for pooling. */
    List<double[]> parameters();

    /** A copy with its own parameter arrays. */
    ImageLayer copy();

    /** For {@link Network#describe()}, e.g. "conv5x5→8 relu". */
    String describe();
}
