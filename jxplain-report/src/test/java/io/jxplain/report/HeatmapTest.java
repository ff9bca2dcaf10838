package io.jxplain.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeatmapTest {
    @Test
    void colourIsSymmetricAboutZeroAndTheInputIsGrey() {
        double[][] image = {{0, 1}, {0.5, 0}};
        double[][] attribution = {{2, -2}, {1, 0}};
        String svg = Heatmap.toSvg("test <a&b>", image, attribution);
        assertTrue(svg.contains("fill=\"#d55e00\""), "the largest positive value is full (Okabe–Ito) vermillion");
        assertTrue(svg.contains("fill=\"#0072b2\""), "the largest negative value is full (Okabe–Ito) blue");
        assertTrue(svg.contains("fill=\"#eaaf80\""), "half the maximum is half-way from white to vermillion");
        assertTrue(svg.contains("fill=\"#ffffff\""), "zero is white");
        assertTrue(svg.contains("fill=\"#808080\""), "the image's middle grey");
        assertTrue(svg.contains("test &lt;a&amp;b&gt;"), "the title is escaped");
        assertEquals(1 + 4 + 4 + 41 + 1, svg.split("<rect").length - 1,
                "background + 4 image + 4 attribution cells + the colour bar's 41 steps and its frame");
        assertTrue(svg.contains(">−2<") && svg.contains(">+2<") && svg.contains(">0<"),
                "the colour bar is labelled from −max|φ| to +max|φ|");
    }

    @Test
    void aMapWithoutNegativeValuesHasABarFromZero() {
        String svg = Heatmap.toSvg("mean |φ|", null, new double[][] {{0, 4}});
        assertTrue(svg.contains(">+4<") && svg.contains(">0<") && !svg.contains(">−4<"), "0 … +max");
        assertTrue(!svg.contains("fill=\"#0072b2\""), "no blue where no value is negative");
    }

    @Test
    void shapesMustAgreeAndValuesBeFinite() {
        assertThrows(IllegalArgumentException.class, () -> Heatmap.toSvg("t", new double[1][2], new double[2][2]));
        assertThrows(IllegalArgumentException.class, () -> Heatmap.toSvg("t", null, new double[][] {{Double.NaN}}));
    }
}
