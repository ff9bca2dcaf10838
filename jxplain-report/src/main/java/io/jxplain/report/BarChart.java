package io.jxplain.report;

import java.util.List;
import java.util.Locale;

/**
 * One explanation as a horizontal bar chart, a bar per feature from a zero line (red positive, blue negative, as
 * the heat maps), standalone SVG. The value range can be fixed so that charts placed side by side compare.
 */
public final class BarChart {
    private static final int WIDTH = 520;
    private static final int ROW = 18;
    private static final int LABELS = 150;
    private static final int MARGIN = 20;
    private static final int TOP = 40;

    private BarChart() {
    }

    /** Bars for {@code values} named by {@code names}, scaled to ±{@code maxAbs} (≤ 0: the values' own maximum). */
    public static String toSvg(String title, List<String> names, double[] values, double maxAbs) {
        if (names.size() != values.length || values.length == 0) {
            throw new IllegalArgumentException("a bar chart needs one name per value, got " + names.size() + " names for "
                    + values.length + " values");
        }
        double scale = maxAbs;
        if (!(scale > 0)) {
            for (double v : values) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            scale = 1;
        }
        int height = TOP + ROW * values.length + MARGIN;
        double zero = LABELS + (WIDTH - LABELS - MARGIN) / 2.0;
        double half = (WIDTH - LABELS - MARGIN) / 2.0 - 4;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(LineChart.text(WIDTH / 2.0, 20, title, "middle", 13));
        for (int i = 0; i < values.length; i++) {
            double y = TOP + i * ROW;
            double w = Math.min(1, Math.abs(values[i]) / scale) * half;
            double x = values[i] >= 0 ? zero : zero - w;
            svg.append(LineChart.text(LABELS - 6, y + ROW * 0.7, names.get(i), "end", 11));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    x, y + 2, w, ROW - 4, values[i] >= 0 ? Palette.POSITIVE : Palette.NEGATIVE));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>%n",
                zero, TOP - 4, zero, TOP + ROW * values.length));
        svg.append(LineChart.text(zero + half, TOP - 8, String.format(Locale.ROOT, "%.3g", scale), "end", 10));
        svg.append(LineChart.text(zero - half, TOP - 8, String.format(Locale.ROOT, "%.3g", -scale), "start", 10));
        svg.append("</svg>\n");
        return svg.toString();
    }
}
