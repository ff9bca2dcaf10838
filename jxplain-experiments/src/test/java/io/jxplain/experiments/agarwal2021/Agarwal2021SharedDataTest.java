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
import static org.junit.jupiter.api.Assertions.assertSame;
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
        TrainedModel bankruptcy = base.get(1).model();
        assertEquals(15, bankruptcy.split().train().dimension(), "bankruptcy keeps 15 features");
        // the test split has 1 995 rows: the accuracy's standard error near 0.95 is about 0.005
        double se = Math.sqrt(0.95 * 0.05 / bankruptcy.split().test().rows());
        assertTrue(bankruptcy.testAccuracy() > bankruptcy.majorityClassRate() + 2 * se,
                "bankruptcy model beats the majority class: " + bankruptcy.testAccuracy() + " vs "
                        + bankruptcy.majorityClassRate());
        // with about 100 bankrupt rows in the test split the AUC's standard error is about 0.035: 0.75 is far above chance
        assertTrue(bankruptcy.test().auc() > 0.75, "AUC " + bankruptcy.test().auc());
        List<Curves> figure5 = result.figures().get(5);
        assertSame(bankruptcy, figure5.get(0).model(), "Figure 5's better model is the paper's 60-epoch one");
        double apart = figure5.get(0).model().testAccuracy() - figure5.get(1).model().testAccuracy();
        assertTrue(apart >= 0.05, "Figure 5's models are " + apart + " apart in test accuracy");
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

    @Test
    void onCaptumsNetworksJxplainsCurvesAgreeWithCaptumsWithinTheirStandardErrors() throws Exception {
        Path shared = SharedData.root();
        Agarwal2021Config config = Agarwal2021Config.paper(shared.resolve("data"), dir, 42L).quick()
                .figures(java.util.Set.of(2)).datasets(List.of(UnificationDataset.SIMULATED))
                .captumReference(shared.resolve("reference")).build();
        List<CaptumComparison> comparisons = Agarwal2021Reproduction.run(config, s -> { }, Progress.NONE).captum();
        assertEquals(CaptumComparison.DATASETS, comparisons.stream().map(CaptumComparison::dataset).toList());
        int beyondTwo = 0;
        int all = 0;
        for (CaptumComparison c : comparisons) {
            assertEquals(List.of(10, 50, 100, 500, 1000, 5000), c.sampleSizes(), "the reference's n grid");
            for (int k = 0; k < c.sampleSizes().size(); k++) {
                for (var pair : List.of(List.of(c.jxplain().equivalence(), c.captum().equivalence()),
                        List.of(c.jxplain().robustnessSmoothGrad(), c.captum().robustnessSmoothGrad()),
                        List.of(c.jxplain().robustnessClime(), c.captum().robustnessClime()))) {
                    double z = CaptumComparison.z(pair.get(0).get(k), pair.get(1).get(k));
                    // two independent estimates of one mean: |z| > 4 has probability 6e-5 each
                    assertTrue(Math.abs(z) < 4, c.dataset() + " n = " + c.sampleSizes().get(k) + ": z = " + z);
                    beyondTwo += Math.abs(z) > 2 ? 1 : 0;
                    all++;
                }
            }
        }
        // about 5% of |z| exceed 2 when the two agree: more than 6 of 36 has probability below 0.5%
        assertTrue(beyondTwo <= 6, beyondTwo + " of " + all + " comparisons differ by more than 2 standard errors");
        List<String> csv = Files.readAllLines(dir.resolve("captum-comparison.csv"));
        assertEquals(1 + all, csv.size());
        assertTrue(Files.readString(dir.resolve("index.html")).contains("Beside Captum"));
        for (String svg : List.of("captum-equivalence.svg", "captum-robustness.svg")) {
            javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(svg).toFile());
        }
    }
}
