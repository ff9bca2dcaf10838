package io.jxplain.report;

import java.util.Locale;

/**
 * An attribution map as standalone SVG, beside the input image: a diverging scale (blue negative, white zero,
 * vermillion positive: Okabe and Ito's pair) symmetric about zero, so that colour intensity means the same on both
 * sides, with a colour bar from −max|value| to +max|value| under the map. Written by hand for the same reason as
 * {@link LineChart}: plain text any browser shows.
 */
public final class Heatmap {
    private static final int CELL_TARGET = 280; // pixels per panel side
    private static final int GAP = 20;
    private static final int CAPTION = 40;
    /** Room under the panels for the colour bar and its labels. */
    private static final int COLOUR_BAR = 44;
    private static final int BAR_STEPS = 41;

    private Heatmap() {
    }

    /**
     * @param title       caption (method, row, the explained and the predicted class)
     * @param image       the input, height × width, drawn in grey from its minimum (black) to maximum (white); may be null
     * @param attribution height × width values (e.g. summed over channels)
     */
    public static String toSvg(String title, double[][] image, double[][] attribution) {
        int h = attribution.length;
        int w = attribution[0].length;
        if (image != null && (image.length != h || image[0].length != w)) {
            throw new IllegalArgumentException("the image is " + image.length + "×" + image[0].length
                    + " but the attribution map is " + h + "×" + w);
        }
        double cell = Math.max(2.0, Math.floor(CELL_TARGET / (double) Math.max(h, w)));
        double panelW = cell * w;
        double panelH = cell * h;
        int panels = image == null ? 1 : 2;
        double width = panels * panelW + (panels + 1) * GAP;
        double height = panelH + CAPTION + 2 * GAP + COLOUR_BAR;
        double maxAbs = 0;
        boolean nonNegative = true;
        for (double[] row : attribution) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("attribution maps must be finite, found " + v);
                }
                maxAbs = Math.max(maxAbs, Math.abs(v));
                nonNegative &= v >= 0;
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\">%n", width, height, width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\">%s</text>%n", GAP, GAP + 4,
                LineChart.escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#555\">%s</text>%n", GAP,
                GAP + 22, LineChart.escape(image == null ? "attribution" : "input, then attribution")));
        double x0 = GAP;
        double y0 = GAP + CAPTION;
        if (image != null) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : image) {
                for (double v : row) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            double range = max > min ? max - min : 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int g = (int) Math.round(255 * (image[y][x] - min) / range);
                    cell(svg, x0 + x * cell, y0 + y * cell, cell, g, g, g);
                }
            }
            x0 += panelW + GAP;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] c = diverging(maxAbs == 0 ? 0 : attribution[y][x] / maxAbs);
                cell(svg, x0 + x * cell, y0 + y * cell, cell, c[0], c[1], c[2]);
            }
        }
        colourBar(svg, x0, y0 + panelH + 10, panelW, maxAbs, nonNegative);
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The colour of t ∈ [−1, 1]: white at 0, {@link Palette#NEGATIVE} at −1, {@link Palette#POSITIVE} at +1. */
    static int[] diverging(double t) {
        int end = Integer.parseInt((t < 0 ? Palette.NEGATIVE : Palette.POSITIVE).substring(1), 16);
        double a = Math.min(1, Math.abs(t));
        int[] c = new int[3];
        for (int k = 0; k < 3; k++) {
            int channel = (end >> (16 - 8 * k)) & 0xff;
            c[k] = (int) Math.round(255 + a * (channel - 255));
        }
        return c;
    }

    /**
     * A strip from −max to +max in {@link #BAR_STEPS} steps, labelled at both ends and at 0; from 0 to +max when the
     * map has no negative value (a mean |attribution|, say).
     */
    private static void colourBar(StringBuilder svg, double x, double y, double width, double maxAbs,
                                  boolean nonNegative) {
        double step = width / BAR_STEPS;
        for (int k = 0; k < BAR_STEPS; k++) {
            double t = k / (BAR_STEPS - 1.0);
            int[] c = diverging(nonNegative ? t : 2 * t - 1);
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"12\" fill=\"#%02x%02x%02x\"/>%n",
                    x + k * step, y, step + 0.05, c[0], c[1], c[2]));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"none\" "
                + "stroke=\"#333\" stroke-width=\"0.5\"/>%n", x, y, width));
        // three significant digits, without trailing zeros: "2", "0.0123"
        String max = new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", maxAbs)).stripTrailingZeros()
                .toPlainString();
        if (nonNegative) {
            svg.append(LineChart.text(x, y + 26, "0", "start", 11));
        } else {
            svg.append(LineChart.text(x, y + 26, "−" + max, "start", 11));
            svg.append(LineChart.text(x + width / 2, y + 26, "0", "middle", 11));
        }
        svg.append(LineChart.text(x + width, y + 26, "+" + max, "end", 11));
    }

    private static void cell(StringBuilder svg, double x, double y, double size, int r, int g, int b) {
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#%02x%02x%02x\"/>%n", x, y, size, size, r, g, b));
    }
}
