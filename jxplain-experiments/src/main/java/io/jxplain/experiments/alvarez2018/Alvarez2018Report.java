package io.jxplain.experiments.alvarez2018;

import io.jxplain.experiments.Statistics;
import io.jxplain.report.HtmlReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** index.html of the Alvarez-Melis &amp; Jaakkola 2018 image reproduction, claim by claim. */
final class Alvarez2018Report {
    private Alvarez2018Report() {
    }

    static void write(Path index, Alvarez2018Config c, double accuracy, int points, List<RobustnessScores> scores,
                      double[][] ratios, CompasRobustness.Result compas) throws IOException {
        HtmlReport r = new HtmlReport("Alvarez-Melis & Jaakkola 2018, On the Robustness of Interpretability Methods: §3.3");
        r.paragraph(String.format(Locale.ROOT, "Images: %s. Model: the built-in CNN trained here on %d images for %d"
                + " epoch(s), test accuracy %.4f. Explained: the predicted class's probability. Local Lipschitz estimate"
                + " (Eq. 1) in the L-infinity box of radius %.2g by Bayesian optimisation (GP, expected improvement) with"
                + " %d explanations per point (%d for LIME and SHAP, as the paper's 200 / 40), the explainer's"
                + " randomness held fixed; %d test points (paper: 100). LIME and SHAP work on pixels (%d and %d samples),"
                + " not on the paper's super-pixels; occlusion is one pixel at a time (DeepExplain's default window).",
                c.images(), c.trainImages(), c.epochs(), accuracy, c.epsilon(), c.budget(), c.blackBoxBudget(), points,
                c.limeSamples(), c.shapSamples()));
        r.heading(2, "Figure 5: a digit and three noisy copies (σ = " + c.noiseSigma() + ")");
        List<List<String>> rows = new ArrayList<>();
        for (int m = 0; m < scores.size(); m++) {
            rows.add(List.of(scores.get(m).label(), fmt(ratios[m][0]), fmt(ratios[m][1]), fmt(ratios[m][2])));
        }
        r.table(List.of("method", "δ copy 1", "δ copy 2", "δ copy 3"), rows);
        for (int m = 0; m < scores.size(); m++) {
            for (int copy = 0; copy < 4; copy++) {
                r.figure(String.format(Locale.ROOT, "figure5/method%d-copy%d.svg", m, copy),
                        scores.get(m).label() + (copy == 0 ? ", the digit" : ", noisy copy " + copy));
            }
        }
        r.heading(2, "Figure 6: local Lipschitz estimates");
        r.figure("figure6.svg", "one box per method over the test points (log scale)");
        List<List<String>> stats = new ArrayList<>();
        for (RobustnessScores s : scores) {
            Statistics st = Statistics.of(s.lipschitz());
            stats.add(List.of(s.label(), fmt(s.median()), String.format(Locale.ROOT, "%.3g ± %.2g", st.mean(),
                    st.standardError()), fmt(st.p10()), fmt(st.p90())));
        }
        r.table(List.of("method", "median", "mean ± SE", "10%", "90%"), stats);
        r.heading(2, "The paper's claims");
        List<List<String>> claims = new ArrayList<>();
        RobustnessScores worst = scores.get(0);
        for (RobustnessScores s : scores) {
            worst = s.median() > worst.median() ? s : worst;
        }
        claims.add(List.of("LIME is the least robust (highest local Lipschitz estimates)", "highest median: "
                + worst.label() + " (" + fmt(worst.median()) + ")", worst.label().equals("LIME") ? "confirmed" : "not confirmed"));
        double gradientWorst = Math.max(scores.get(0).median(), Math.max(scores.get(1).median(), scores.get(2).median()));
        double blackBestOcclusionLime = Math.min(scores.get(4).median(), scores.get(5).median());
        claims.add(List.of("gradient-based methods are more stable than LIME and occlusion",
                String.format(Locale.ROOT, "largest gradient-method median %.3g; smallest of occlusion and LIME %.3g",
                        gradientWorst, blackBestOcclusionLime),
                gradientWorst < blackBestOcclusionLime ? "confirmed" : "not confirmed"));
        r.table(List.of("claim", "this run", "verdict"), claims);
        r.heading(2, "Figure 7: each method's Lipschitz-maximising neighbour of the first digit");
        for (int m = 0; m < scores.size(); m++) {
            r.figure(String.format(Locale.ROOT, "figure7/method%d-x.svg", m), scores.get(m).label() + ", the digit");
            r.figure(String.format(Locale.ROOT, "figure7/method%d-worst.svg", m), scores.get(m).label() + ", its worst neighbour");
        }
        r.heading(2, "Figure 4: COMPAS, logistic regression, discrete Lipschitz estimate (Eq. 2, ε = " + c.epsilon() + ")");
        if (compas == null) {
            r.paragraph("Skipped: compas/compas-scores-two-years.csv.gz was not found under the data folder.");
        } else {
            r.paragraph(String.format(Locale.ROOT, "ProPublica's filter (6 172 rows), one-hot race, binary sex and charge"
                    + " degree, standardised on the 90%% training split; test accuracy %.4f on %d test rows (the paper's"
                    + " reference sample: ~600). Each test point's largest ratio ‖φ(xᵢ) − φ(xⱼ)‖/‖xᵢ − xⱼ‖ over the other test"
                    + " points within ε; the worst pair is shown feature by feature.", compas.testAccuracy(),
                    compas.testRows().numRows));
            for (var e : compas.byMethod().entrySet()) {
                var res = e.getValue();
                r.heading(3, String.format(Locale.ROOT, "%s: worst ratio %.4g (points with a neighbour: %d)", e.getKey(),
                        res.worst(), res.pointsWithNeighbours()));
                if (res.worstI() >= 0) {
                    List<List<String>> pair = new ArrayList<>();
                    double[] ai = res.explanations().get(res.worstI()).attributions();
                    double[] aj = res.explanations().get(res.worstJ()).attributions();
                    for (int k = 0; k < compas.features().size(); k++) {
                        pair.add(List.of(compas.features().get(k), fmt(compas.testRows().get(res.worstI(), k)),
                                fmt(compas.testRows().get(res.worstJ(), k)), fmt(ai[k]), fmt(aj[k])));
                    }
                    r.table(List.of("feature (standardised)", "xᵢ", "xⱼ", "φ(xᵢ)", "φ(xⱼ)"), pair);
                }
            }
        }
        r.paragraph("Not reproduced here: Figures 2–3 (random forests on UCI data sets) and §3.4 (ImageNet).");
        r.write(index);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
