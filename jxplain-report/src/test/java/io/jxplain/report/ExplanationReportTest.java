package io.jxplain.report;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplanationReportTest {
    private static final List<String> FEATURES = List.of("a<b", "c & d", "e");

    private static ExplanationReport.Explanations explanations(double[][] values, double base) {
        double[][] a = {{0.5, -0.2, 0.0}, {0.1, -0.4, 0.3}, {-0.3, 0.2, 0.1}, {0.7, 0.0, -0.1}};
        double[][] se = {{0.01, 0.02, 0.0}, {0.01, 0.02, 0.01}, {0.01, 0.02, 0.01}, {0.01, 0.02, 0.01}};
        double[] bases = {base, base, base, base};
        double[] explained = {0.55, 0.25, 0.25, 0.85};
        return new ExplanationReport.Explanations("kernel-shap", FEATURES, List.of("0", "1", "2", "3"), a, se, values,
                bases, explained);
    }

    @Test
    void meanAbsoluteAttributionsAndTheirStandardErrorsOverRows() {
        double[][] m = ExplanationReport.meanAbsolute(new double[][] {{1, -2}, {-3, 2}, {2, 2}});
        assertEquals(2.0, m[0][0], 1e-15);
        assertEquals(2.0, m[0][1], 1e-15);
        assertEquals(Math.sqrt(1.0 / 3), m[1][0], 1e-15, "sd 1 over √3");
        assertEquals(0.0, m[1][1], 1e-15);
    }

    @Test
    void thePageIsWellFormedWithEveryPartAndItsTextEscaped() throws Exception {
        List<ExplanationReport.MetricValue> evaluation = List.of(
                new ExplanationReport.MetricValue("kernel-shap", "infidelity", 0.1, 0.01, "4", "complete"),
                new ExplanationReport.MetricValue("gradient", "infidelity", 0.3, Double.NaN, "4", "complete"));
        String html = ExplanationReport.toHtml("R <1>", explanations(null, 0.25), 2, evaluation, "{\"a\": \"<x>\"}");
        Document page = WellFormedTest.parse(html);
        NodeList svgs = page.getElementsByTagName("svg");
        assertEquals(5, svgs.getLength(), "importance, beeswarm, two waterfalls and the infidelity chart");
        assertTrue(html.contains("<td>0.1 ± 0.01</td>") && html.contains("<td>0.3</td>"), "the metric table");
        assertEquals(2, page.getElementsByTagName("details").getLength(), "every feature's table and the provenance");
        assertEquals(2, page.getElementsByTagName("table").getLength(), "the features and the metrics");
        assertTrue(html.contains("a&lt;b") && html.contains("c &amp; d"), "feature names escaped");
        // the first waterfall starts at the base and ends at base + Σφ = 0.25 + 0.3
        assertTrue(html.contains("row 0: from base 0.25 to 0.55; f(x) = 0.55"), html);
        assertTrue(html.contains(">f(x)</text>"), "the waterfall marks where f(x) is");
        // the importance chart lists features by decreasing mean |φ|: a<b (0.4), then c & d (0.2), then e (0.125)
        List<String> labels = labels((Element) svgs.item(0));
        assertEquals(List.of("a<b", "c & d", "e"), labels.subList(0, 3));
    }

    @Test
    void dotsAreColouredByTheFeaturesValueWhenTheValuesAreGiven() throws Exception {
        String grey = ExplanationReport.toHtml("t", explanations(null, Double.NaN), 0, null, null);
        String beeswarm = grey.substring(grey.indexOf("attribution of each row"));
        assertTrue(beeswarm.contains("fill=\"" + Palette.GREY + "\""));
        double[][] values = {{0, 5, 1}, {1, 6, 1}, {2, 7, 1}, {3, 8, 1}};
        String coloured = ExplanationReport.toHtml("t", explanations(values, Double.NaN), 0, null, null);
        String dots = coloured.substring(coloured.indexOf("attribution of each row"));
        assertTrue(dots.contains("fill=\"#0072b2\""), "the lowest value is blue");
        assertTrue(dots.contains("fill=\"#e69f00\""), "the highest value is orange");
        assertTrue(coloured.contains("from 0 (kernel-shap defines no base value)") || !coloured.contains("Row by row"));
        WellFormedTest.parse(coloured);
    }

    @Test
    void rowsMustMatchTheFeatures() {
        assertThrows(IllegalArgumentException.class, () -> new ExplanationReport.Explanations("m", FEATURES,
                List.of("0"), new double[][] {{1, 2}}, null, null, new double[] {0}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new ExplanationReport.Explanations("m", FEATURES,
                List.of(), new double[0][], null, null, new double[0], new double[0]));
    }

    private static List<String> labels(Element svg) {
        List<String> out = new ArrayList<>();
        NodeList texts = svg.getElementsByTagName("text");
        for (int i = 1; i < texts.getLength(); i++) { // the first is the title
            out.add(texts.item(i).getTextContent());
        }
        return out;
    }
}
