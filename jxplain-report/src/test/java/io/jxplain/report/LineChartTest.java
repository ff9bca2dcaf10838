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
    void reportsAreWellFormedAndEscaped() {
        String html = new HtmlReport("R & D").paragraph("<x>").table(List.of("a"), List.of(List.of("1 < 2")))
                .figure("f.svg", "cap").toHtml();
        assertTrue(html.contains("R &amp; D") && html.contains("&lt;x&gt;") && html.contains("1 &lt; 2"));
        assertTrue(html.contains("<img src=\"f.svg\""));
        assertThrows(IllegalArgumentException.class, () -> new Series("s", new double[] {1}, new double[] {}, null, null));
        assertThrows(IllegalStateException.class, () -> new LineChart("t", "x", "y", false, false).toSvg());
    }
}
