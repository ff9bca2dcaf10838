package io.jxplain.explain;

import java.util.Arrays;

/**
 * The surrogate-fitting step that C-LIME, LIME, KernelSHAP and the infidelity-optimal explanations share, written
 * once: solve the least-squares problem on the columns that can be estimated, fall back to its minimum-norm solution
 * when they do not identify every coefficient (no standard errors then, and the fit is flagged), and put each
 * coefficient back at its feature among all d (0, with a NaN standard error, for the features left out).
 *
 * @param coefficients   one per feature
 * @param standardErrors one per feature (NaN where not estimated)
 * @param intercept      the problem's intercept (NaN without one)
 * @param rankDeficient  whether the minimum-norm fallback was taken
 */
record Surrogate(double[] coefficients, double[] standardErrors, double intercept, boolean rankDeficient) {
    /** What to do with a singular problem. */
    enum Singular {
        /** Refuse it: the problem's exception reaches the caller. */
        REFUSE,
        /** Take the minimum-norm solution. */
        MINIMUM_NORM
    }

    /**
     * Fits {@code problem}, whose column k is feature {@code features[k]} of d (null: column j is feature j).
     */
    static Surrogate fit(LeastSquares.Problem problem, int[] features, int d, Singular singular) {
        LeastSquares.Fit fit;
        boolean deficient = false;
        try {
            fit = problem.fit();
        } catch (IllegalArgumentException notIdentified) {
            if (singular == Singular.REFUSE) {
                throw notIdentified;
            }
            fit = problem.minimumNorm();
            deficient = true;
        }
        double[] phi = new double[d];
        double[] se = new double[d];
        if (features == null) {
            System.arraycopy(fit.coefficients(), 0, phi, 0, d);
            System.arraycopy(fit.standardErrors(), 0, se, 0, d);
        } else {
            Arrays.fill(se, Double.NaN);
            for (int k = 0; k < features.length; k++) {
                phi[features[k]] = fit.coefficients()[k];
                se[features[k]] = fit.standardErrors()[k];
            }
        }
        return new Surrogate(phi, se, fit.intercept(), deficient);
    }
}
