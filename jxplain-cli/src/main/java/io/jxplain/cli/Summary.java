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
    /**
     * A method's parameters for the one-line summary: arrays written out, LIME's bin cuts (a table, in the
     * provenance) left out.
     */
    static String parameters(java.util.Map<String, Object> parameters) {
        java.util.StringJoiner out = new java.util.StringJoiner(", ", "{", "}");
        parameters.forEach((key, value) -> {
            if (!key.equals(io.jxplain.explain.Lime.BIN_CUTS)) {
                out.add(key + "=" + (value instanceof int[] a ? java.util.Arrays.toString(a)
                        : value instanceof double[] a ? java.util.Arrays.toString(a) : value));
            }
        });
        return out.toString();
    }

    static void printMeanAttributions(PrintWriter out, List<String> features, AttributionMeans means) {
        if (means.count() == 0) {
            return;
        }
        int width = Math.max(7, features.stream().mapToInt(String::length).max().orElse(7));
        boolean se = means.hasStandardErrors();
        out.printf(Locale.ROOT, "%-" + width + "s  %s%n", "feature",
                se ? "mean attribution ± mean 95% half-width (1.96 std. err.)" : "mean attribution");
        for (int j = 0; j < features.size(); j++) {
            out.printf(Locale.ROOT, "%-" + width + "s  %s%n", features.get(j), se
                    ? plusMinus(means.meanAttribution(j), means.meanStandardError(j))
                    : String.format(Locale.ROOT, "%.6g", means.meanAttribution(j)));
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
