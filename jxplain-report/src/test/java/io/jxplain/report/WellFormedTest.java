package io.jxplain.report;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every picture and page jxplain writes is well-formed XML, so a browser shows it (an unescaped "&lt;" in one caption
 * had made every heat map a broken image): each writer with text that needs escaping, and every SVG and HTML file
 * committed under docs/.
 */
class WellFormedTest {
    private static final String HOSTILE = "a < b & c > d \"quoted\" 'single' σ² ≤ 1";

    @Test
    void everyWriterEscapesItsText() throws Exception {
        List<String> svgs = List.of(
                Heatmap.toSvg(HOSTILE, new double[][] {{0, 1}}, new double[][] {{-1, 2}}),
                Heatmap.toSvg(HOSTILE, null, new double[][] {{0.5}}),
                new LineChart(HOSTILE, HOSTILE, HOSTILE, true, false)
                        .add(Series.line(HOSTILE, new double[] {1, 10}, new double[] {2, 3})).toSvg(),
                BarChart.toSvg(HOSTILE, List.of(HOSTILE, "x"), new double[] {1, -1}, 1),
                new BoxPlot(HOSTILE, HOSTILE, false).add(HOSTILE, new double[] {1, 2, 3, 4, 10}).toSvg());
        for (String svg : svgs) {
            assertEquals("svg", parse(svg).getDocumentElement().getTagName());
        }
        String html = new HtmlReport(HOSTILE).heading(2, HOSTILE).paragraph(HOSTILE).figure("a&b.svg", HOSTILE)
                .table(List.of(HOSTILE), List.of(List.of(HOSTILE))).toHtml();
        Document page = parse(html);
        assertEquals("html", page.getDocumentElement().getTagName());
        assertTrue(page.getDocumentElement().getTextContent().contains(HOSTILE), "the text survives escaping");
    }

    @Test
    void everyCommittedPictureAndPageIsWellFormed() throws Exception {
        Path docs = Path.of("..", "docs");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(docs)) {
            files = walk.filter(p -> p.toString().endsWith(".svg") || p.toString().endsWith(".html")).toList();
        }
        assertTrue(files.size() >= 80, "files under docs/: " + files.size());
        List<String> broken = new ArrayList<>();
        for (Path f : files) {
            try {
                parse(Files.readString(f));
            } catch (Exception e) {
                broken.add(f + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), broken);
    }

    /** Parses as XML; an HTML page's DOCTYPE is kept out of the way of the XML parser. */
    static Document parse(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
