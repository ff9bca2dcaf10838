package io.jxplain.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.jxplain.testing.SharedData;
import org.opentest4j.AssertionFailedError;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every kind of page and picture jxplain writes, opened in a real browser (Debian's chromium, headless, driven by
 * Selenium through chromedriver): each image has loaded with a non-zero size, each inline or stand-alone SVG has been
 * drawn, and the console has no error. Screenshots go to target/browser/. In CI (CI set) a missing browser fails the
 * test; elsewhere it is skipped with a message saying how to install one.
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "browser");
    private static final Path FILES = Path.of("..", "fixtures", "bad-inputs", "files");
    private static ChromeDriver browser;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") != null) {
            assertTrue(installed, "CI needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium"
                    + " chromium-driver; .ci/run installs them)");
        }
        assumeTrue(installed, "no browser: apt-get install chromium chromium-driver to run the browser tests");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1600");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theCommittedReproductionReportsShowEveryFigure() throws IOException {
        List<Path> pages;
        try (Stream<Path> files = Files.walk(Path.of("..", "docs", "results"))) {
            pages = files.filter(p -> p.getFileName().toString().equals("index.html")).sorted().toList();
        }
        assertTrue(pages.size() >= 3, "reports found: " + pages);
        for (Path page : pages) {
            int images = check(page, page.getParent().getFileName() + "-index");
            assertTrue(images >= 2, page + " shows " + images + " images");
        }
    }

    @Test
    void aFreshReproductionReportShowsEveryFigure() throws IOException {
        Path out = dir.resolve("agarwal2021");
        CliTestSupport.Result r = CliTestSupport.run("reproduce", "agarwal2021", "--quick", "--datasets", "simulated",
                "--figure", "2", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(check(out.resolve("index.html"), "reproduce-agarwal2021-quick") >= 1);
    }

    @Test
    void explainsHeatMapsAreDrawn() throws IOException {
        Path maps = dir.resolve("maps");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", FILES.resolve("cnn-4x4.json").toString(),
                "--data", FILES.resolve("pixels-4x4.csv").toString(), "--method", "occlusion", "-o", "window=2",
                "--max-rows", "2", "--heatmaps", maps.toString(), "--out", dir.resolve("occ.csv").toString());
        assertEquals(0, r.exitCode(), r.err());
        List<Path> svgs;
        try (Stream<Path> files = Files.list(maps)) {
            svgs = files.filter(p -> p.toString().endsWith(".svg")).sorted().toList();
        }
        assertEquals(2, svgs.size());
        for (Path svg : svgs) {
            check(svg, "heatmap-" + svg.getFileName().toString().replace(".svg", ""));
        }
    }

    @Test
    void theReportOfExplanationsIsDrawn() throws IOException {
        Path report = dir.resolve("report");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", ReportCommandTest.model(), "--data",
                ReportCommandTest.data(), "--method", "kernel-shap", "--samples", "20", "--max-rows", "12", "--out",
                dir.resolve("ks.csv").toString(), "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        check(report.resolve("index.html"), "explain-report");
    }

    @Test
    void theReportOfAnImageModelsExplanationsIsDrawn() throws IOException {
        Path report = dir.resolve("image-report");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", FILES.resolve("cnn-4x4.json").toString(),
                "--data", FILES.resolve("pixels-4x4.csv").toString(), "--method", "integrated-gradients", "--target",
                "predicted", "--max-rows", "6", "--out", dir.resolve("ig.csv").toString(), "--report",
                report.toString(), "--report-rows", "3");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1 + 3, check(report.resolve("index.html"), "explain-image-report"),
                "the mean |attribution| map and three rows' heat maps");
    }

    /**
     * A report on a real model (a network trained on the breast-cancer data of ../shared), looked at in the browser;
     * with -Djxplain.docs.screenshot=true its screenshot becomes the README's (docs/images/report.png).
     */
    @Test
    @Tag("shared-data")
    void aReportOnARealModelIsDrawnAndIsTheReadmesPicture() throws IOException {
        Path data = dir.resolve("breast-cancer.csv");
        List<String> lines = Files.readAllLines(SharedData.root().resolve("data/breast_cancer/breast_cancer_sklearn.csv"));
        List<String> csv = new ArrayList<>();
        csv.add(String.join(",", BREAST_CANCER_FEATURES) + ",benign"); // sklearn's names; its target 1 is benign
        csv.addAll(lines.subList(1, lines.size()));
        Files.write(data, csv);
        Path model = dir.resolve("model.json");
        assertEquals(0, CliTestSupport.run("train", "--data", data.toString(), "--target", "benign", "--epochs", "60",
                "--out", model.toString()).exitCode());
        Path report = dir.resolve("report");
        CliTestSupport.Result r = CliTestSupport.run("explain", "--model", model.toString(), "--data", data.toString(),
                "--method", "kernel-shap", "--samples", "400", "--out", dir.resolve("ks.csv").toString(), "--report",
                report.toString(), "--report-rows", "3");
        assertEquals(0, r.exitCode(), r.err());
        String page = Files.readString(report.resolve("index.html"));
        assertTrue(page.contains("569 rows explained with kernel-shap, 30 features"), page.substring(0, 400));
        check(report.resolve("index.html"), "breast-cancer-report");
        if (Boolean.getBoolean("jxplain.docs.screenshot")) {
            Files.copy(SCREENSHOTS.resolve("breast-cancer-report.png"), Path.of("..", "docs", "images", "report.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static final List<String> BREAST_CANCER_FEATURES = List.of("mean radius", "mean texture",
            "mean perimeter", "mean area", "mean smoothness", "mean compactness", "mean concavity",
            "mean concave points", "mean symmetry", "mean fractal dimension", "radius error", "texture error",
            "perimeter error", "area error", "smoothness error", "compactness error", "concavity error",
            "concave points error", "symmetry error", "fractal dimension error", "worst radius", "worst texture",
            "worst perimeter", "worst area", "worst smoothness", "worst compactness", "worst concavity",
            "worst concave points", "worst symmetry", "worst fractal dimension");

    @Test
    void theChecksCatchWhatABrowserShowsAsBroken() throws IOException {
        Path unescaped = dir.resolve("unescaped.svg"); // the heat maps' old caption
        Files.writeString(unescaped, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
                + "<text x=\"0\" y=\"10\">blue < 0 < red</text></svg>");
        assertThrows(AssertionFailedError.class, () -> check(unescaped, "broken-svg"));
        Path missing = dir.resolve("missing.html");
        Files.writeString(missing, "<!DOCTYPE html><html><body><img src=\"nowhere.svg\" alt=\"x\"/></body></html>");
        assertThrows(AssertionFailedError.class, () -> check(missing, "broken-img"));
        Path console = dir.resolve("console.html");
        Files.writeString(console, "<!DOCTYPE html><html><body><p>text</p><script>console.error('boom')</script>"
                + "</body></html>");
        assertThrows(AssertionFailedError.class, () -> check(console, "console-error"));
    }

    /** Opens the page, checks it, saves a screenshot; returns the number of pictures on it (images and SVG drawings). */
    @SuppressWarnings("unchecked")
    private static int check(Path page, String name) throws IOException {
        browser.get(page.toAbsolutePath().normalize().toUri().toString());
        JavascriptExecutor js = browser;
        // an XML parse error replaces the document (SVG) or shows a parsererror element
        String root = (String) js.executeScript("return document.documentElement.tagName.toLowerCase();");
        Long parseErrors = (Long) js.executeScript("return document.getElementsByTagName('parsererror').length;");
        assertEquals(0L, parseErrors, page + " does not parse");
        js.executeScript("return new Promise(done => { const wait = () => Array.from(document.images)"
                + ".every(i => i.complete) ? done() : setTimeout(wait, 50); wait(); });");
        List<List<Object>> images = (List<List<Object>>) js.executeScript("return Array.from(document.images)"
                + ".map(i => [i.getAttribute('src'), i.naturalWidth, i.naturalHeight]);");
        List<String> broken = new ArrayList<>();
        for (List<Object> image : images) {
            if (((Number) image.get(1)).longValue() <= 0 || ((Number) image.get(2)).longValue() <= 0) {
                broken.add(String.valueOf(image.get(0)));
            }
        }
        assertEquals(List.of(), broken, page + ": images that did not load");
        List<Number> svgWidths = (List<Number>) js.executeScript("return Array.from(document.querySelectorAll('svg'))"
                + ".map(s => s.getBoundingClientRect().width);");
        for (Number width : svgWidths) {
            assertTrue(width.doubleValue() > 0, page + ": an SVG drawn with no width");
        }
        if (root.equals("svg")) {
            assertTrue(!svgWidths.isEmpty(), page + ": the SVG document was not drawn");
        }
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        assertEquals(List.of(), errors, page + ": console errors");
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return images.size() + svgWidths.size();
    }
}
