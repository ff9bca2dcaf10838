package io.jxplain.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as standalone SVG: curves with shaded bands, logarithmic or linear axes, a legend. Written by hand
 * because the JVM's charting libraries draw to AWT images or need a browser; a report should be plain text that
 * any browser shows and any diff reads.
 */
public final class LineChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    /** Room on the right for the legend, outside the plotting area so it never hides a curve. */
    private static final int RIGHT = 250;
    private static final int TOP = 40;
    private static final int BOTTOM = 55;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private final Palette.Keyed colours = new Palette.Keyed();
    private final Palette.Keyed styles = new Palette.Keyed();

    /** How a series is drawn: its colour, its dash pattern ("" solid), whether it is a guide (no points). */
    private record Line(String colour, String dash, boolean guide) {
        String dashAttribute() {
            return dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"";
        }
    }

    public LineChart(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
        this.logY = logY;
    }

    /** A solid curve in a colour of its own. */
    public LineChart add(Series s) {
        return add(s, s.name(), "");
    }

    /**
     * A curve whose colour is {@code colourKey}'s and whose dash pattern is {@code styleKey}'s: series with the same
     * method as colour key and the data set as style key keep the method's colour across data sets.
     */
    public LineChart add(Series s, String colourKey, String styleKey) {
        series.add(s);
        lines.add(new Line(Palette.colour(colours.of(colourKey)),
                Palette.DASHES[styles.of(styleKey) % Palette.DASHES.length], false));
        return this;
    }

    /** A dashed guide (e.g. the 1/√n rate), drawn in grey and named in the legend. */
    public LineChart addGuide(Series s) {
        series.add(s);
        lines.add(new Line(Palette.GREY, "6,4", true));
        return this;
    }

    public String toSvg() {
        if (series.isEmpty()) {
            throw new IllegalStateException("a chart needs at least one series");
        }
        double[] xr = range(true);
        double[] yr = range(false);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, 22, title, "middle", 15));
        axes(svg, xr, yr);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            Line line = lines.get(k);
            String c = line.colour();
            if (s.low() != null) {
                StringBuilder poly = new StringBuilder();
                for (int i = 0; i < s.x().length; i++) {
                    poly.append(px(s.x()[i], xr)).append(',').append(py(s.low()[i], yr)).append(' ');
                }
                for (int i = s.x().length - 1; i >= 0; i--) {
                    poly.append(px(s.x()[i], xr)).append(',').append(py(s.high()[i], yr)).append(' ');
                }
                svg.append("<polygon points=\"").append(poly.toString().trim()).append("\" fill=\"").append(c)
                        .append("\" fill-opacity=\"0.18\" stroke=\"none\"/>\n");
            }
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                path.append(i == 0 ? "M" : "L").append(px(s.x()[i], xr)).append(',').append(py(s.y()[i], yr)).append(' ');
            }
            svg.append("<path d=\"").append(path.toString().trim()).append("\" fill=\"none\" stroke=\"").append(c)
                    .append("\" stroke-width=\"2\"").append(line.dashAttribute()).append("/>\n");
            if (!line.guide()) {
                for (int i = 0; i < s.x().length; i++) {
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>%n",
                            px(s.x()[i], xr), py(s.y()[i], yr), c));
                }
            }
        }
        legend(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void legend(StringBuilder svg) {
        double x = WIDTH - RIGHT + 12;
        double y = TOP + 12;
        for (int k = 0; k < series.size(); k++) {
            Line line = lines.get(k);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"2\"%s/>%n", x, y - 4, x + 28, y - 4, line.colour(), line.dashAttribute()));
            svg.append(text(x + 34, y, series.get(k).name(), "start", 11));
            y += 16;
        }
    }

    private void axes(StringBuilder svg, double[] xr, double[] yr) {
        double x0 = LEFT;
        double x1 = WIDTH - RIGHT;
        double y0 = HEIGHT - BOTTOM;
        double y1 = TOP;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#333\"/>%n", LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        for (double t : ticks(xr, logX)) {
            String p = px(t, xr);
            svg.append("<line x1=\"").append(p).append("\" y1=\"").append(fmt(y0)).append("\" x2=\"").append(p)
                    .append("\" y2=\"").append(fmt(y1)).append("\" stroke=\"#e5e5e5\"/>\n");
            svg.append(text(Double.parseDouble(p), y0 + 16, label(t), "middle", 11));
        }
        for (double t : ticks(yr, logY)) {
            String p = py(t, yr);
            svg.append("<line x1=\"").append(fmt(x0)).append("\" y1=\"").append(p).append("\" x2=\"").append(fmt(x1))
                    .append("\" y2=\"").append(p).append("\" stroke=\"#e5e5e5\"/>\n");
            svg.append(text(x0 - 6, Double.parseDouble(p) + 4, label(t), "end", 11));
        }
        svg.append(text((x0 + x1) / 2, HEIGHT - 15, xLabel + (logX ? " (log scale)" : ""), "middle", 12));
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 %.1f)\">%s</text>%n", (y0 + y1) / 2, (y0 + y1) / 2,
                escape(yLabel + (logY ? " (log scale)" : ""))));
    }

    /** [min, max] over all points (and bands) of x or y, padded; positive values only on a log axis. */
    private double[] range(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean log = x ? logX : logY;
        for (Series s : series) {
            double[][] all = x ? new double[][] {s.x()} : s.low() == null ? new double[][] {s.y()}
                    : new double[][] {s.y(), s.low(), s.high()};
            for (double[] v : all) {
                for (double t : v) {
                    if (Double.isFinite(t) && (!log || t > 0)) {
                        lo = Math.min(lo, t);
                        hi = Math.max(hi, t);
                    }
                }
            }
        }
        if (!Double.isFinite(lo)) {
            lo = log ? 0.1 : 0;
            hi = log ? 1 : 1;
        }
        if (log) {
            return new double[] {Math.log10(lo) - 0.05, Math.log10(hi) + 0.05};
        }
        double pad = hi > lo ? 0.05 * (hi - lo) : Math.max(1e-12, Math.abs(hi) * 0.1 + 1e-12);
        return new double[] {x ? lo : Math.min(lo - pad, lo >= 0 ? 0 : lo - pad), hi + pad};
    }

    static List<Double> ticks(double[] r, boolean log) {
        List<Double> t = new ArrayList<>();
        if (log) {
            for (int e = (int) Math.floor(r[0]); e <= Math.ceil(r[1]); e++) {
                for (int m : new int[] {1, 2, 5}) {
                    double v = m * Math.pow(10, e);
                    double lv = Math.log10(v);
                    if (lv >= r[0] && lv <= r[1]) {
                        t.add(v);
                    }
                }
            }
            return t;
        }
        double span = r[1] - r[0];
        double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
        if (span / step > 10) {
            step *= 2;
        }
        if (span / step > 10) {
            step *= 2.5;
        }
        for (double v = Math.ceil(r[0] / step) * step; v <= r[1] + 1e-12; v += step) {
            t.add(Math.abs(v) < 1e-12 * step ? 0.0 : v);
        }
        return t;
    }

    private String px(double v, double[] r) {
        double u = logX ? Math.log10(v) : v;
        return fmt(LEFT + (u - r[0]) / (r[1] - r[0]) * (WIDTH - LEFT - RIGHT));
    }

    private String py(double v, double[] r) {
        double u = logY ? Math.log10(Math.max(v, Math.pow(10, r[0]))) : v;
        return fmt(HEIGHT - BOTTOM - (u - r[0]) / (r[1] - r[0]) * (HEIGHT - TOP - BOTTOM));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String label(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e4 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static String text(double x, double y, String s, String anchor, int size) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, escape(s));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
