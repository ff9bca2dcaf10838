package io.jxplain.experiments.yeh2019;

import io.jxplain.io.StagedFile;
import io.jxplain.experiments.Statistics;
import io.jxplain.report.HtmlReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** index.html of the Yeh et al. 2019 reproduction: the paper's numbers beside this run's, claim by claim. */
final class Yeh2019Report {
    private Yeh2019Report() {
    }

    static void write(Path index, Yeh2019Config c, double accuracy, int points, List<MethodScores> local,
                      List<MethodScores> global, List<SanityScores> sanity) throws IOException {
        HtmlReport r = new HtmlReport("Yeh et al. 2019, On the (In)fidelity and Sensitivity of Explanations: reproduction");
        r.paragraph(String.format(Locale.ROOT, "Images: %s %s. Model: the built-in LeNet-like CNN trained here on %d of"
                + " them for %d epoch(s); test accuracy %.4f on the rest. The paper used MNIST and the naturally trained"
                + " model of Madry et al. (not available here). Explained: the logit of the true class, as the authors'"
                + " code. Points: the first %d held-out images (paper: 50).", c.images(), c.images().shape(),
                c.trainImages(), c.epochs(), accuracy, points));
        r.paragraph(String.format(Locale.ROOT, "Settings (authors' code in brackets where it differs): max-sensitivity over"
                + " %d points uniform in the L-infinity ball of radius 0.2 (local) / 0.1 (global) [50], divided by the"
                + " explanation's norm; infidelity over %d draws [10 000 noisy-baseline draws; all 5 605 squares], each"
                + " explanation first rescaled by its optimal factor beta; SG: mean over %d points uniform in the"
                + " L-infinity ball of radius 0.2 [500 local, 50 global]; IG: 10 left-Riemann steps from 0; noisy"
                + " baseline: each pixel clip(N(0, 0.2^2), 0, 1); squares of side 1-10 set to 0 (the Square explanation from"
                + " all %d of them, as the authors; the infidelity metric from random ones); the noisy-baseline"
                + " optimum from %d draws [20 000]; SHAP: KernelSHAP with %d"
                + " coalitions, exact efficiency [20 000 uniform coalitions, kernel-weighted].", c.sensitivitySamples(),
                c.infidelitySamples(), c.smoothingSamples(), Yeh2019Methods.squares(c.images().shape()).count(),
                c.optimalSamples(), c.shapSamples()));
        r.paragraph("The authors' get_exp_sens divides the running maximum by the norm at every one of its 50 steps, not"
                + " once; this run divides once (Definition 3.1 with the relative scaling the code intends). Absolute"
                + " values depend on the model's logit scale, so compare orderings, not numbers. CIFAR-10 and ImageNet"
                + " (the other columns of Table 1(b), and the paper's Table 2) are out of reach here: no data, no"
                + " pretrained ResNet.");
        r.heading(2, "Table 1(a): local explanations, noisy-baseline infidelity");
        r.table(List.of("method", "SENS_MAX paper", "SENS_MAX this run", "INFD paper", "INFD this run"), rows(local));
        r.heading(2, "Table 1(b): global explanations, square-removal infidelity");
        r.table(List.of("method", "SENS_MAX paper", "SENS_MAX this run", "INFD paper", "INFD this run"), rows(global));
        r.heading(2, "Table 2: sanity check (last layer randomised), Spearman rank correlation");
        List<List<String>> sanityRows = new ArrayList<>();
        for (SanityScores s : sanity) {
            sanityRows.add(List.of(s.method().label(), fmt(s.method().paperCorrelation()), cell(s.correlationStats()),
                    fmt(s.method().paperAbsCorrelation()), cell(s.absCorrelationStats())));
        }
        r.table(List.of("method", "Corr paper (ImageNet)", "Corr this run", "Corr (abs) paper", "Corr (abs) this run"),
                sanityRows);
        r.paragraph("Each value is the mean over the points and " + c.randomisations() + " independent"
                + " randomisations of the last layer; its standard error counts the spread between randomisations as"
                + " well as between points (SE² = Var(per-randomisation means)/R + Var(per-point means)/n), since one"
                + " randomisation is a single draw that every point shares. table2.csv holds every point under every"
                + " randomisation.");
        r.heading(2, "The paper's claims");
        List<List<String>> claims = new ArrayList<>();
        if (!local.isEmpty()) {
            claims.add(lowest("the noisy-baseline optimum has the lowest infidelity of Table 1(a)", local, "Noisy Baseline"));
        }
        if (global.size() == Yeh2019Methods.global(c).size()) {
            claims.add(lowest("the Square optimum has the lowest infidelity of Table 1(b)", global, "Square"));
        }
        for (List<MethodScores> table : List.of(local, global)) {
            if (table.isEmpty()) {
                continue;
            }
            String which = table == local ? "local" : "global";
            claims.add(smoothing("SG lowers max-sensitivity (" + which + ")", table, true));
            claims.add(smoothing("SG lowers infidelity (" + which + ")", table, false));
        }
        if (!sanity.isEmpty()) {
            int lower = 0;
            for (SanityScores s : sanity) {
                lower += s.correlationStats().mean() < s.absCorrelationStats().mean() ? 1 : 0;
            }
            claims.add(List.of("explanations without abs pass the sanity check (low correlation), with abs they correlate more",
                    lower + " of " + sanity.size() + " methods: signed correlation below the abs one",
                    lower == sanity.size() ? "confirmed" : "not confirmed"));
            SanityScores lowestAbs = sanity.get(0);
            for (SanityScores sc : sanity) {
                if (sc.absCorrelationStats().mean() < lowestAbs.absCorrelationStats().mean()) {
                    lowestAbs = sc;
                }
            }
            claims.add(List.of("Square's |φ| changes most when the model is randomised (lowest abs correlation)",
                    "lowest: " + lowestAbs.method().label() + " (" + cell(lowestAbs.absCorrelationStats()) + ")",
                    lowestAbs.method().label().equals("Square") ? "confirmed" : "not confirmed"));
        }
        r.table(List.of("claim", "this run", "verdict"), claims);
        r.heading(2, "Figure 2: local explanations of " + c.images() + " digits");
        List<YehMethod> methods = Yeh2019Methods.local(c);
        if (!local.isEmpty()) {
            for (int i = 0; i < Math.min(c.figureDigits(), points); i++) {
                for (int k = 0; k < methods.size(); k++) {
                    r.figure("figure2/" + Yeh2019Reproduction.figureFile(i, k), "digit " + i + ": " + methods.get(k).label());
                }
            }
        }
        List<List<String>> missing = new java.util.ArrayList<>();
        if (c.images() != io.jxplain.experiments.ImageSet.MNIST) {
            missing.add(List.of("Tables 1a and 2 and Figure 2 on MNIST at the paper's scale", "this run uses " + c.images()
                    + "; reproduce yeh2019 --images mnist runs them on MNIST"));
        }
        missing.add(List.of("Table 1b on CIFAR-10 and ImageNet; Figure 1 (ImageNet examples)", "neither data set is on"
                + " this machine (its network reaches only Maven Central, Debian and npm)"));
        missing.add(List.of("Figure 3 and Table 2 on a pretrained ResNet-50", "no pretrained ImageNet network here: the"
                + " sanity check runs on the digit CNN, its top layer randomised"));
        missing.add(List.of("Figure 4 and Table 3: the human study (bird and frog images with captions)",
                "it needs human participants"));
        r.notReproduced(missing);
        StagedFile.writeString(index, r.toHtml());
    }

