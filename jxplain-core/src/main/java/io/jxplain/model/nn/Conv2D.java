package io.jxplain.model.nn;

import io.jxplain.model.ImageShape;

import java.util.List;

/**
 * A 2-D convolution (cross-correlation, as in PyTorch's nn.Conv2d): out[o, y, x] = b[o] +
 * Σ_{c, i, j} W[o, c, i, j]·in[c, y·s + i − p, x·s + j − p], zero outside the image, for o &lt; filters, a square kernel
 * k×k, stride s and zero padding p. Weights are stored flat as [filters][channels][k][k].
 * Written by hand: the JVM has no small pure-Java convolution; each inner loop runs along an output row.
 */
public record Conv2D(ImageShape inputShape, int filters, int kernel, int stride, int padding, double[] weights,
                     double[] bias, Activation activation) implements ImageLayer {
    /**
     * Refuses sizes below 1 (padding below 0), weights or bias of the wrong length, or a kernel larger than the
     * padded input.
     */
    public Conv2D {
        if (filters < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("conv2d needs filters, kernel and stride ≥ 1 and padding ≥ 0, got "
                    + filters + ", " + kernel + ", " + stride + ", " + padding);
        }
        int expected = filters * inputShape.channels() * kernel * kernel;
        if (weights.length != expected) {
            throw new IllegalArgumentException("conv2d with " + filters + " filters of " + inputShape.channels() + "×"
                    + kernel + "×" + kernel + " needs " + expected + " weights, got " + weights.length);
        }
        if (bias.length != filters) {
            throw new IllegalArgumentException("conv2d bias has " + bias.length + " entries for " + filters + " filters");
        }
        if (inputShape.height() + 2 * padding < kernel || inputShape.width() + 2 * padding < kernel) {
            throw new IllegalArgumentException("conv2d kernel " + kernel + "×" + kernel + " is larger than its padded input "
                    + inputShape);
        }
        requireFinite(weights, "conv2d weights");
        requireFinite(bias, "conv2d bias");
    }

    private static void requireFinite(double[] values, String what) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " must be finite, found " + v);
            }
        }
    }

    @Override
    public ImageShape outputShape() {
        int h = (inputShape.height() + 2 * padding - kernel) / stride + 1;
        int w = (inputShape.width() + 2 * padding - kernel) / stride + 1;
        return new ImageShape(filters, h, w);
    }

    private int weightIndex(int o, int c, int i, int j) {
        return ((o * inputShape.channels() + c) * kernel + i) * kernel + j;
    }

    /** The output columns x whose input column x·s + j − p lies inside the image: [first, last). */
    private int firstColumn(int j) {
        int need = padding - j; // x·s ≥ p − j
        return need <= 0 ? 0 : (need + stride - 1) / stride;
    }

    private int endColumn(int j, int outWidth) {
        int limit = inputShape.width() - 1 + padding - j; // x·s ≤ W − 1 + p − j
        return limit < 0 ? 0 : Math.min(outWidth, limit / stride + 1);
    }

    @Override
    public void forward(double[] in, int n, double[] out) {
        ImageShape os = outputShape();
        int inSize = inputShape.size();
        int outSize = os.size();
        for (int r = 0; r < n; r++) {
            int inBase = r * inSize;
            int outBase = r * outSize;
            for (int o = 0; o < filters; o++) {
                int plane = outBase + o * os.height() * os.width();
                java.util.Arrays.fill(out, plane, plane + os.height() * os.width(), bias[o]);
                for (int c = 0; c < inputShape.channels(); c++) {
                    for (int i = 0; i < kernel; i++) {
                        for (int y = 0; y < os.height(); y++) {
                            int iy = y * stride + i - padding;
                            if (iy < 0 || iy >= inputShape.height()) {
                                continue;
                            }
                            int inRow = inBase + (c * inputShape.height() + iy) * inputShape.width();
                            int outRow = plane + y * os.width();
                            for (int j = 0; j < kernel; j++) {
                                double w = weights[weightIndex(o, c, i, j)];
                                int x0 = firstColumn(j);
                                int x1 = endColumn(j, os.width());
                                int offset = inRow + j - padding;
                                for (int x = x0; x < x1; x++) {
                                    out[outRow + x] += w * in[offset + x * stride];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void backward(double[] in, double[] out, double[] gOut, int n, double[] gIn) {
        ImageShape os = outputShape();
        int inSize = inputShape.size();
        int outSize = os.size();
        for (int r = 0; r < n; r++) {
            int inBase = r * inSize;
            int outBase = r * outSize;
            for (int o = 0; o < filters; o++) {
                int plane = outBase + o * os.height() * os.width();
                for (int c = 0; c < inputShape.channels(); c++) {
                    for (int i = 0; i < kernel; i++) {
                        for (int y = 0; y < os.height(); y++) {
                            int iy = y * stride + i - padding;
                            if (iy < 0 || iy >= inputShape.height()) {
                                continue;
                            }
                            int inRow = inBase + (c * inputShape.height() + iy) * inputShape.width();
                            int outRow = plane + y * os.width();
                            for (int j = 0; j < kernel; j++) {
                                double w = weights[weightIndex(o, c, i, j)];
                                int x0 = firstColumn(j);
                                int x1 = endColumn(j, os.width());
                                int offset = inRow + j - padding;
                                for (int x = x0; x < x1; x++) {
                                    gIn[offset + x * stride] += w * gOut[outRow + x];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void accumulateParameterGradients(double[] in, double[] gOut, int n, List<double[]> acc) {
        double[] dw = acc.get(0);
        double[] db = acc.get(1);
        ImageShape os = outputShape();
        int inSize = inputShape.size();
        int outSize = os.size();
        int planeSize = os.height() * os.width();
        for (int r = 0; r < n; r++) {
            int inBase = r * inSize;
            int outBase = r * outSize;
            for (int o = 0; o < filters; o++) {
                int plane = outBase + o * planeSize;
                double sb = 0;
                for (int t = 0; t < planeSize; t++) {
                    sb += gOut[plane + t];
                }
                db[o] += sb;
                for (int c = 0; c < inputShape.channels(); c++) {
                    for (int i = 0; i < kernel; i++) {
                        for (int j = 0; j < kernel; j++) {
                            int x0 = firstColumn(j);
                            int x1 = endColumn(j, os.width());
                            double s = 0;
                            for (int y = 0; y < os.height(); y++) {
                                int iy = y * stride + i - padding;
                                if (iy < 0 || iy >= inputShape.height()) {
                                    continue;
                                }
                                int offset = inBase + (c * inputShape.height() + iy) * inputShape.width() + j - padding;
                                int outRow = plane + y * os.width();
                                for (int x = x0; x < x1; x++) {
                                    s += gOut[outRow + x] * in[offset + x * stride];
                                }
                            }
                            dw[weightIndex(o, c, i, j)] += s;
                        }
                    }
                }
            }
        }
    }

    @Override
    public List<double[]> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public Conv2D copy() {
        return new Conv2D(inputShape, filters, kernel, stride, padding, weights.clone(), bias.clone(), activation);
    }

    @Override
    public String describe() {
        return "conv" + kernel + "x" + kernel + "→" + filters
                + (activation == Activation.IDENTITY ? "" : " " + activation.jsonName());
    }
}
