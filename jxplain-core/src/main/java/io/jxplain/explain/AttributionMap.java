package io.jxplain.explain;

import io.jxplain.model.ImageShape;

/**
 * An image model's attributions read back in the input's shape: one value per channel and pixel, and the per-pixel
 * map summed over channels that heat maps show. A view over the flat attribution vector (feature (c·H + y)·W + x).
 */
public final class AttributionMap {
    private final double[] values;
    private final ImageShape shape;

    private AttributionMap(double[] values, ImageShape shape) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("an explanation of " + values.length + " features is not an image of shape "
                    + shape + " (" + shape.size() + " values)");
        }
        this.values = values;
        this.shape = shape;
    }

    /** An explanation of an image model as a map over its channels and pixels. */
    public static AttributionMap of(Explanation explanation, ImageShape shape) {
        return new AttributionMap(explanation.attributions(), shape);
    }

    /** Attributions (one per input, channel-major) as a map over channels and pixels; copies them. */
    public static AttributionMap of(double[] attributions, ImageShape shape) {
        return new AttributionMap(attributions.clone(), shape);
    }

    /** The image shape the map follows. */
    public ImageShape shape() {
        return shape;
    }

    /** The attribution of one pixel of one channel. */
    public double get(int channel, int y, int x) {
        return values[shape.index(channel, y, x)];
    }

    /** height × width: the sum over channels of each pixel's attributions. */
    public double[][] pixels() {
        double[][] map = new double[shape.height()][shape.width()];
        for (int c = 0; c < shape.channels(); c++) {
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    map[y][x] += get(c, y, x);
                }
            }
        }
        return map;
    }
}
