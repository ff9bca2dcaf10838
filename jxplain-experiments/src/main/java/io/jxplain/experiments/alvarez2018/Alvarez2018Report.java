package io.jxplain.experiments.alvarez2018;

import io.jxplain.io.StagedFile;
import io.jxplain.experiments.Statistics;
import io.jxplain.report.HtmlReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** index.html of the Alvarez-Melis &amp; Jaakkola 2018 image reproduction, claim by claim. */
final class Alvarez2018Report {
    private Alvarez2018Report() {
    }

    static void write(Path index, Alvarez2018Config c, double accuracy, int points, List<RobustnessScores> scores,
                      double[][] ratios, CompasRobustness.Result compas, List<UciRobustness.SetResult> uci)
            throws IOException {
        HtmlReport r = new HtmlReport("Alvarez-Melis & Jaakkola 2018, On the Robustness of Interpretability Methods: §3.3");
        r.paragraph(String.format(Locale.ROOT, "Images: %s. Model: the built-in CNN trained here on %d images for %d"
                + " epoch(s), test accuracy %.4f. Explained: the predicted class's probability. Local Lipschitz estimate"
                + " (Eq. 1) in the L-infinity box of radius %.2g by Bayesian optimisation (GP, expected improvement) with"
                + " %d explanations per point (%d for LIME and SHAP, as the paper's 200 / 40), the explainer's"
                + " randomness held fixed; %d test points (paper: 100). LIME as the lime package explains images (%d"
                + " samples): quickshift superpixels of each image (kernel %.2g, max distance %.0f, ratio %.1f: the"
                + " package's MNIST tutorial, the kernel scaled to the image's width), each sample switching superpixels"
                + " off to their mean, cosine kernel of width 0.25, ridge regression; a pixel's attribution is its"
                + " superpixel's coefficient, so x and x′ are compared through their own segmentations. SHAP works on"
                + " pixels (%d samples); occlusion is one pixel at a time (DeepExplain's default window).",
                c.images(), c.trainImages(), c.epochs(), accuracy, c.epsilon(), c.budget(), c.blackBoxBudget(), points,
                c.limeSamples(), Alvarez2018Reproduction.superpixels(c.images().shape()).kernelSize(),
                Alvarez2018Reproduction.superpixels(c.images().shape()).maxDistance(),
                Alvarez2018Reproduction.superpixels(c.images().shape()).ratio(), c.shapSamples()));
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
        if (c.tabular()) {
            compasSection(r, c, compas);
            uciSection(r, c, uci);
        }
        List<List<String>> missing = new ArrayList<>(List.of(
                List.of("§3.4: a ResNet on ImageNet", "neither the data nor the network is within reach of this machine"),
                List.of("Figure 1: LIME and SHAP on a synthetic 2-D set", "an illustration without a measured claim; "
                        + "Figures 2–4 measure the same instability on real data")));
        if (!c.tabular()) {
            missing.add(List.of("Figures 2–4: LIME and SHAP on UCI data sets and COMPAS", "this run was "
                    + "--images-only; the committed alvarez2018-digits run has them"));
        }
        if (c.images() != io.jxplain.experiments.ImageSet.MNIST) {
            missing.add(List.of("Figures 5–7 on MNIST", "this run used the " + c.images() + " images as a smaller "
                    + "proxy; reproduce alvarez2018 --images mnist runs the paper's data"));
        }
        if (points < 100) {
            missing.add(List.of("100 test points per data set", "this run explained " + points + " (--points)"));
        }
        r.notReproduced(missing);
        StagedFile.writeString(index, r.toHtml());
    }

