package io.jxplain.explain;

import com.fasterxml.jackson.databind.JsonNode;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkJson;
import io.jxplain.testing.SharedData;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jxplain's LIME against the lime package (0.2.0.0, ../shared/reference/breast_cancer/lime.json): the lime package's
 * defaults — quartile discretisation of the training split, 5 000 samples, kernel width 0.75·√15, ridge α = 1, K
 * features by 'auto' — on the shared breast-cancer network, 20 points × 40 seeds. The means over seeds must agree
 * with lime's within the combined standard errors: a χ² bound on Σz² over every coefficient (3 of its standard
 * deviations above N) and no single |z| beyond a Bonferroni-style 4.5; the K = 5 selection frequencies within 4
 * binomial standard errors. The same statistic with twice the kernel width must fail: the test can tell.
 */
@Tag("shared-data")
class LimePackageParityTest {
    private static final int D = 15;
    private static final int POINTS = 20;
    private static final int SEEDS = 40;
    private static final Target CLASS_1 = Target.probability(1);
    private static DMatrixRMaj train;
    private static DMatrixRMaj points;
    private static Network net;
    private static JsonNode lime;

    /**
     * The training split, rebuilt as lime saw it: the 569 rows of the scikit-learn file, first 15 features,
     * standardised with the reference's statistics; the rows equal to inputs.json's test rows are the test split,
     * the other 456 the training split (checked against lime's quartiles below).
     */
    @BeforeAll
    static void load() throws IOException {
        JsonNode inputs = SharedData.json("reference/breast_cancer/inputs.json");
        lime = SharedData.json("reference/breast_cancer/lime.json");
        net = NetworkJson.read(SharedData.root().resolve("reference/breast_cancer/model.json")).network();
        DMatrixRMaj test = SharedData.matrix(inputs.get("X_test"));
        double[] mean = new double[D];
        double[] sd = new double[D];
        for (int j = 0; j < D; j++) {
            mean[j] = inputs.get("standardization").get("mean").get(j).asDouble();
            sd[j] = inputs.get("standardization").get("std").get(j).asDouble();
        }
        List<String> lines = Files.readAllLines(SharedData.root().resolve("data/breast_cancer/breast_cancer_sklearn.csv"));
        List<double[]> training = new ArrayList<>();
        int matched = 0;
        for (String line : lines.subList(1, lines.size())) { // the first line is scikit-learn's metadata
            String[] cells = line.split(",");
            double[] row = new double[D];
            for (int j = 0; j < D; j++) {
                row[j] = (Double.parseDouble(cells[j]) - mean[j]) / sd[j];
            }
            boolean inTest = false;
            for (int i = 0; i < test.numRows && !inTest; i++) {
                double gap = 0;
                for (int j = 0; j < D; j++) {
                    gap = Math.max(gap, Math.abs(row[j] - test.get(i, j)));
                }
                inTest = gap < 1e-9;
            }
            if (inTest) {
                matched++;
            } else {
                training.add(row);
            }
        }
        assertEquals(test.numRows, matched, "every test row is a row of the data file");
        assertEquals(lime.get("training_rows").asInt(), training.size());
        train = new DMatrixRMaj(training.toArray(double[][]::new));
        points = new DMatrixRMaj(POINTS, D);
        System.arraycopy(test.data, 0, points.data, 0, POINTS * D);
    }

    @Test
    void theQuartilesAreLimes() {
        TrainingStatistics stats = new TrainingStatistics(train);
        for (int j = 0; j < D; j++) {
            for (int q = 0; q < 3; q++) {
                assertEquals(lime.get("quartiles").get(j).get(q).asDouble(), stats.cuts[j][q], 1e-12,
                        "feature " + j + ", quartile " + (q + 1));
            }
        }
        assertEquals(lime.get("kernel_width").asDouble(), 0.75 * Math.sqrt(D), 1e-12, "lime's width is 0.75·√d");
    }

    @Test
    void everyFeatureKeptTheMeanCoefficientsAgreeWithLimes() {
        Comparison c = compare(Lime.builder().training(train).features(15).build(), "K15", POINTS);
        c.assertAgrees();
    }

