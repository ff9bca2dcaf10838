package io.jxplain.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BarChartTest {
    @Test
    void barsAreProportionalAndColouredBySign() {
        String svg = BarChart.toSvg("x & y", List.of("a", "b<c"), new double[] {2.0, -1.0}, 0);
        Matcher m = Pattern.compile("<rect x=\"([0-9.]+)\" y=\"[0-9.]+\" width=\"([0-9.]+)\" height=\"\\d+\" fill=\"(#[0-9a-fA-F]+)\"")
                .matcher(svg);
        assertTrue(m.find());
        double wide = Double.parseDouble(m.group(2));
        assertEquals(Palette.POSITIVE, m.group(3));
        assertTrue(m.find());
        assertEquals(wide / 2, Double.parseDouble(m.group(2)), 0.1, "half the value, half the length");
        assertEquals(Palette.NEGATIVE, m.group(3));
        assertTrue(svg.contains("x &amp; y") && svg.contains("b&lt;c"), "text is escaped");
    }

    @Test
    void aFixedScaleMakesChartsComparable() {
        String svg = BarChart.toSvg("t", List.of("a"), new double[] {1.0}, 4.0);
        Matcher m = Pattern.compile("width=\"([0-9.]+)\" height=\"14\"").matcher(svg);
        assertTrue(m.find());
        String full = BarChart.toSvg("t", List.of("a"), new double[] {4.0}, 4.0);
        Matcher f = Pattern.compile("width=\"([0-9.]+)\" height=\"14\"").matcher(full);
        assertTrue(f.find());
        assertEquals(Double.parseDouble(f.group(1)) / 4, Double.parseDouble(m.group(1)), 0.1);
        assertThrows(IllegalArgumentException.class, () -> BarChart.toSvg("t", List.of("a"), new double[] {1, 2}, 0));
    }
}
