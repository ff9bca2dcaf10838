package io.jxplain.experiments.alvarez2018;

import io.jxplain.io.StagedFile;
import io.jxplain.report.BarChart;
import io.jxplain.report.BoxPlot;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The files of Figures 2–3: uci-lipschitz.csv (every estimate, with ‖φ(x)‖), figure2.svg (one box per data set and
 * explainer) and figure3/ (the boston point's explanations and those of its Lipschitz-maximising neighbour, as bar
 * charts on a common scale per method). Rewritten after each data set, so a long run keeps what it has.
 */
final class UciFigures {
    private UciFigures() {
    }

    static void write(Alvarez2018Config c, List<UciRobustness.SetResult> results) throws IOException {
        StagedFile.writeText(c.out().resolve("uci-lipschitz.csv"), w -> {
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                .setHeader("dataset", "method", "point", "lipschitz", "explanation_norm").build())) {
                for (UciRobustness.SetResult r : results) {
                    for (int m = 0; m < r.scores().size(); m++) {
                        double[] l = r.scores().get(m).lipschitz();
                        for (int i = 0; i < l.length; i++) {
                            p.printRecord(r.set().name(), r.scores().get(m).label(), i, l[i], r.norms()[m][i]);
                        }
                    }
                }
            }
        });
        BoxPlot plot = new BoxPlot("Local Lipschitz estimates (Eq. 1, ε = " + c.epsilon() + ") of LIME and SHAP (as their"
                + " packages run them, and a variant of each) on random forests", "local Lipschitz estimate", true);
        for (UciRobustness.SetResult r : results) {
            for (RobustnessScores s : r.scores()) {
                if (java.util.Arrays.stream(s.lipschitz()).anyMatch(v -> v > 0)) {
                    plot.add(r.set().name() + " " + s.label(), s.lipschitz());
                }
            }
        }
        StagedFile.writeString(c.out().resolve("figure2.svg"), plot.toSvg());
        for (UciRobustness.SetResult r : results) {
            if (r.set().name().equals("boston")) {
                figure3(c, r);
            }
        }
    }

    /** The first boston test point and, per method, its Lipschitz-maximising neighbour, each with its explanation. */
    private static void figure3(Alvarez2018Config c, UciRobustness.SetResult r) throws IOException {
        Path dir = c.out().resolve("figure3");
        Files.createDirectories(dir);
        for (RobustnessScores s : r.scores()) {
            long seed = UciRobustness.explanationSeed(c, 0);
            double[] x = r.points()[0];
            double[] worst = s.argmax()[0];
            double[] atX = s.explainer().explain(r.forest(), r.targets()[0], x, seed).attributions();
            double[] atWorst = s.explainer().explain(r.forest(), r.targets()[0], worst, seed).attributions();
            double scale = Math.max(maxAbs(atX), maxAbs(atWorst));
            String file = TabularExplainers.fileName(s.label());
            StagedFile.writeString(dir.resolve(file + "-x.svg"), BarChart.toSvg(String.format(Locale.ROOT,
                    "%s at x (prediction %.3g)", s.label(), prediction(r, x)), r.features(), atX, scale));
            StagedFile.writeString(dir.resolve(file + "-worst.svg"), BarChart.toSvg(String.format(Locale.ROOT,
                    "%s at its worst neighbour x′ (‖x − x′‖ = %.3g, prediction %.3g, L = %.3g)", s.label(),
                    distance(x, worst), prediction(r, worst), s.lipschitz()[0]), r.features(), atWorst, scale));
        }
    }

    private static double prediction(UciRobustness.SetResult r, double[] x) {
        double[] v = new double[1];
        r.targets()[0].valuesAndSeeds(r.forest().outputKind(), r.forest().predict(
                org.ejml.data.DMatrixRMaj.wrap(1, x.length, x.clone())), v, null);
        return v[0];
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(s);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double a : v) {
            m = Math.max(m, Math.abs(a));
        }
        return m;
    }
}