    @Test
    void fiveFeaturesByForwardSelectionAgreeWithLimesCoefficientsAndChoices() {
        Comparison c = compare(Lime.builder().training(train).features(5).build(), "K5", POINTS);
        c.assertAgrees();
        JsonNode fraction = lime.get("settings").get("K5").get("selected_fraction");
        double worst = 0;
        for (int p = 0; p < POINTS; p++) {
            for (int j = 0; j < D; j++) {
                double theirs = fraction.get(p).get(j).asDouble();
                double ours = c.selected[p][j] / SEEDS;
                double pooled = (theirs + ours) / 2;
                double se = Math.sqrt(pooled * (1 - pooled) * 2.0 / SEEDS);
                worst = Math.max(worst, Math.abs(ours - theirs) - 4 * se);
                assertTrue(Math.abs(ours - theirs) <= 4 * se + 1e-12, "point " + p + ", feature " + j
                        + ": chosen in " + ours + " of our runs, " + theirs + " of lime's");
            }
        }
    }

    /**
     * The statistic has power: lime's explanations with the kernel width 0.75 (the √d forgotten) or half lime's width
     * are told apart. (Twice lime's width is not, at 40 seeds: on 15 binary features the weights then change too
     * little to move the coefficients beyond their Monte-Carlo error; measured Σz²/N = 1.19 against a bound of 1.24.)
     */
    @Test
    void aWrongKernelWidthIsCaught() {
        for (double width : new double[] {0.75, 0.5 * 0.75 * Math.sqrt(D)}) {
            Comparison c = compare(Lime.builder().training(train).features(15).kernelWidth(width).build(), "K15",
                    width == 0.75 ? 5 : POINTS);
            assertTrue(c.chiSquare() > c.bound(), "width " + width + ": Σz²/N = " + c.chiSquare() / c.n
                    + " should exceed the bound " + c.bound() / c.n);
        }
    }

    /** Σz² and max |z| of our mean coefficients (and intercepts) against lime's, point by point. */
    private static Comparison compare(Lime explainer, String setting, int pointCount) {
        JsonNode ref = lime.get("settings").get(setting);
        Comparison c = new Comparison(pointCount);
        for (int p = 0; p < pointCount; p++) {
            double[] x = Arrays.copyOfRange(points.data, p * D, (p + 1) * D);
            double[][] coef = new double[SEEDS][];
            double[] intercepts = new double[SEEDS];
            for (int s = 0; s < SEEDS; s++) {
                Explanation e = explainer.explain(net, CLASS_1, x, 1000 + s);
                coef[s] = e.attributions();
                intercepts[s] = e.intercept().getAsDouble();
                double[] se = e.standardErrors();
                for (int j = 0; j < D; j++) {
                    c.selected[p][j] += Double.isNaN(se[j]) ? 0 : 1; // a feature left out has no standard error
                }
            }
            for (int j = 0; j < D; j++) {
                double[] column = new double[SEEDS];
                for (int s = 0; s < SEEDS; s++) {
                    column[s] = coef[s][j];
                }
                c.add(column, ref.get("coef_mean").get(p).get(j).asDouble(), ref.get("coef_se").get(p).get(j).asDouble());
            }
            c.add(intercepts, ref.get("intercept_mean").get(p).asDouble(), ref.get("intercept_se").get(p).asDouble());
        }
        return c;
    }

    private static final class Comparison {
        final double[][] selected;
        double sumSquares;
        double maxAbs;
        int n;

        Comparison(int points) {
            selected = new double[points][D];
        }

        void add(double[] ours, double theirMean, double theirSe) {
            double mean = Arrays.stream(ours).average().orElseThrow();
            double ss = 0;
            for (double v : ours) {
                ss += (v - mean) * (v - mean);
            }
            double se2 = ss / (ours.length - 1) / ours.length + theirSe * theirSe;
            if (se2 == 0) { // never chosen by either: both exactly 0
                assertEquals(theirMean, mean, 0.0);
                return;
            }
            double z = (mean - theirMean) / Math.sqrt(se2);
            sumSquares += z * z;
            maxAbs = Math.max(maxAbs, Math.abs(z));
            n++;
        }

        double chiSquare() {
            return sumSquares;
        }

        /** N + 3·√(2N): three standard deviations of a χ² with N degrees of freedom above its mean. */
        double bound() {
            return n + 3 * Math.sqrt(2.0 * n);
        }

        void assertAgrees() {
            assertTrue(sumSquares <= bound(), "Σz² = " + sumSquares + " over " + n + " coefficients exceeds " + bound()
                    + " (Σz²/N = " + sumSquares / n + ")");
            assertTrue(maxAbs <= 4.5, "a coefficient " + maxAbs + " standard errors from lime's");
        }
    }
}
