package io.jxplain.model;

/**
 * The shape of an image input, channels × height × width, stored flat in that (row-major, "NCHW") order: pixel
 * (c, y, x) is feature (c·height + y)·width + x. Every explainer sees the flat vector; attribution maps are read
 * back through this shape.
 */
public record ImageShape(int channels, int height, int width) {
    /** Refuses a dimension below 1, or an image too large for one row. */
    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("an image shape needs positive channels, height and width, got "
                    + channels + "×" + height + "×" + width);
        }
        if ((long) channels * height * width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("an image of " + channels + "×" + height + "×" + width + " has "
                    + (long) channels * height * width + " pixels, more than one row can hold");
        }
    }

    /** Parses "C×H×W", "CxHxW" or "C,H,W". */
    public static ImageShape parse(String text) {
        String[] parts = text.trim().split("[x×,]");
        if (parts.length != 3) {
            throw new IllegalArgumentException("image shape must be channels×height×width, e.g. 1x28x28, got '" + text + "'");
        }
        try {
            return new ImageShape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("image shape must be three integers, got '" + text + "'");
        }
    }

    /** Number of features: channels·height·width. */
    public int size() {
        return channels * height * width;
    }

    /** Where a channel's pixel (y, x) lies in a flat row: channel-major, then row-major. */
    public int index(int channel, int y, int x) {
        return (channel * height + y) * width + x;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
