package io.jxplain.report;

import java.util.List;

/** A single self-contained HTML page: headings, paragraphs, tables and SVG figures (linked files). */
public final class HtmlReport {
    private final StringBuilder body = new StringBuilder();
    private final String title;

    public HtmlReport(String title) {
        this.title = title;
        heading(1, title);
    }

    public HtmlReport heading(int level, String text) {
        body.append("<h").append(level).append('>').append(LineChart.escape(text)).append("</h").append(level).append(">\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(LineChart.escape(text)).append("</p>\n");
        return this;
    }

    /** Links an image file (relative to the page) with a caption. */
    public HtmlReport figure(String file, String caption) {
        body.append("<figure><img src=\"").append(LineChart.escape(file)).append("\" alt=\"")
                .append(LineChart.escape(caption)).append("\"/><figcaption>").append(LineChart.escape(caption))
                .append("</figcaption></figure>\n");
        return this;
    }

    public HtmlReport table(List<String> header, List<List<String>> rows) {
        body.append(tableHtml(header, rows));
        return this;
    }

    /** A table's HTML, every cell escaped (the one table writer of the reports). */
    static String tableHtml(List<String> header, List<List<String>> rows) {
        StringBuilder t = new StringBuilder("<table>\n<tr>");
        for (String h : header) {
            t.append("<th>").append(LineChart.escape(h)).append("</th>");
        }
        t.append("</tr>\n");
        for (List<String> row : rows) {
            t.append("<tr>");
            for (String cell : row) {
                t.append("<td>").append(LineChart.escape(cell)).append("</td>");
            }
            t.append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    /**
     * The paper's experiments this report does not reproduce, each with the reason: every reproduction ends with
     * this section, so a reader sees what the verdicts above do not cover. {@code items}: pairs of experiment, why.
     */
    public HtmlReport notReproduced(List<List<String>> items) {
        heading(2, "Not reproduced here");
        return table(List.of("the paper's experiment", "why"), items);
    }

    public String toHtml() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>" + LineChart.escape(title)
                + "</title>\n<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;line-height:1.45}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
                + "text-align:left}th{background:#f3f3f3}figure{margin:1em 0}img{max-width:100%}"
                + "figcaption{color:#555;font-size:90%}</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }
}
