package io.jxplain.cli;

import io.jxplain.explain.Explanation;

/** Running per-feature means of attributions and of their standard errors, over explanations seen one at a time. */
final class AttributionMeans {
    private final double[] attributionSums;
    private final double[] standardErrorSums;
    private long count;
    private boolean standardErrors = true;

    AttributionMeans(int features) {
        attributionSums = new double[features];
        standardErrorSums = new double[features];
    }

    void add(Explanation e) {
        count++;
        standardErrors &= e.hasStandardErrors();
        for (int j = 0; j < attributionSums.length; j++) {
            attributionSums[j] += e.attribution(j);
            if (standardErrors) {
                standardErrorSums[j] += e.standardErrors()[j];
            }
        }
    }

    long count() {
        return count;
    }

    /** Whether every explanation had standard errors. */
    boolean hasStandardErrors() {
        return count > 0 && standardErrors;
    }

    double meanAttribution(int j) {
        return attributionSums[j] / count;
    }

    double meanStandardError(int j) {
        return standardErrorSums[j] / count;
    }
}
