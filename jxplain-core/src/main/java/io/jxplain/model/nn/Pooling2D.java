package io.jxplain.model.nn;

import io.jxplain.model.ImageShape;

import java.util.List;

/**
 * Max or average pooling over size×size windows with a stride, channel by channel, no padding (PyTorch's
 * MaxPool2d / AvgPool2d defaults: stride = size). Max pooling sends the gradient to the first maximum of each window.
 */
public record Pooling2D(ImageShape inputShape, Kind kind, int size, int stride) implements ImageLayer {
    /** How a window is pooled. */
    public enum Kind {
        /** The window's largest value. */
        MAX("max_pool2d"),
        /** The window's mean. */
        AVERAGE("avg_pool2d");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The layer type's name in model files (PyTorch's function name). */
        public String jsonName() {
            return jsonName;
        }
    }

    /** Refuses a size or stride below 1, or a window larger than the image. */
    public Pooling2D {
        if (size < 1 || stride < 1) {
            throw new IllegalArgumentException("pooling needs size and stride ≥ 1, got " + size + ", " + stride);
        }
        if (inputShape.height() < size || inputShape.width() < size) {
            throw new IllegalArgumentException("pooling window " + size + "×" + size + " is larger than its input " + inputShape);
        }
    }

    @Override
    public ImageShape outputShape() {
        return new ImageShape(inputShape.channels(), (inputShape.height() - size) / stride + 1,
                (inputShape.width() - size) / stride + 1);
    }

    @Override
    public Activation activation() {
        return Activation.IDENTITY;
    }

    @Override
    public void forward(double[] in, int n, double[] out) {
        pool(in, n, out, null, null);
    }

    @Override
    public void backward(double[] in, double[] out, double[] gOut, int n, double[] gIn) {
        pool(in, n, null, gOut, gIn);
    }

    /** One walk over every window: writes the pooled values (forward) or routes gOut back into gIn (backward). */
    private void pool(double[] in, int n, double[] out, double[] gOut, double[] gIn) {
        ImageShape os = outputShape();
        int inSize = inputShape.size();
        int outSize = os.size();
        double area = size * size;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < inputShape.channels(); c++) {
                for (int y = 0; y < os.height(); y++) {
                    for (int x = 0; x < os.width(); x++) {
                        int o = r * outSize + os.index(c, y, x);
                        int best = -1;
                        double value = kind == Kind.MAX ? Double.NEGATIVE_INFINITY : 0.0;
                        for (int i = 0; i < size; i++) {
                            int row = r * inSize + inputShape.index(c, y * stride + i, x * stride);
                            for (int j = 0; j < size; j++) {
                                double v = in[row + j];
                                if (kind == Kind.MAX) {
                                    if (v > value) {
                                        value = v;
                                        best = row + j;
                                    }
                                } else if (gIn != null) {
                                    gIn[row + j] += gOut[o] / area;
                                } else {
                                    value += v;
                                }
                            }
                        }
                        if (out != null) {
                            out[o] = kind == Kind.MAX ? value : value / area;
                        } else if (kind == Kind.MAX && best >= 0) {
                            gIn[best] += gOut[o];
                        }
                    }
                }
            }
        }
    }

    @Override
    public void accumulateParameterGradients(double[] in, double[] gOut, int n, List<double[]> acc) {
        // no parameters
    }

    @Override
    public List<double[]> parameters() {
        return List.of();
    }

    @Override
    public Pooling2D copy() {
        return this;
    }

    @Override
    public String describe() {
        return (kind == Kind.MAX ? "maxpool" : "avgpool") + size;
    }
}
