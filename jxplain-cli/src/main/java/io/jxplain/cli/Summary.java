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
        out.printf(Locale.ROOT, "%-" + width + "s  %s%n", "feature",
                se ? "mean attribution ± mean 95% half-width (1.96 std. err.)" : "mean attribution");
        for (int j = 0; j < features.size(); j++) {
            double mean = 0;
            double meanSe = 0;
            for (Explanation e : results) {
                mean += e.attribution(j) / results.size();
                if (se) {
                    meanSe += e.standardErrors()[j] / results.size();
                }
            }
            out.printf(Locale.ROOT, "%-" + width + "s  %s%n", features.get(j),
                    se ? plusMinus(mean, meanSe) : String.format(Locale.ROOT, "%.6g", mean));
        }
    }

    /** "estimate ± 1.96·SE" (just the estimate when the standard error is unknown). */
    static String plusMinus(double estimate, double standardError) {
        if (Double.isNaN(standardError)) {
            return String.format(Locale.ROOT, "%.6g", estimate);
        }
        return String.format(Locale.ROOT, "%.6g ± %.2g", estimate, Explanation.Z95 * standardError);
    }
}
