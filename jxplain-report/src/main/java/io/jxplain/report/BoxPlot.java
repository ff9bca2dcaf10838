package io.jxplain.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Box plots as standalone SVG, one box per group: median, quartiles, whiskers to the most extreme values within
 * 1.5 IQR of the box (Tukey), the points beyond drawn singly. Log scale optional. Same reasons as {@link LineChart}.
 */
public final class BoxPlot {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private final String title;
    private final String yLabel;
    private final boolean logY;
    private final List<String> names = new ArrayList<>();
    private final List<double[]> groups = new ArrayList<>();
    private final List<Integer> zeros = new ArrayList<>();

    public BoxPlot(String title, String yLabel, boolean logY) {
        this.title = title;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    /**
     * A group's values. Non-finite ones are left out; on a log scale so are zeros, which the group's label counts
     * ("+ k at 0") so that they are not silently lost.
     */
    public BoxPlot add(String name, double[] values) {
        double[] kept = Arrays.stream(values).filter(v -> Double.isFinite(v) && (!logY || v > 0)).sorted().toArray();
        if (kept.length == 0) {
            throw new IllegalArgumentException("group '" + name + "' has no value to plot");
        }
        names.add(name);
        groups.add(kept);
        zeros.add((int) Arrays.stream(values).filter(v -> v == 0).count() * (logY ? 1 : 0));
        return this;
    }

    public String toSvg() {
        if (groups.isEmpty()) {
            throw new IllegalStateException("a box plot needs at least one group");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] g : groups) {
            lo = Math.min(lo, g[0]);
            hi = Math.max(hi, g[g.length - 1]);
        }
        double[] range = pad(lo, hi);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(LineChart.text(WIDTH / 2.0, 22, title, "middle", 15));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        // LineChart's ticks take a log scale's range in log10 units
        double[] tickRange = logY ? new double[] {Math.log10(range[0]), Math.log10(range[1])} : range;
        for (double t : LineChart.ticks(tickRange, logY)) {
            double y = y(t, range);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y));
            svg.append(LineChart.text(LEFT - 6, y + 4, LineChart.label(t), "end", 11));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">%s</text>%n",
                (TOP + HEIGHT - BOTTOM) / 2.0, (TOP + HEIGHT - BOTTOM) / 2.0,
                LineChart.escape(yLabel + (logY ? " (log scale)" : ""))));
        double slot = (WIDTH - LEFT - RIGHT) / (double) groups.size();
        for (int g = 0; g < groups.size(); g++) {
            double[] v = groups.get(g);
            String c = Palette.colour(g);
            double cx = LEFT + slot * (g + 0.5);
            double half = Math.min(40, slot * 0.3);
            double q1 = quantile(v, 0.25);
            double q3 = quantile(v, 0.75);
            double iqr = q3 - q1;
            double lowWhisker = v[0];
            double highWhisker = v[v.length - 1];
            for (double x : v) {
                if (x >= q1 - 1.5 * iqr) {
                    lowWhisker = x;
                    break;
                }
            }
            for (int i = v.length - 1; i >= 0; i--) {
                if (v[i] <= q3 + 1.5 * iqr) {
                    highWhisker = v[i];
                    break;
                }
            }
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                    cx, y(lowWhisker, range), cx, y(highWhisker, range), c));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                    + "fill-opacity=\"0.25\" stroke=\"%s\"/>%n", cx - half, y(q3, range), 2 * half,
                    Math.max(0.5, y(q1, range) - y(q3, range)), c, c));
            double median = y(quantile(v, 0.5), range);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", cx - half, median, cx + half, median, c));
            for (double x : v) {
                if (x < lowWhisker || x > highWhisker) {
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"none\" stroke=\"%s\"/>%n",
                            cx, y(x, range), c));
                }
            }
            String name = names.get(g);
            int space = name.lastIndexOf(' ');
            boolean wrap = name.length() * 6.5 > slot && space > 0; // too wide for its slot: two lines
            svg.append(LineChart.text(cx, HEIGHT - BOTTOM + 16, wrap ? name.substring(0, space) : name, "middle", 11));
            if (wrap) {
                svg.append(LineChart.text(cx, HEIGHT - BOTTOM + 29, name.substring(space + 1), "middle", 11));
            }
            svg.append(LineChart.text(cx, HEIGHT - BOTTOM + (wrap ? 43 : 30), "n = " + v.length
                    + (zeros.get(g) > 0 ? " + " + zeros.get(g) + " at 0" : ""), "middle", 10));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private double[] pad(double lo, double hi) {
        if (logY) {
            return new double[] {lo / 1.3, hi * 1.3};
        }
        double span = hi > lo ? hi - lo : Math.max(1e-12, Math.abs(hi));
        return new double[] {lo - 0.05 * span, hi + 0.05 * span};
    }

    private double y(double v, double[] range) {
        double t = logY ? (Math.log(v) - Math.log(range[0])) / (Math.log(range[1]) - Math.log(range[0]))
                : (v - range[0]) / (range[1] - range[0]);
        return HEIGHT - BOTTOM - t * (HEIGHT - TOP - BOTTOM);
    }

    /** Linear interpolation between order statistics of sorted values (type 7, as numpy and R). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
