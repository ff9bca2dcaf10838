package io.jxplain.experiments.alvarez2018;

import io.jxplain.experiments.Progress;
import io.jxplain.testing.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `reproduce alvarez2018 --quick` on ../shared/data. What must hold whatever the data: every estimate is attained by a
 * neighbour inside the ε-box (so it is a valid lower bound of the local Lipschitz constant), and is positive; the
 * paper's rankings of methods are reported, not asserted.
 */
@Tag("shared-data")
class Alvarez2018SharedDataTest {
    @TempDir
    Path dir;

    @Test
    void quickRunGivesAttainedEstimatesForEveryMethod() throws IOException {
        Alvarez2018Config config = Alvarez2018Config.defaults(SharedData.root().resolve("data"), dir, 42L, 2).quick();
        Alvarez2018Reproduction.Result result = Alvarez2018Reproduction.run(config, s -> { }, Progress.NONE);
        assertEquals(7, result.scores().size());
        for (RobustnessScores s : result.scores()) {
            for (int i = 0; i < s.lipschitz().length; i++) {
                assertTrue(s.lipschitz()[i] > 0, s.label() + " point " + i);
                double[] worst = s.argmax()[i];
                double[] x = result.points()[i];
                double farthest = 0;
                for (int j = 0; j < x.length; j++) {
                    farthest = Math.max(farthest, Math.abs(worst[j] - x[j]));
                }
                assertTrue(farthest <= config.epsilon() + 1e-12 && farthest > 0, s.label() + ": maximiser at L∞ distance "
                        + farthest);
            }
        }
        assertEquals(1 + 7 * config.points(), Files.readAllLines(dir.resolve("lipschitz.csv")).size());
        // LIME as the lime package explains images: one coefficient per superpixel of the digit, several superpixels
        RobustnessScores lime = result.scores().get(5);
        assertEquals("lime-superpixels", lime.explainer().name());
        io.jxplain.explain.Explanation digit = lime.explainer().explain(result.model(), result.targets()[0],
                result.points()[0], 42L);
        double superpixels = digit.diagnostics().get(io.jxplain.explain.SuperpixelLime.SUPERPIXELS);
        assertTrue(superpixels >= 2, superpixels + " superpixels");
        assertTrue(java.util.Arrays.stream(digit.attributions()).distinct().count() <= superpixels,
                "a pixel's attribution is its superpixel's coefficient");
        String html = Files.readString(result.index());
        for (String missing : List.of("Not reproduced here", "Figure 1", "Figures 5–7 on MNIST", "100 test points")) {
            assertTrue(html.contains(missing), missing);
        }
        // Figure 4: ProPublica's 6 172 rows, a 10% test fold, and the worst pair really is the largest per-point value
        var compas = result.compas();
        assertEquals(617, compas.testRows().numRows, "6 172 − round(0.9 × 6 172) test rows");
        assertEquals(13, compas.features().size());
        assertEquals(List.of("LIME", "SHAP", "LIME continuous", "SHAP zeros"), List.copyOf(compas.byMethod().keySet()));
        for (var e : compas.byMethod().values()) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : e.perPoint()) {
                max = Double.isNaN(v) ? max : Math.max(max, v);
            }
            assertEquals(max, e.worst(), 0.0);
            assertTrue(e.pointsWithNeighbours() > 100, "ε = 0.1 leaves " + e.pointsWithNeighbours() + " points a neighbour");
        }
        // Figures 2–3: boston (regression) and wine; forests that learned something; every maximiser inside the box
        assertEquals(List.of("boston", "wine"), result.uci().stream().map(r -> r.set().name()).toList());
        for (var set : result.uci()) {
            assertTrue(set.testScore() > 0.5, set.set().name() + " forest test score " + set.testScore());
            assertEquals(List.of("LIME", "SHAP", "LIME continuous", "SHAP zeros"),
                    set.scores().stream().map(RobustnessScores::label).toList());
            for (RobustnessScores s : set.scores()) {
                for (int i = 0; i < s.lipschitz().length; i++) {
                    double farthest = 0;
                    for (int j = 0; j < set.points()[i].length; j++) {
                        farthest = Math.max(farthest, Math.abs(s.argmax()[i][j] - set.points()[i][j]));
                    }
                    assertTrue(s.lipschitz()[i] >= 0 && farthest <= config.epsilon() + 1e-12, set.set().name() + " "
                            + s.label() + " point " + i + ": L = " + s.lipschitz()[i] + " at distance " + farthest);
                }
            }
        }
        assertEquals(1 + 2 * 4 * config.points(), Files.readAllLines(dir.resolve("uci-lipschitz.csv")).size());
        assertTrue(Files.readString(dir.resolve("figure3/SHAP-worst.svg")).contains("worst neighbour"));
        assertTrue(Files.readString(dir.resolve("figure3/SHAP-zeros-worst.svg")).contains("worst neighbour"));
        assertTrue(Files.readString(dir.resolve("figure6.svg")).contains("LIME"));
        assertTrue(Files.readString(result.index()).contains("Figure 7"));
    }
}
