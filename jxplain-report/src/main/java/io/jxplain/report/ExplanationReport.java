package io.jxplain.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A report on a user's own explanations: one self-contained HTML page (inline SVG, no network) with the global
 * importance of each feature (mean |attribution| with a 95% confidence bar), a beeswarm (each row's attribution per
 * feature, coloured by the feature's value), the first rows' contributions as waterfalls (with their 95% error bars
 * where the method has standard errors), an evaluation table when one is given, and the provenance, collapsed.
 * Colours are Okabe and Ito's, which readers with a colour-vision deficiency tell apart.
 */
public final class ExplanationReport {
    private static final double Z95 = 1.959963984540054;
    private static final int WIDTH = 720;
    private static final int LABELS = 170;
    private static final int ROW = 22;
    private static final int TOP = 30;
    private static final int MAX_FEATURES = 20;

    /**
     * The explanations: {@code attributions[i]} is row {@code rowIds[i]}'s (one value per feature),
     * {@code standardErrors[i]} its standard errors (null or NaN where the method has none), {@code values[i]} the
     * row's feature values (null when the data are not at hand), {@code baseValues[i]} where the contributions start
     * (NaN when the method defines none), {@code explained[i]} the value f(x) the row's explanation explains (NaN when
     * not known), {@code rowLabels[i][j]} how row i's waterfall names feature j (null: by its name; discretised LIME
     * names the bin, "0.21 &lt; mean radius ≤ 0.87").
     */
    public record Explanations(String method, List<String> features, List<String> rowIds, double[][] attributions,
                               double[][] standardErrors, double[][] values, double[] baseValues, double[] explained,
                               String[][] rowLabels) {
        /** Features named by their names in every row. */
        public Explanations(String method, List<String> features, List<String> rowIds, double[][] attributions,
                            double[][] standardErrors, double[][] values, double[] baseValues, double[] explained) {
            this(method, features, rowIds, attributions, standardErrors, values, baseValues, explained, null);
        }

        public Explanations {
            if (attributions.length == 0) {
                throw new IllegalArgumentException("a report needs at least one explained row");
            }
            for (double[] a : attributions) {
                if (a.length != features.size()) {
                    throw new IllegalArgumentException("a row has " + a.length + " attributions for " + features.size()
                            + " features");
                }
            }
            if (rowIds.size() != attributions.length || baseValues.length != attributions.length
                    || explained.length != attributions.length) {
                throw new IllegalArgumentException(rowIds.size() + " row ids, " + baseValues.length + " base values and "
                        + explained.length + " explained values for " + attributions.length + " rows");
            }
        }
    }

    /**
     * An image model's rows as pictures: {@code meanAbsolute} the mean |attribution| of each pixel over all the rows
     * (height × width, channels summed); for the first rows, {@code inputs.get(i)} row i's image (null when the data
     * are not at hand), {@code maps.get(i)} its attribution map, {@code captions.get(i)} what it explains and what
     * the model predicts.
     */
    public record Images(double[][] meanAbsolute, int rows, List<double[][]> inputs, List<double[][]> maps,
                         List<String> captions) {
        public Images {
            if (inputs.size() != maps.size() || captions.size() != maps.size()) {
                throw new IllegalArgumentException(inputs.size() + " images, " + maps.size() + " maps and "
                        + captions.size() + " captions: a report needs one of each per row");
            }
        }
    }

    /** One line of an evaluation: a method's mean value of a metric and its 95% half-width (NaN: none). */
    public record MetricValue(String method, String metric, double mean, double halfWidth, String rows, String status) {
    }

    private ExplanationReport() {
    }

    /**
     * The page. {@code waterfallRows} rows get a waterfall; {@code evaluation} (may be null) is shown as a table and
     * a chart per metric; {@code provenance} (may be null) is shown as it is, collapsed.
     */
    public static String toHtml(String title, Explanations e, int waterfallRows, List<MetricValue> evaluation,
                                String provenance) {
        return toHtml(title, e, null, waterfallRows, evaluation, provenance);
    }

    /**
     * The page of an image model's explanations ({@code images} not null): the mean |attribution| map and the first
     * {@code waterfallRows} rows' heat maps beside their images, in place of the per-feature charts (a pixel is not a
     * feature anyone reads a bar of).
     */
    public static String toHtml(String title, Explanations e, Images images, int waterfallRows,
                                List<MetricValue> evaluation, String provenance) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(LineChart.escape(title)).append("</h1>\n");
        body.append("<p>").append(LineChart.escape(e.attributions().length + " rows explained with " + e.method()
                + ", " + e.features().size() + (images == null ? " features." : " pixel values."))).append("</p>\n");
        if (images != null) {
            body.append(pictures(e, images, waterfallRows));
        } else {
            body.append(features(e, waterfallRows));
        }
        body.append(evaluation(evaluation));
        if (provenance != null) {
            body.append("<details><summary>Provenance</summary><pre>").append(LineChart.escape(provenance))
                    .append("</pre></details>\n");
        }
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>" + LineChart.escape(title)
                + "</title>\n<style>body{font-family:sans-serif;max-width:980px;margin:2em auto;line-height:1.45}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
                + "text-align:left}th{background:#f3f3f3}svg{display:block;margin:0.5em 0}pre{font-size:85%;"
                + "overflow-x:auto}figure{display:inline-block;margin:0.5em}</style>\n</head>\n<body>\n" + body
                + "</body>\n</html>\n";
    }

    /** The image rows: where the model looks on average, then each row's map beside its image. */
    private static String pictures(Explanations e, Images images, int rows) {
        StringBuilder body = new StringBuilder();
        body.append("<h2>Where the model looks</h2>\n<p>").append(LineChart.escape("Mean |attribution| of each pixel"
                + " over the " + images.rows() + " rows (channels summed).")).append("</p>\n");
        body.append(Heatmap.toSvg("mean |attribution| over " + images.rows() + " rows", null, images.meanAbsolute()));
        int shown = Math.min(rows, images.maps().size());
        if (shown > 0) {
            body.append("<h2>Row by row</h2>\n<p>").append(LineChart.escape("Each row's image and its attribution map,"
                    + " with the class it explains and the class the model predicts; vermillion raises the explained"
                    + " value, blue lowers it. The colour bar runs from −max|attribution| to +max|attribution| of that"
                    + " row.")).append("</p>\n");
            for (int i = 0; i < shown; i++) {
                body.append(Heatmap.toSvg("row " + e.rowIds().get(i) + ": " + images.captions().get(i),
                        images.inputs().get(i), images.maps().get(i)));
            }
        }
        return body.toString();
    }

    /** A tabular model's features: global importance, the beeswarm and the waterfalls of the first rows. */
    private static String features(Explanations e, int waterfallRows) {
        StringBuilder body = new StringBuilder();
        double[][] importance = meanAbsolute(e.attributions());
        int[] ranked = byImportance(importance[0]);
        int[] order = Arrays.copyOf(ranked, Math.min(ranked.length, MAX_FEATURES));
        body.append("<h2>Which features matter</h2>\n<p>Mean |attribution| over the rows, with its 95% confidence"
                + " interval (mean ± 1.96 standard deviations over √rows: the spread over rows, which includes each"
                + " row's Monte-Carlo noise)").append(order.length < e.features().size()
                ? "; the " + order.length + " most important of " + e.features().size() + " features here and below"
                : "").append(".</p>\n");
        body.append(importance(e, importance, order));
        body.append(allFeatures(e, importance, ranked));
        body.append("<h2>How each row's attributions spread</h2>\n<p>One dot per row; ")
                .append(e.values() == null ? "no feature values were given, so the dots are grey."
                        : "colour from blue (the feature's lowest value among these rows) to orange (its highest).")
                .append("</p>\n");
        body.append(beeswarm(e, order));
        int shown = Math.min(waterfallRows, e.attributions().length);
        if (shown > 0) {
            body.append("<h2>Row by row</h2>\n<p>").append(LineChart.escape(
                    "Each feature's contribution, largest first, from " + (Double.isNaN(e.baseValues()[0])
                            ? "0 (" + e.method() + " defines no base value)" : "the base value")
                            + "; the whiskers are 95% intervals where the method gives standard errors."))
                    .append("</p>\n");
            for (int i = 0; i < shown; i++) {
                body.append(waterfall(e, i));
            }
        }
        return body.toString();
    }

    /** The evaluation's table and a chart per metric (nothing without an evaluation). */
    private static String evaluation(List<MetricValue> evaluation) {
        StringBuilder body = new StringBuilder();
        if (evaluation != null && !evaluation.isEmpty()) {
            body.append("<h2>How far to trust them</h2>\n<p>Each metric's mean over the rows with its 95%"
                    + " interval, per method.</p>\n");
            List<List<String>> rows = new ArrayList<>();
            List<String> metrics = new ArrayList<>();
            for (MetricValue v : evaluation) {
                rows.add(List.of(v.method(), v.metric(), Double.isNaN(v.mean()) ? "-" : number(v.mean())
                        + (Double.isNaN(v.halfWidth()) ? "" : " ± " + number(v.halfWidth())), v.rows(), v.status()));
                if (!metrics.contains(v.metric())) {
                    metrics.add(v.metric());
                }
            }
            body.append(HtmlReport.tableHtml(List.of("method", "metric", "mean ± 95% half-width", "rows", "status"), rows));
            for (String metric : metrics) {
                body.append(metricChart(metric, evaluation.stream().filter(v -> v.metric().equals(metric)
                        && !Double.isNaN(v.mean())).toList()));
            }
        }
        return body.toString();
    }

    /** Mean |attribution| per feature and the standard error of that mean over rows. */
    static double[][] meanAbsolute(double[][] a) {
        int n = a.length;
        int d = a[0].length;
        double[] mean = new double[d];
        double[] se = new double[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (double[] row : a) {
                sum += Math.abs(row[j]);
            }
            mean[j] = sum / n;
            double ss = 0;
            for (double[] row : a) {
                double t = Math.abs(row[j]) - mean[j];
                ss += t * t;
            }
            se[j] = n > 1 ? Math.sqrt(ss / (n - 1) / n) : Double.NaN;
        }
        return new double[][] {mean, se};
    }

    /** Feature indices by decreasing mean |attribution| (ties by index). */
    private static int[] byImportance(double[] mean) {
        Integer[] idx = new Integer[mean.length];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = j;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer j) -> -mean[j]).thenComparingInt(j -> j));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    private static String importance(Explanations e, double[][] m, int[] order) {
        double max = 0;
        for (int j : order) {
            max = Math.max(max, m[0][j] + (Double.isNaN(m[1][j]) ? 0 : Z95 * m[1][j]));
        }
        max = max > 0 && Double.isFinite(max) ? max : 1;
        int height = TOP + ROW * order.length + 24;
        double plot = WIDTH - LABELS - 30;
        StringBuilder svg = open(height, "mean |attribution| per feature");
        for (int k = 0; k < order.length; k++) {
            int j = order[k];
            double y = TOP + k * ROW;
            svg.append(LineChart.text(LABELS - 6, y + ROW * 0.65, e.features().get(j), "end", 11));
            double w = m[0][j] / max * plot;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                    + "<title>%s</title></rect>%n", LABELS, y + 4, w, ROW - 8, Palette.NEGATIVE,
                    LineChart.escape(String.format(Locale.ROOT, "%s: %.4g ± %.2g", e.features().get(j), m[0][j],
                            Z95 * m[1][j]))));
            if (!Double.isNaN(m[1][j])) {
                double lo = LABELS + Math.max(0, m[0][j] - Z95 * m[1][j]) / max * plot;
                double hi = LABELS + (m[0][j] + Z95 * m[1][j]) / max * plot;
                svg.append(whisker(lo, hi, y + ROW / 2.0));
            }
        }
        svg.append(axis(LABELS, LABELS + plot, TOP + ROW * order.length + 4, 0, max));
        return svg.append("</svg>\n").toString();
    }

    /** Every feature, by decreasing mean |attribution|, with its 95% interval: a table, collapsed. */
    private static String allFeatures(Explanations e, double[][] m, int[] ranked) {
        List<List<String>> rows = new ArrayList<>();
        for (int j : ranked) {
            rows.add(List.of(e.features().get(j), number(m[0][j]), Double.isNaN(m[1][j]) ? "-" : number(Z95 * m[1][j])));
        }
        return "<details><summary>All " + ranked.length + " features</summary>\n"
                + HtmlReport.tableHtml(List.of("feature", "mean |attribution|", "95% half-width"), rows) + "</details>\n";
    }

    private static String beeswarm(Explanations e, int[] order) {
        double lo = 0;
        double hi = 0;
        for (double[] row : e.attributions()) {
            for (int j : order) {
                lo = Math.min(lo, row[j]);
                hi = Math.max(hi, row[j]);
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        int height = TOP + ROW * order.length + 24;
        double plot = WIDTH - LABELS - 30;
        StringBuilder svg = open(height, "attribution of each row, per feature");
        double zero = LABELS + (0 - lo) / (hi - lo) * plot;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#bbb\"/>%n",
                zero, TOP, zero, TOP + ROW * order.length));
        int n = e.attributions().length;
        for (int k = 0; k < order.length; k++) {
            int j = order[k];
            double y = TOP + k * ROW + ROW / 2.0;
            svg.append(LineChart.text(LABELS - 6, y + 4, e.features().get(j), "end", 11));
            double[] range = valueRange(e, j);
            // a deterministic swarm: dots that would overlap are moved up and down by turns
            List<double[]> placed = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double x = LABELS + (e.attributions()[i][j] - lo) / (hi - lo) * plot;
                double dy = 0;
                for (int step = 0; step < 12 && overlaps(placed, x, dy); step++) {
                    dy = (step / 2 + 1) * 2.2 * (step % 2 == 0 ? 1 : -1);
                }
                placed.add(new double[] {x, dy});
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" fill=\"%s\""
                        + " fill-opacity=\"0.8\"/>%n", x, y + Math.max(-ROW / 2.0 + 2, Math.min(ROW / 2.0 - 2, dy)),
                        colour(e, i, j, range)));
            }
        }
        svg.append(axis(LABELS, LABELS + plot, TOP + ROW * order.length + 4, lo, hi));
        return svg.append("</svg>\n").toString();
    }

    private static boolean overlaps(List<double[]> placed, double x, double dy) {
        for (double[] p : placed) {
            if (Math.abs(p[0] - x) < 4.2 && Math.abs(p[1] - dy) < 2.1) {
                return true;
            }
        }
        return false;
    }

    private static double[] valueRange(Explanations e, int j) {
        if (e.values() == null) {
            return null;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] v : e.values()) {
            lo = Math.min(lo, v[j]);
            hi = Math.max(hi, v[j]);
        }
        return new double[] {lo, hi};
    }

    /** Blue at the feature's lowest value among the rows, orange at its highest. */
    private static String colour(Explanations e, int i, int j, double[] range) {
        if (range == null || !(range[1] > range[0])) {
            return Palette.GREY;
        }
        double t = (e.values()[i][j] - range[0]) / (range[1] - range[0]);
        int[] from = rgb(Palette.NEGATIVE);
        int[] to = rgb(Palette.HIGH);
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(from[0] + t * (to[0] - from[0])),
                Math.round(from[1] + t * (to[1] - from[1])), Math.round(from[2] + t * (to[2] - from[2])));
    }

    private static int[] rgb(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return new int[] {v >> 16, (v >> 8) & 0xff, v & 0xff};
    }

    private static String waterfall(Explanations e, int i) {
        double[] a = e.attributions()[i];
        double[] se = e.standardErrors() == null ? null : e.standardErrors()[i];
        int d = a.length;
        Integer[] idx = new Integer[d];
        for (int j = 0; j < d; j++) {
            idx[j] = j;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer j) -> -Math.abs(a[j])).thenComparingInt(j -> j));
        int shown = Math.min(d, MAX_FEATURES);
        double base = Double.isNaN(e.baseValues()[i]) ? 0 : e.baseValues()[i];
        double rest = 0;
        for (int k = shown; k < d; k++) {
            rest += a[idx[k]];
        }
        // the running sum and the range it covers, whiskers included
        double lo = base;
        double hi = base;
        double level = base;
        for (int k = 0; k < shown; k++) {
            int j = idx[k];
            double half = se == null || Double.isNaN(se[j]) ? 0 : Z95 * se[j];
            lo = Math.min(lo, Math.min(level, level + a[j]) - half);
            hi = Math.max(hi, Math.max(level, level + a[j]) + half);
            level += a[j];
        }
        level += rest;
        lo = Math.min(lo, level);
        hi = Math.max(hi, level);
        double fx = e.explained()[i];
        boolean additive = !Double.isNaN(e.baseValues()[i]) && !Double.isNaN(fx);
        if (additive) {
            lo = Math.min(lo, fx);
            hi = Math.max(hi, fx);
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        int bars = shown + (d > shown ? 1 : 0);
        int height = TOP + ROW * (bars + 1) + 24;
        double plot = WIDTH - LABELS - 30;
        StringBuilder svg = open(height, "row " + e.rowIds().get(i) + ": from " + (Double.isNaN(e.baseValues()[i])
                ? "0" : "base " + number(base)) + " to " + number(level)
                + (Double.isNaN(fx) ? "" : "; f(x) = " + number(fx)));
        double running = base;
        for (int k = 0; k < bars; k++) {
            boolean others = k == shown;
            double v = others ? rest : a[idx[k]];
            String name = others ? (d - shown) + " other features"
                    : e.rowLabels() != null && i < e.rowLabels().length ? e.rowLabels()[i][idx[k]] : e.features().get(idx[k]);
            double y = TOP + k * ROW;
            double x0 = LABELS + (Math.min(running, running + v) - lo) / (hi - lo) * plot;
            double w = Math.abs(v) / (hi - lo) * plot;
            svg.append(LineChart.text(LABELS - 6, y + ROW * 0.65, name, "end", 11));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                    + "<title>%s</title></rect>%n", x0, y + 4, Math.max(w, 0.5), ROW - 8, v >= 0 ? Palette.POSITIVE : Palette.NEGATIVE,
                    LineChart.escape(String.format(Locale.ROOT, "%s: %+.4g", name, v))));
            if (!others && se != null && !Double.isNaN(se[idx[k]])) {
                double end = running + v;
                double half = Z95 * se[idx[k]];
                svg.append(whisker(LABELS + (end - half - lo) / (hi - lo) * plot,
                        LABELS + (end + half - lo) / (hi - lo) * plot, y + ROW / 2.0));
            }
            running += v;
        }
        if (additive) {
            // where the contributions should end: f(x); a gap shows what the method leaves unexplained
            double x = LABELS + (fx - lo) / (hi - lo) * plot;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\""
                    + " stroke-dasharray=\"4 3\"/>%n", x, TOP - 2, x, TOP + ROW * bars));
            svg.append(LineChart.text(x, TOP + ROW * bars + 16, "f(x)", "middle", 10));
        }
        svg.append(axis(LABELS, LABELS + plot, TOP + ROW * bars + 4, lo, hi));
        return svg.append("</svg>\n").toString();
    }

    /** One metric's mean per method, with its 95% interval. */
    private static String metricChart(String metric, List<MetricValue> values) {
        if (values.isEmpty()) {
            return "";
        }
        double lo = 0;
        double hi = 0;
        for (MetricValue v : values) {
            double h = Double.isNaN(v.halfWidth()) ? 0 : v.halfWidth();
            lo = Math.min(lo, v.mean() - h);
            hi = Math.max(hi, v.mean() + h);
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        int height = TOP + ROW * values.size() + 24;
        double plot = WIDTH - LABELS - 30;
        StringBuilder svg = open(height, metric);
        double zero = LABELS + (0 - lo) / (hi - lo) * plot;
        for (int k = 0; k < values.size(); k++) {
            MetricValue v = values.get(k);
            double y = TOP + k * ROW;
            double end = LABELS + (v.mean() - lo) / (hi - lo) * plot;
            svg.append(LineChart.text(LABELS - 6, y + ROW * 0.65, v.method(), "end", 11));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                    + "<title>%s</title></rect>%n", Math.min(zero, end), y + 4, Math.max(Math.abs(end - zero), 0.5),
                    ROW - 8, Palette.HIGH, LineChart.escape(v.method() + ": " + number(v.mean()))));
            if (!Double.isNaN(v.halfWidth())) {
                svg.append(whisker(LABELS + (v.mean() - v.halfWidth() - lo) / (hi - lo) * plot,
                        LABELS + (v.mean() + v.halfWidth() - lo) / (hi - lo) * plot, y + ROW / 2.0));
            }
        }
        svg.append(axis(LABELS, LABELS + plot, TOP + ROW * values.size() + 4, lo, hi));
        return svg.append("</svg>\n").toString();
    }

    /** Four significant digits without trailing zeros (0.25, not 0.2500). */
    static String number(double v) {
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e") || !s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static StringBuilder open(int height, String title) {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(LineChart.text(LABELS, 18, title, "start", 13));
        return svg;
    }

    private static String whisker(double x0, double x1, double y) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\"/>"
                + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\"/>"
                + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\"/>%n",
                x0, y, x1, y, x0, y - 3, x0, y + 3, x1, y - 3, x1, y + 3);
    }

    private static String axis(double x0, double x1, double y, double lo, double hi) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>%n",
                x0, y, x1, y)
                + LineChart.text(x0, y + 14, String.format(Locale.ROOT, "%.3g", lo), "start", 10)
                + LineChart.text(x1, y + 14, String.format(Locale.ROOT, "%.3g", hi), "end", 10);
    }
}
