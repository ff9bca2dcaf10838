package io.jxplain.experiments.agarwal2021;

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

/** `reproduce agarwal2021 --quick` on the real data sets in ../shared/data. */
@Tag("shared-data")
class Agarwal2021SharedDataTest {
    @TempDir
    Path dir;

    @Test
    void quickRunOnEveryDataSetFallsAtTheMonteCarloRate() throws IOException {
        Agarwal2021Config config = Agarwal2021Config.paper(SharedData.root().resolve("data"), dir, 42L).quick().build();
        Agarwal2021Reproduction.Result result = Agarwal2021Reproduction.run(config, s -> { }, Progress.NONE);
        List<Curves> base = result.figures().get(2);
        assertEquals(3, base.size());
        for (Curves c : base) {
            Agarwal2021ReproductionTest.assertMonteCarloRate(c);
            Agarwal2021ReproductionTest.assertRobustnessFalls(c);
        }
        assertEquals(15, base.get(1).model().split().train().dimension(), "bankruptcy keeps 15 features");
        assertEquals(11, base.get(2).model().split().train().dimension(), "online shoppers keeps 11 features");
        for (Curves c : result.figures().get(4)) {
            Agarwal2021ReproductionTest.assertMonteCarloRate(c);
        }
        for (String f : List.of("figure4-equivalence.svg", "figure4-robustness.svg", "figure5-equivalence.svg",
                "figure5-robustness.svg", "figure5.csv")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        String html = Files.readString(dir.resolve("index.html"));
        for (String claim : List.of("Figure 4", "Figure 5", "verdict", "relative to mean ‖SmoothGrad‖₁")) {
            assertTrue(html.contains(claim), claim);
        }
    }
}
