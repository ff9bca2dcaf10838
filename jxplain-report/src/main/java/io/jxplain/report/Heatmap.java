package io.jxplain.report;

import java.util.Locale;

/**
 * An attribution map as standalone SVG, beside the input image: a diverging scale (blue negative, white zero, red
 * positive) symmetric about zero, so that colour intensity means the same on both sides, with the largest |value| in
 * the caption. Written by hand for the same reason as {@link LineChart}: plain text any browser shows.
 */
public final class Heatmap {
    private static final int CELL_TARGET = 280; // pixels per panel side
    private static final int GAP = 20;
    private static final int CAPTION = 40;

    private Heatmap() {
    }

    /**
     * @param title       caption (method, row, target)
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
        double height = panelH + CAPTION + 2 * GAP;
        double maxAbs = 0;
        for (double[] row : attribution) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("attribution maps must be finite, found " + v);
                }
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\">%n", width, height, width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\">%s</text>%n", GAP, GAP + 4,
                LineChart.escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#555\">%s</text>%n", GAP,
                GAP + 22, LineChart.escape("blue < 0 < red; full colour at |value| = "
                        + String.format(Locale.ROOT, "%.4g", maxAbs))));
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
                double t = maxAbs == 0 ? 0 : attribution[y][x] / maxAbs; // in [−1, 1]
                int fade = (int) Math.round(255 * (1 - Math.abs(t)));
                if (t >= 0) {
                    cell(svg, x0 + x * cell, y0 + y * cell, cell, 255, fade, fade);
                } else {
                    cell(svg, x0 + x * cell, y0 + y * cell, cell, fade, fade, 255);
                }
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void cell(StringBuilder svg, double x, double y, double size, int r, int g, int b) {
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#%02x%02x%02x\"/>%n", x, y, size, size, r, g, b));
    }
}
