package io.jxplain.cli;

import io.jxplain.explain.Explanation;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Short tables printed after a run. */
final class Summary {
    private Summary() {
    }

    /** Per feature: mean attribution over rows, and the mean per-row standard error where there is one. */
    static void printMeanAttributions(PrintWriter out, List<String> features, List<Explanation> results) {
        if (results.isEmpty()) {
            return;
        }
        int width = Math.max(7, features.stream().mapToInt(String::length).max().orElse(7));
        boolean se = results.get(0).hasStandardErrors();
        out.printf(Locale.ROOT, "%-" + width + "s  %14s%s%n", "feature", "mean attr.", se ? "  mean std. err." : "");
        for (int j = 0; j < features.size(); j++) {
            double mean = 0;
            double meanSe = 0;
            for (Explanation e : results) {
                mean += e.attribution(j) / results.size();
                if (se) {
                    meanSe += e.standardErrors()[j] / results.size();
                }
            }
            out.printf(Locale.ROOT, "%-" + width + "s  %14.6g%s%n", features.get(j), mean,
                    se ? String.format(Locale.ROOT, "  %15.3g", meanSe) : "");
        }
    }
}
