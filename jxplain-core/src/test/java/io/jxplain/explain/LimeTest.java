package io.jxplain.explain;

import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;
import io.jxplain.testing.FunctionModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimeTest {
    private static final Target OUT = Target.output(0);

    private static DMatrixRMaj training(int n, double[] means, double[] sds, long seed) {
        RandomGenerator rng = RandomStreams.stream(seed);
        DMatrixRMaj t = new DMatrixRMaj(n, means.length);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < means.length; j++) {
                t.set(i, j, means[j] + sds[j] * rng.nextGaussian());
            }
        }
        return t;
    }

    /** Without discretisation the surrogate sees standardised features: a linear f = θᵀv gives θⱼ·sdⱼ (ridge shrinks by &lt; 0.1%). */
    @Test
    void onALinearModelTheContinuousSurrogateRecoversTheScaledCoefficients() {
        double[] theta = {1.5, -2.0, 0.5};
        double[] sd = {2.0, 0.5, 1.0};
        FunctionModel f = FunctionModel.linear(theta, 0.3);
        DMatrixRMaj train = training(20_000, new double[] {1, -1, 0}, sd, 1L);
        Explanation e = Lime.builder().training(train).discretize(false).selection(Lime.Selection.NONE).build()
                .explain(f, OUT, new double[] {0.5, 0.2, -0.1}, 2L);
        for (int j = 0; j < 3; j++) {
            assertEquals(theta[j] * sd[j], e.attribution(j), 0.01 * Math.abs(theta[j] * sd[j]), "feature " + j);
        }
        assertTrue(e.intercept().isPresent());
    }

    @Test
    void discretisedLimeFindsTheOnlyFeatureThatMatters() {
        FunctionModel step = FunctionModel.stepOnFirst(4);
        DMatrixRMaj train = training(2000, new double[4], new double[] {1, 1, 1, 1}, 3L);
        double[] x = {1.2, 0.3, -0.4, 0.9};
        for (Lime.Selection s : new Lime.Selection[] {Lime.Selection.FORWARD, Lime.Selection.HIGHEST_WEIGHTS,
                Lime.Selection.LASSO_PATH}) {
            Explanation e = Lime.builder().training(train).features(1).selection(s).build().explain(step, OUT, x, 4L);
            assertTrue(e.attribution(0) > 0.5, s + ": " + e);
            assertArrayEquals(new double[] {0, 0, 0}, new double[] {e.attribution(1), e.attribution(2), e.attribution(3)}, 0.0);
        }
        Explanation all = Lime.builder().training(train).selection(Lime.Selection.NONE).build()
                .explain(step, OUT, x, 4L);
        for (int j = 1; j < 4; j++) {
            assertTrue(Math.abs(all.attribution(j)) < 0.1 * all.attribution(0), "feature " + j + ": " + all);
        }
    }

    @Test
    void aBinIsNamedAsTheLimePackageNamesIt() {
        double[] cuts = {-0.5, 0.21, 0.87};
        assertEquals("mean radius ≤ -0.50", Lime.binCondition(cuts, -0.5, "mean radius"));
        assertEquals("0.21 < mean radius ≤ 0.87", Lime.binCondition(cuts, 0.3, "mean radius"));
        assertEquals("-0.50 < r ≤ 0.21", Lime.binCondition(cuts, 0.21, "r"), "a cut belongs to the bin below it");
        assertEquals("r > 0.87", Lime.binCondition(cuts, 2, "r"));
    }

    /** Deciles, as lime's DecileDiscretizer: nine cuts at the training data's 10% … 90% quantiles. */
    @Test
    void decileBinsCutAtTheTrainingDecilesAndStillFindTheFeatureThatMatters() {
        DMatrixRMaj train = training(1000, new double[3], new double[] {1, 1, 1}, 8L);
        Lime deciles = Lime.builder().training(train).discretizer(Lime.Discretizer.DECILE)
                .selection(Lime.Selection.NONE).build();
        assertEquals("decile", deciles.parameters().get("discretize"));
        double[][] cuts = (double[][]) deciles.parameters().get(Lime.BIN_CUTS);
        double[] column = new double[1000];
        for (int i = 0; i < 1000; i++) {
            column[i] = train.get(i, 1);
        }
        java.util.Arrays.sort(column);
        assertEquals(9, cuts[1].length);
        for (int q = 1; q <= 9; q++) {
            double h = 999 * q / 10.0; // numpy's linear rule
            int lo = (int) Math.floor(h);
            assertEquals(column[lo] + (h - lo) * (column[lo + 1] - column[lo]), cuts[1][q - 1], 1e-12, "decile " + q);
        }
        Explanation e = deciles.explain(FunctionModel.stepOnFirst(3), OUT, new double[] {1.2, 0.3, -0.4}, 9L);
        assertTrue(Math.abs(e.attribution(0)) > 5 * Math.max(Math.abs(e.attribution(1)), Math.abs(e.attribution(2))),
                "feature 0 dominates: " + e);
        assertThrows(IllegalArgumentException.class, () -> Lime.builder().discretizer(Lime.Discretizer.DECILE).build());
    }

    /**
     * Entropy bins, as lime's EntropyDiscretizer: the thresholds of a depth-3 entropy tree on each feature
     * (EntropyCutsTest checks them against scikit-learn's). Labels
     * that change at x₀ = 0 make a first cut between the values either side of 0 (a split that leaves both halves
     * pure, so the tree stops there); a feature whose labels never change is cut at its median; a noisy feature gets at
     * most seven cuts, ascending.
     */
    @Test
    void entropyBinsCutWhereTheTrainingClassesChange() {
        int n = 400;
        DMatrixRMaj train = training(n, new double[3], new double[] {1, 1, 1}, 11L);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = train.get(i, 0) > 0 ? 1 : 0;
        }
        Lime entropy = Lime.builder().training(train, labels).discretizer(Lime.Discretizer.ENTROPY)
                .selection(Lime.Selection.NONE).build();
        assertEquals("entropy", entropy.parameters().get("discretize"));
        double[][] cuts = (double[][]) entropy.parameters().get(Lime.BIN_CUTS);
        double below = Double.NEGATIVE_INFINITY;
        double above = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = train.get(i, 0);
            below = v <= 0 ? Math.max(below, v) : below;
            above = v > 0 ? Math.min(above, v) : above;
        }
        assertArrayEquals(new double[] {(float) below / 2.0 + (float) above / 2.0}, cuts[0], 0.0,
                "one cut, at the midpoint (of the values in float32, as scikit-learn's trees see them), pure halves");
        for (int j = 1; j < 3; j++) {
            assertTrue(cuts[j].length >= 1 && cuts[j].length <= 7, "depth 3: at most 7 cuts, got " + cuts[j].length);
            for (int k = 1; k < cuts[j].length; k++) {
                assertTrue(cuts[j][k - 1] < cuts[j][k], "ascending");
            }
        }
        int[] one = new int[n];
        double[][] pure = (double[][]) Lime.builder().training(train, one).discretizer(Lime.Discretizer.ENTROPY).build()
                .parameters().get(Lime.BIN_CUTS);
        double[] column = new double[n];
        for (int i = 0; i < n; i++) {
            column[i] = train.get(i, 2);
        }
        java.util.Arrays.sort(column);
        assertArrayEquals(new double[] {(column[n / 2 - 1] + column[n / 2]) / 2}, pure[2], 1e-15,
                "no split: lime's median");
        Explanation e = entropy.explain(FunctionModel.stepOnFirst(3), OUT, new double[] {1.2, 0.3, -0.4}, 9L);
        assertTrue(Math.abs(e.attribution(0)) > 5 * Math.max(Math.abs(e.attribution(1)), Math.abs(e.attribution(2))),
                "feature 0 dominates: " + e);
        IllegalArgumentException noLabels = assertThrows(IllegalArgumentException.class,
                () -> Lime.builder().training(train).discretizer(Lime.Discretizer.ENTROPY).build());
        assertTrue(noLabels.getMessage().contains("labels"), noLabels.getMessage());
    }

    /**
     * A categorical feature (codes 0, 1, 2 with training frequencies 0.5, 0.3, 0.2) is drawn only among its
     * categories (the model refuses any other value) and explained as "x's category": for f = the code and x's code 2,
     * φ = E[f | code = 2] − E[f | code ≠ 2] = 2 − (0·0.5 + 1·0.3)/0.8 = 1.625, and the intercept is 0.375.
     */
    @Test
    void aCategoricalFeatureIsDrawnByItsTrainingFrequenciesAndExplainedAsXsCategory() {
        RandomGenerator rng = RandomStreams.stream(12L);
        DMatrixRMaj train = new DMatrixRMaj(1000, 3);
        for (int i = 0; i < 1000; i++) {
            train.set(i, 0, rng.nextGaussian());
            train.set(i, 1, i < 500 ? 0 : i < 800 ? 1 : 2);
            train.set(i, 2, rng.nextGaussian());
        }
        FunctionModel code = new FunctionModel(3, "the code", new FunctionModel.Formula() {
            @Override
            public double value(double[] a) {
                return a[1] == 0 || a[1] == 1 || a[1] == 2 ? a[1] : Double.NaN; // anything else is not a category
            }

            @Override
            public void gradient(double[] a, double[] out) {
                java.util.Arrays.fill(out, 0);
            }
        });
        double[] x = {0.4, 2, -0.3};
        for (boolean discretize : new boolean[] {true, false}) {
            Lime lime = Lime.builder().training(train).discretize(discretize).categorical(1)
                    .selection(Lime.Selection.NONE).samples(20_000).build();
            Explanation e = lime.explain(code, OUT, x, 13L);
            double se = e.standardErrors()[1];
            assertTrue(se > 0 && se < 0.02, "standard error " + se);
            assertEquals(1.625, e.attribution(1), 4 * se, "discretize " + discretize + ": " + e);
            if (discretize) {
                assertEquals(0.375, e.intercept().getAsDouble(), 4 * se, "the intercept: E[f | not x's category]");
                assertArrayEquals(new int[] {1}, (int[]) lime.parameters().get(Lime.CATEGORICAL));
            }
        }
        assertEquals("city = 3", Lime.categoryCondition(3.0, "city"));
        assertThrows(IllegalArgumentException.class, () -> Lime.builder().categorical(0).build());
        assertThrows(IllegalArgumentException.class, () -> Lime.builder().training(train).categorical(3).build());
    }

    @Test
    void discretisationNeedsTrainingData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lime.builder()
                .discretize(true).build());
        assertTrue(e.getMessage().contains("training data"), e.getMessage());
    }

    /**
     * The lasso path admits features in order of their signal: with y = 3z₀ + 2z₁ + 1z₂ + noise and five null features,
     * K = 1, 2, 3 give {0}, {0, 1}, {0, 1, 2}; and every set is the active set of some penalty, never more than K.
     */
    @Test
    void lassoPathAdmitsFeaturesInOrderOfStrength() {
        RandomGenerator rng = RandomStreams.stream(40L);
        int n = 400;
        int d = 8;
        DMatrixRMaj z = new DMatrixRMaj(n, d);
        double[] f = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z.set(i, j, rng.nextGaussian());
            }
            f[i] = 3 * z.get(i, 0) + 2 * z.get(i, 1) + z.get(i, 2) + 0.1 * rng.nextGaussian();
            w[i] = 0.5 + rng.nextDouble();
        }
        assertArrayEquals(new int[] {0}, LassoPath.select(z, f, w, 1));
        assertArrayEquals(new int[] {0, 1}, LassoPath.select(z, f, w, 2));
        assertArrayEquals(new int[] {0, 1, 2}, LassoPath.select(z, f, w, 3));
        assertTrue(LassoPath.select(z, f, w, 5).length <= 5);
    }
}