    private static List<List<String>> rows(List<MethodScores> table) {
        List<List<String>> rows = new ArrayList<>();
        for (MethodScores s : table) {
            rows.add(List.of(s.method().label(), fmt(s.method().paperSensitivity()), cell(s.sensitivityStats()),
                    fmt(s.method().paperInfidelity()), cell(s.infidelityStats())));
        }
        return rows;
    }

    private static List<String> lowest(String claim, List<MethodScores> table, String label) {
        MethodScores best = table.get(0);
        for (MethodScores s : table) {
            if (s.infidelityStats().mean() < best.infidelityStats().mean()) {
                best = s;
            }
        }
        return List.of(claim, "lowest: " + best.method().label() + " (" + cell(best.infidelityStats()) + ")",
                best.method().label().equals(label) ? "confirmed" : "not confirmed");
    }

    /**
     * Each base method against its -SG row: how many pairs go the claimed way by more than two standard errors of the
     * difference (per-point SEs combined as if independent: conservative for these paired values).
     */
    private static List<String> smoothing(String claim, List<MethodScores> table, boolean sensitivity) {
        int pairs = 0;
        int lower = 0;
        int higher = 0;
        StringBuilder detail = new StringBuilder();
        for (MethodScores base : table) {
            for (MethodScores sg : table) {
                if (!sg.method().label().equals(base.method().label() + "-SG")) {
                    continue;
                }
                Statistics a = sensitivity ? base.sensitivityStats() : base.infidelityStats();
                Statistics b = sensitivity ? sg.sensitivityStats() : sg.infidelityStats();
                pairs++;
                double twoSe = 2 * Math.hypot(a.standardError(), b.standardError());
                boolean clear = a.mean() - b.mean() > twoSe;
                lower += clear ? 1 : 0;
                higher += b.mean() - a.mean() > twoSe ? 1 : 0;
                detail.append(String.format(Locale.ROOT, "%s %.3g → %.3g%s; ", base.method().label(), a.mean(), b.mean(),
                        clear ? "" : " (within 2 SE)"));
            }
        }
        String verdict = pairs == 0 ? "not measured" : lower == pairs ? "confirmed"
                : higher > 0 ? "contradicted (" + higher + " of " + pairs + " clearly higher)"
                : lower == 0 ? "not confirmed (all within 2 SE)" : "partly (" + lower + " of " + pairs + ")";
        return List.of(claim, detail.toString().trim(), verdict);
    }

    private static String cell(Statistics s) {
        return String.format(Locale.ROOT, "%.3g ± %.2g", s.mean(), s.standardError());
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }
}
