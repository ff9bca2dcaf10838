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
}
