package io.jxplain.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoxPlotTest {
    @Test
    void quartilesFollowTypeSevenAndOutliersAreDrawnSingly() {
        double[] sorted = {1, 2, 3, 4, 100};
        assertEquals(2.0, BoxPlot.quantile(sorted, 0.25), 0.0);
        assertEquals(3.0, BoxPlot.quantile(sorted, 0.5), 0.0);
        assertEquals(4.0, BoxPlot.quantile(sorted, 0.75), 0.0);
        String svg = new BoxPlot("t", "L", false).add("a", sorted).add("b", new double[] {5, 6, Double.NaN}).toSvg();
        assertEquals(1, svg.split("<circle").length - 1, "100 lies beyond 1.5 IQR: one outlier");
        assertTrue(svg.contains("n = 5") && svg.contains("n = 2"), "NaN is left out and counted out");
        assertThrows(IllegalArgumentException.class, () -> new BoxPlot("t", "L", true).add("c", new double[] {0, -1}));
    }

    @Test
    void logScaleTicksCoverValuesBelowOneAndZerosAreCounted() {
        String svg = new BoxPlot("t", "L", true).add("a", new double[] {0.01, 0.02, 0.05, 0, 0}).add("b",
                new double[] {3, 4, 8}).toSvg();
        java.util.List<Double> ticks = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("text-anchor=\"end\" font-size=\"11\">([0-9.e-]+)<")
                .matcher(svg);
        while (m.find()) {
            ticks.add(Double.parseDouble(m.group(1)));
        }
        assertTrue(ticks.contains(0.01) && ticks.contains(1.0) && ticks.contains(5.0), "ticks " + ticks);
        assertTrue(ticks.stream().allMatch(t -> t >= 0.01 / 1.3 && t <= 8 * 1.3), "every tick inside the range: " + ticks);
        assertTrue(svg.contains("n = 3 + 2 at 0"), "zeros cannot be drawn on a log scale but are counted");
    }
}
