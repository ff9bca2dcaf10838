package io.jxplain.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineChartTest {
    @Test
    void pointsAreMappedMonotonicallyOnALogAxis() {
        double[] n = {10, 100, 1000};
        String svg = new LineChart("t", "n", "L1 & more", true, true)
                .add(new Series("a<b", n, new double[] {1, 0.1, 0.01}, new double[] {0.5, 0.05, 0.005},
                        new double[] {2, 0.2, 0.02}))
                .toSvg();
        Matcher m = Pattern.compile("<circle cx=\"([0-9.]+)\" cy=\"([0-9.]+)\"").matcher(svg);
        double[] cx = new double[3];
        double[] cy = new double[3];
        for (int i = 0; i < 3; i++) {
            assertTrue(m.find());
            cx[i] = Double.parseDouble(m.group(1));
            cy[i] = Double.parseDouble(m.group(2));
        }
        // Equal ratios are equal distances on log axes; y grows downwards in SVG.
        assertEquals(cx[1] - cx[0], cx[2] - cx[1], 0.15);
        assertEquals(cy[1] - cy[0], cy[2] - cy[1], 0.15);
        assertTrue(cy[0] < cy[1]);
        assertTrue(svg.contains("a&lt;b") && svg.contains("L1 &amp; more"), "text is escaped");
        assertTrue(svg.contains("<polygon"), "the band is drawn");
    }

    @Test
    void aMethodKeepsItsColourAcrossDataSetsAndTheLineStyleTellsTheDataSet() {
        double[] n = {10, 100};
        LineChart chart = new LineChart("t", "n", "y", true, true);
        for (String data : List.of("simulated", "bankruptcy", "shoppers")) {
            for (String method : List.of("SmoothGrad", "C-LIME")) {
                chart.add(Series.line(data + " " + method, n, new double[] {1, 0.1}), method, data);
            }
        }
        String svg = chart.toSvg();
        // one <path> per curve, in the order added: (stroke colour, dash pattern)
        Matcher m = Pattern.compile("<path d=\"[^\"]*\" fill=\"none\" stroke=\"(#[0-9A-Fa-f]{6})\" stroke-width=\"2\""
                + "(?: stroke-dasharray=\"([0-9,]+)\")?").matcher(svg);
        List<String> colours = new java.util.ArrayList<>();
        List<String> dashes = new java.util.ArrayList<>();
        while (m.find()) {
            colours.add(m.group(1));
            dashes.add(m.group(2) == null ? "" : m.group(2));
        }
        assertEquals(6, colours.size());
        for (int k = 0; k < 6; k += 2) {
            assertEquals(colours.get(0), colours.get(k), "SmoothGrad keeps its colour on every data set");
            assertEquals(colours.get(1), colours.get(k + 1), "C-LIME keeps its colour on every data set");
            assertEquals(dashes.get(k), dashes.get(k + 1), "one data set, one line style");
        }
        assertTrue(!colours.get(0).equals(colours.get(1)), "two methods, two colours");
        assertEquals(3, new java.util.HashSet<>(dashes).size(), "three data sets, three line styles");
        assertTrue(List.of(Palette.COLOURS).containsAll(colours), "Okabe–Ito colours: " + colours);
        assertEquals(6, countOf(svg, "<line x1=") - countOf(svg, "stroke=\"#e5e5e5\""), "the legend has a line per curve");
    }

    private static int countOf(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void reportsAreWellFormedAndEscaped() {
        String html = new HtmlReport("R & D").paragraph("<x>").table(List.of("a"), List.of(List.of("1 < 2")))
                .figure("f.svg", "cap").toHtml();
        assertTrue(html.contains("R &amp; D") && html.contains("&lt;x&gt;") && html.contains("1 &lt; 2"));
        assertTrue(html.contains("<img src=\"f.svg\""));
        assertThrows(IllegalArgumentException.class, () -> new Series("s", new double[] {1}, new double[] {}, null, null));
        assertThrows(IllegalStateException.class, () -> new LineChart("t", "x", "y", false, false).toSvg());
    }
}