    /** Figure 4: per explainer the worst discrete ratio and its pair; the paper's ranking for both settings. */
    private static void compasSection(HtmlReport r, Alvarez2018Config c, CompasRobustness.Result compas) {
        r.heading(2, "Figure 4: COMPAS, logistic regression, discrete Lipschitz estimate (Eq. 2, ε = " + c.epsilon() + ")");
        if (compas == null) {
            r.paragraph("Skipped: compas/compas-scores-two-years.csv.gz was not found under the data folder.");
            return;
        }
        r.paragraph(String.format(Locale.ROOT, "ProPublica's filter (6 172 rows), one-hot race, binary sex and charge"
                + " degree, standardised on the 90%% training split; test accuracy %.4f on %d test rows (the paper's"
                + " reference sample: ~600). Each test point's largest ratio ‖φ(xᵢ) − φ(xⱼ)‖/‖xᵢ − xⱼ‖ over the other test"
                + " points within ε; the worst pair is shown feature by feature. %s", compas.testAccuracy(),
                compas.testRows().numRows, settings(c, c.limeSamples())));
        List<List<String>> summary = new ArrayList<>();
        compas.byMethod().forEach((label, res) -> summary.add(List.of(label, fmt(res.worst()),
                fmt(Statistics.median(Arrays.stream(res.perPoint()).filter(v -> !Double.isNaN(v)).toArray())),
                String.valueOf(res.pointsWithNeighbours()))));
        r.table(List.of("explainer", "worst ratio (Eq. 2)", "median over points", "points with a neighbour"), summary);
        List<List<String>> claims = new ArrayList<>();
        for (boolean defaults : new boolean[] {true, false}) {
            String lime = TabularExplainers.asRun(TabularExplainers.LIME, defaults);
            String shap = TabularExplainers.asRun(TabularExplainers.SHAP, defaults);
            double l = compas.byMethod().get(lime).worst();
            double sh = compas.byMethod().get(shap).worst();
            claims.add(List.of("LIME's worst ratio is far above SHAP's (" + (defaults ? "as the packages run them"
                    : "the variants: " + lime + " vs " + shap) + ")", String.format(Locale.ROOT,
                    "worst ratio (Eq. 2): %s %.3g vs %s %.3g (%.3g×); judged on the paper's measure, the worst ratio, with"
                            + " \"far above\" read as at least 2×", lime, l, shap, sh, l / sh),
                    l >= 2 * sh ? "confirmed" : l > sh ? "partly confirmed" : "not confirmed"));
        }
        r.table(List.of("claim", "this run", "verdict"), claims);
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

    /** How the tabular LIME and SHAP are set: the packages' defaults and the variants beside them. */
    private static String settings(Alvarez2018Config c, int shapSamples) {
        return String.format(Locale.ROOT, "LIME (%d samples, kernel width 0.75√d) as the lime package runs it: quartile"
                + " bins of the training rows; beside it \"%s\", lime's discretize_continuous=False (draws from the"
                + " training rows' mean and spread). KernelSHAP (%d coalitions) as the shap package runs it: over a"
                + " background of %d k-means centroids of the training rows (shap.kmeans; the paper does not say which"
                + " background it used), values adding up to f(x) − E f(background); beside it \"%s\", absent features"
                + " set to 0 (the training mean), as jxplain's KernelSHAP did without a background.", c.limeSamples(),
                TabularExplainers.LIME_CONTINUOUS, shapSamples, c.shapBackground(), TabularExplainers.SHAP_ZEROS);
    }

    /** Figures 2–3: per data set and explainer, the estimates and how far the explanation moves within the box. */
    private static void uciSection(HtmlReport r, Alvarez2018Config c, List<UciRobustness.SetResult> uci) {
        r.heading(2, "Figures 2–3: LIME and SHAP on random forests (UCI data sets, Eq. 1)");
        if (uci.isEmpty()) {
            r.paragraph("Skipped: none of the UCI files was found under the data folder.");
            return;
        }
        r.paragraph(String.format(Locale.ROOT, "Each data set: a seeded 80/20 split standardised on its training part; a"
                + " Tribuo random forest of %d trees (scikit-learn's defaults otherwise: fully grown, √d features per"
                + " split for classification, d/3 for regression); %d test points (paper: 100 of 200 sampled), explained at"
                + " the predicted class's probability (boston: the predicted price). %s Eq. 1 in the L-infinity box of"
                + " radius %.2g by Bayesian optimisation with %d explanations per point (paper: 40), the explainer's"
                + " randomness held fixed within a point (common random numbers), so sampling noise does not count as"
                + " instability. Relative change = L·ε/‖φ(x)‖: how far the explanation can move inside the box, in units"
                + " of its own size. The claims are judged on the packages' settings; the variants are reported beside"
                + " them.", c.forestTrees(), c.points(), settings(c, c.shapSamples()), c.epsilon(), c.blackBoxBudget()));
        r.figure("figure2.svg", "one box per data set and explainer (log scale)");
        List<List<String>> rows = new ArrayList<>();
        for (UciRobustness.SetResult s : uci) {
            for (int m = 0; m < s.scores().size(); m++) {
                RobustnessScores sc = s.scores().get(m);
                Statistics st = Statistics.of(sc.lipschitz());
                rows.add(List.of(s.set().name(), String.valueOf(s.features().size()),
                        (s.set().regression() ? "R² " : "acc. ") + fmt(s.testScore()), sc.label(), fmt(sc.median()),
                        String.format(Locale.ROOT, "%.3g ± %.2g", st.mean(), st.standardError()), fmt(st.p90()),
                        fmt(Statistics.median(s.relativeChange(m, c.epsilon())))));
            }
        }
        r.table(List.of("data set", "d", "forest (test)", "explainer", "median L", "mean ± SE", "90%",
                "median relative change"), rows);
        r.table(List.of("claim", "this run", "verdict"), List.of(notRobust(c, uci), limeBelowShap(uci, true),
                limeBelowShap(uci, false)));
        variantsTable(r, c, uci);
        for (UciRobustness.SetResult s : uci) {
            if (s.set().name().equals("boston")) {
                r.heading(3, "Figure 3: a boston test point and, per explainer, its Lipschitz-maximising neighbour");
                for (RobustnessScores sc : s.scores()) {
                    String file = TabularExplainers.fileName(sc.label());
                    r.figure("figure3/" + file + "-x.svg", sc.label() + " at x");
                    r.figure("figure3/" + file + "-worst.svg", sc.label() + " at the neighbour x′ maximising Eq. 1");
                }
            }
        }
    }

    /** "Not robust", judged on the packages' settings by the median relative change (threshold 1, fixed beforehand). */
    private static List<String> notRobust(Alvarez2018Config c, List<UciRobustness.SetResult> uci) {
        int unstable = 0;
        int total = 0;
        StringBuilder medians = new StringBuilder();
        for (UciRobustness.SetResult s : uci) {
            for (String label : List.of(TabularExplainers.LIME, TabularExplainers.SHAP)) {
                double rel = Statistics.median(s.relativeChange(s.indexOf(label), c.epsilon()));
                total++;
                unstable += rel >= 1 ? 1 : 0;
                medians.append(String.format(Locale.ROOT, "%s %s %.2g; ", s.set().name(), label, rel));
            }
        }
        return List.of("LIME and SHAP explanations of random forests are not robust: close inputs get considerably"
                        + " different explanations (Figure 2, Figure 3)",
                String.format(Locale.ROOT, "judged on the median relative change L·ε/‖φ(x)‖ (the paper gives no scale);"
                        + " the threshold fixed before the run — ≥ 1, the explanation moves by its own size within ε —"
                        + " holds for %d of %d data set/explainer pairs (%s); below it the explanations still move by the"
                        + " fraction shown", unstable, total, medians),
                unstable == total ? "confirmed" : unstable * 2 >= total ? "partly confirmed" : "not confirmed");
    }

    /** The paper's ranking (LIME least robust) on median L, for the packages' settings or for the variants. */
    private static List<String> limeBelowShap(List<UciRobustness.SetResult> uci, boolean defaults) {
        String lime = TabularExplainers.asRun(TabularExplainers.LIME, defaults);
        String shap = TabularExplainers.asRun(TabularExplainers.SHAP, defaults);
        int limeWorse = 0;
        StringBuilder pairs = new StringBuilder();
        for (UciRobustness.SetResult s : uci) {
            double l = s.scores().get(s.indexOf(lime)).median();
            double sh = s.scores().get(s.indexOf(shap)).median();
            limeWorse += l > sh ? 1 : 0;
            pairs.append(String.format(Locale.ROOT, "%s %.3g vs %.3g; ", s.set().name(), l, sh));
        }
        return List.of("LIME is less robust than SHAP (the paper's overall ranking: LIME least robust)"
                        + (defaults ? "" : "; the variants: " + lime + " vs " + shap),
                String.format(Locale.ROOT, "judged on the median local Lipschitz estimate L (Eq. 1, the paper's"
                        + " measure), %s vs %s: %s %s higher on %d of %d data sets", lime, shap, pairs, lime, limeWorse,
                        uci.size()),
                limeWorse == uci.size() ? "confirmed" : limeWorse * 2 > uci.size() ? "partly confirmed" : "not confirmed");
    }

    /** Per data set, each package setting beside its variant: median L and relative change, and their ratio. */
    private static void variantsTable(HtmlReport r, Alvarez2018Config c, List<UciRobustness.SetResult> uci) {
        r.heading(3, "The packages' settings against the variants beside them");
        List<List<String>> rows = new ArrayList<>();
        for (UciRobustness.SetResult s : uci) {
            for (String label : List.of(TabularExplainers.LIME, TabularExplainers.SHAP)) {
                int d = s.indexOf(label);
                int v = s.indexOf(TabularExplainers.variantOf(label));
                double ld = s.scores().get(d).median();
                double lv = s.scores().get(v).median();
                rows.add(List.of(s.set().name(), label + " vs " + s.scores().get(v).label(), fmt(ld), fmt(lv),
                        fmt(lv / ld), fmt(Statistics.median(s.relativeChange(d, c.epsilon()))),
                        fmt(Statistics.median(s.relativeChange(v, c.epsilon())))));
            }
        }
        r.table(List.of("data set", "package setting vs variant", "median L", "median L (variant)", "variant / setting",
                "median relative change", "median relative change (variant)"), rows);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
