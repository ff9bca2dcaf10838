package io.jxplain.explain;

import io.jxplain.internal.Checks;
import io.jxplain.model.ImageShape;

import java.util.random.RandomGenerator;

/**
 * Quickshift superpixels (Vedaldi &amp; Soatto 2008) as scikit-image computes them and the lime package calls them
 * for images ({@code kernel_size=4, max_dist=200, ratio=0.2}): pixels in CIE-Lab (grey levels as grey RGB) scaled by
 * {@code ratio}, each pixel's density a Gaussian (σ = kernel size) sum over a window of ±3σ in colour and position,
 * each pixel linked to the nearest pixel of higher density in that window unless it is further than
 * {@code maxDistance}, and the trees of links are the superpixels. Ties of density are broken by noise of
 * standard deviation 10⁻⁵, as scikit-image does. Written here because no Java image library on Maven Central that
 * jxplain could depend on has it.
 *
 * @param kernelSize  σ of the density kernel, in pixels
 * @param maxDistance the longest link kept (colour and position together)
 * @param ratio       the weight of colour against position
 */
public record Quickshift(double kernelSize, double maxDistance, double ratio) {
    /** The lime package's segmentation for images. */
    public static final Quickshift LIME_DEFAULTS = new Quickshift(4, 200, 0.2);
    /**
     * The lime package's segmentation in its MNIST tutorial: its defaults leave a 28×28 digit in one to three
     * superpixels, a kernel of 1 pixel cuts it into six to nine.
     */
    public static final Quickshift LIME_MNIST = new Quickshift(1, 200, 0.2);

    /** Refuses a kernel size, maximum distance or ratio that is not positive. */
    public Quickshift {
        Checks.requirePositive("kernel size", kernelSize);
        Checks.requirePositive("max distance", maxDistance);
        Checks.requirePositive("ratio", ratio);
    }

    /** The same segmentation with another kernel size: to cut a smaller image as finely, scale it with the image. */
    public Quickshift withKernelSize(double size) {
        return new Quickshift(size, maxDistance, ratio);
    }

    /**
     * The superpixel of each pixel (row-major, height·width entries), numbered 0 … K−1 by first appearance.
     * Pixels are read as sRGB in [0, 1] (grey with one channel, RGB with three), channel-major as {@link ImageShape}
     * lays them out; values a little outside (a perturbed image) go through the same formulas, as in scikit-image.
     */
    public int[] segment(double[] image, ImageShape shape, RandomGenerator rng) {
        Checks.requireVector("image", image, shape.size());
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new IllegalArgumentException("quickshift segments grey (1 channel) or RGB (3 channels) images, "
                    + "not " + shape.channels() + " channels");
        }
        int h = shape.height();
        int w = shape.width();
        double[][] lab = new double[h * w][];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double[] rgb = new double[3];
                for (int c = 0; c < 3; c++) {
                    double v = image[shape.index(shape.channels() == 1 ? 0 : c, y, x)];
                    rgb[c] = v;
                }
                lab[y * w + x] = scaled(rgbToLab(rgb), ratio);
            }
        }
        int window = (int) Math.ceil(3 * kernelSize);
        double inverse = -0.5 / (kernelSize * kernelSize);
        double[] density = new double[h * w];
        for (int p = 0; p < h * w; p++) {
            density[p] = 1e-5 * rng.nextGaussian(); // scikit-image's tie-breaking noise
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int y2 = Math.max(0, y - window); y2 < Math.min(h, y + window + 1); y2++) {
                    for (int x2 = Math.max(0, x - window); x2 < Math.min(w, x + window + 1); x2++) {
                        density[y * w + x] += Math.exp(squaredDistance(lab, w, y, x, y2, x2) * inverse);
                    }
                }
            }
        }
        int[] parent = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                parent[p] = p;
                double closest = Double.POSITIVE_INFINITY;
                for (int y2 = Math.max(0, y - window); y2 < Math.min(h, y + window + 1); y2++) {
                    for (int x2 = Math.max(0, x - window); x2 < Math.min(w, x + window + 1); x2++) {
                        if (density[y2 * w + x2] > density[p]) {
                            double d = squaredDistance(lab, w, y, x, y2, x2);
                            if (d < closest) {
                                closest = d;
                                parent[p] = y2 * w + x2;
                            }
                        }
                    }
                }
                if (Math.sqrt(closest) > maxDistance) {
                    parent[p] = p;
                }
            }
        }
        return labelRoots(parent);
    }

    /** Each pixel's root (links only climb in density, so they end), numbered by first appearance. */
    private static int[] labelRoots(int[] parent) {
        int[] label = new int[parent.length];
        int[] labelOfRoot = new int[parent.length];
        java.util.Arrays.fill(labelOfRoot, -1);
        int next = 0;
        for (int p = 0; p < parent.length; p++) {
            int root = p;
            while (parent[root] != root) {
                root = parent[root];
            }
            if (labelOfRoot[root] < 0) {
                labelOfRoot[root] = next++;
            }
            label[p] = labelOfRoot[root];
        }
        return label;
    }

    private static double squaredDistance(double[][] lab, int w, int y, int x, int y2, int x2) {
        double[] a = lab[y * w + x];
        double[] b = lab[y2 * w + x2];
        double d = (y - y2) * (y - y2) + (x - x2) * (x - x2);
        for (int c = 0; c < 3; c++) {
            d += (a[c] - b[c]) * (a[c] - b[c]);
        }
        return d;
    }

    private static double[] scaled(double[] v, double by) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= by;
        }
        return v;
    }

    /** sRGB in [0, 1] to CIE-Lab under D65, as scikit-image's rgb2lab. */
    static double[] rgbToLab(double[] rgb) {
        double[] linear = new double[3];
        for (int c = 0; c < 3; c++) {
            linear[c] = rgb[c] > 0.04045 ? Math.pow((rgb[c] + 0.055) / 1.055, 2.4) : rgb[c] / 12.92;
        }
        double x = (0.412453 * linear[0] + 0.357580 * linear[1] + 0.180423 * linear[2]) / 0.95047;
        double y = 0.212671 * linear[0] + 0.715160 * linear[1] + 0.072169 * linear[2];
        double z = (0.019334 * linear[0] + 0.119193 * linear[1] + 0.950227 * linear[2]) / 1.08883;
        double fx = labF(x);
        double fy = labF(y);
        double fz = labF(z);
        return new double[]{116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double labF(double t) {
        return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
    }
}
