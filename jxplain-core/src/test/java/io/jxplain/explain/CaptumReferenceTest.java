package io.jxplain.explain;

import com.fasterxml.jackson.databind.JsonNode;
import io.jxplain.model.Target;
import io.jxplain.model.TargetGradients;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkJson;
import io.jxplain.testing.SharedData;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jxplain against Captum 0.7 on the same networks and inputs (../shared/reference). Exact methods match to 1e-9;
 * random ones are compared statistically, with tolerances from standard errors: Captum's draws come from
 * PyTorch's generator, so values cannot match one by one.
 */
@Tag("shared-data")
class CaptumReferenceTest {
    private static final Target TARGET = Target.probability(1); // the files' explained_output: softmax class 1

    private static Network network(String dataset) throws IOException {
        return NetworkJson.read(SharedData.root().resolve("reference/" + dataset + "/model.json")).network();
    }

    private static DMatrixRMaj inputs(String dataset) {
        return SharedData.matrix(SharedData.json("reference/" + dataset + "/inputs.json").get("X_test"));
    }

    private static DMatrixRMaj attributions(String dataset, String method) {
        return SharedData.matrix(SharedData.json("reference/" + dataset + "/attributions.json").get("methods")
                .get(method).get("attr"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulated", "breast_cancer"})
    void forwardPassMatchesTheReferenceOutputs(String dataset) throws IOException {
        Network net = network(dataset);
        DMatrixRMaj x = inputs(dataset);
        JsonNode f = SharedData.json("reference/" + dataset + "/inputs.json").get("f_test");
        TargetGradients tg = net.targetGradients(TARGET, x);
        for (int i = 0; i < x.numRows; i++) {
            assertEquals(f.get(i).asDouble(), tg.values()[i], 1e-12, "row " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulated", "breast_cancer"})
    void gradientAndGradientTimesInputMatchCaptumTo1e9(String dataset) throws IOException {
        Network net = network(dataset);
        DMatrixRMaj x = inputs(dataset);
        assertMatches(Gradient.builder().build()
                .explainAll(net, TARGET, x, 0L), attributions(dataset, "saliency"), 1e-9);
        assertMatches(GradientTimesInput.builder().build().explainAll(net, TARGET, x, 0L),
                attributions(dataset, "input_x_gradient"), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulated", "breast_cancer"})
    void integratedGradientsOcclusionAndShapleyMatchTo1e9(String dataset) throws IOException {
        Network net = network(dataset);
        DMatrixRMaj x = inputs(dataset);
        for (String method : List.of("ig_riemann_trapezoid", "ig_gausslegendre")) {
            JsonNode entry = SharedData.json("reference/" + dataset + "/attributions.json").get("methods").get(method);
            double[] alphas = vector(entry.get("alphas"));
            double[] steps = vector(entry.get("step_sizes"));
            Explainer ig = IntegratedGradients.builder().nodes(alphas, steps).build();
            assertMatches(ig.explainAll(net, TARGET, x, 0L), attributions(dataset, method), 1e-9);
        }
        assertMatches(Occlusion.builder().build()
                .explainAll(net, TARGET, x, 0L), attributions(dataset, "feature_ablation"), 1e-9);
        // Captum's Occlusion with 1-wide windows divides by its overlap counts in float32 (its file says so): 1e-6
        assertMatches(Occlusion.builder().build()
                .explainAll(net, TARGET, x, 0L), attributions(dataset, "occlusion"), 1e-6);
        if (x.numCols <= ExactShapley.MAX_FEATURES) {
            assertMatches(ExactShapley.builder().build()
                    .explainAll(net, TARGET, x, 0L), attributions(dataset, "shapley_exact"), 1e-9);
        }
    }

    /**
     * Captum's "riemann_trapezoid" weights are 1/n (halved at the ends) on nodes spaced 1/(n − 1): they sum to
     * (n − 1)/n, so its attributions are the textbook trapezoid's times 49/50 for n = 50. This test pins that down.
     */
    @ParameterizedTest
    @ValueSource(strings = {"simulated", "breast_cancer"})
    void captumsTrapezoidIsTheTextbookRuleShrunkByNMinusOneOverN(String dataset) throws IOException {
        Network net = network(dataset);
        DMatrixRMaj x = inputs(dataset);
        List<Explanation> ours = IntegratedGradients.builder().quadrature(Quadrature.RIEMANN_TRAPEZOID).steps(50).build()
                .explainAll(net, TARGET, x, 0L);
        DMatrixRMaj captum = attributions(dataset, "ig_riemann_trapezoid");
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < x.numCols; j++) {
                assertEquals(captum.get(i, j), ours.get(i).attribution(j) * 49.0 / 50.0, 1e-9);
            }
        }
    }

    private static double[] vector(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    /**
     * Captum's SmoothGrad (NoiseTunnel, n samples, stdev 1) and LimeBase C-LIME (n samples) estimate the same
     * limit as jxplain's: standardised by the standard error of an n-sample estimate, their deviations from a
     * 50 000-sample limit have mean square ≈ 1, within 4 standard errors of that mean over the test points.
     * SmoothGrad's standard error at n comes from the limit run (sd of one gradient = its SE·√50 000): a 100-sample
     * estimate of the sd is too noisy for gradients that are mostly small with rare large values.
     */
    @ParameterizedTest
    @ValueSource(strings = {"simulated", "breast_cancer"})
    void captumsMonteCarloExplanationsScatterAroundOurLimitAsOurStandardErrorsSay(String dataset) throws IOException {
        Network net = network(dataset);
        DMatrixRMaj x = inputs(dataset);
        List<Explanation> limit = SmoothGrad.builder().samples(50_000).build().explainAll(net, TARGET, x, 1L);
        double scale = Math.sqrt(50_000);
        check(x, limit, attributions(dataset, "smoothgrad_n100_var1.0"), "smoothgrad n=100",
                (i, j) -> limit.get(i).standardErrors()[j] * scale / Math.sqrt(100));
        check(x, limit, attributions(dataset, "smoothgrad_n1000_var1.0"), "smoothgrad n=1000",
                (i, j) -> limit.get(i).standardErrors()[j] * scale / Math.sqrt(1000));
        List<Explanation> clime = ContinuousLime.builder().samples(1000).build().explainAll(net, TARGET, x, 2L);
        check(x, limit, attributions(dataset, "clime_limebase_n1000_var1.0"), "clime n=1000",
                (i, j) -> clime.get(i).standardErrors()[j]);
        // the lime package configured as C-LIME (Gaussian samples, no kernel, no selection): the same limit
        check(x, limit, attributions(dataset, "lime_marcotcr_n1000_var1.0"), "lime package as C-LIME n=1000",
                (i, j) -> clime.get(i).standardErrors()[j]);
    }

    /** The standard error of an n-sample estimate at row i, feature j. */
    private interface StandardError {
        double at(int i, int j);
    }

    private static void check(DMatrixRMaj x, List<Explanation> limit, DMatrixRMaj captum, String what, StandardError seAt) {
        int d = x.numCols;
        int n = x.numRows;
        // Points are independent, features within a point are not: average z² per point, then over points.
        double[] perPoint = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double se = seAt.at(i, j);
                double seLimit = limit.get(i).standardErrors()[j];
                double z = (captum.get(i, j) - limit.get(i).attribution(j)) / Math.sqrt(se * se + seLimit * seLimit);
                perPoint[i] += z * z / d;
            }
        }
        double mean = 0;
        for (double q : perPoint) {
            mean += q / n;
        }
        double var = 0;
        for (double q : perPoint) {
            var += (q - mean) * (q - mean) / (n - 1);
        }
        double sem = Math.sqrt(var / n);
        assertEquals(1.0, mean, 4 * sem, what + ": mean z² " + mean + " ± " + sem);
    }

    /**
     * KernelSHAP with 200 coalitions, jxplain's (paired sampling, exact efficiency) and Captum's, both against the exact
     * Shapley values (baseline 0): the mean L1 error over the test points, each with its standard error. jxplain's must
     * not be worse than Captum's by more than 4 combined standard errors.
     */
    @ParameterizedTest
    @ValueSource(strings = {"simulated", "breast_cancer"})
    void kernelShapWith200CoalitionsIsAsCloseToExactShapleyAsCaptums(String dataset) throws IOException {
        Network net = network(dataset);
        DMatrixRMaj x = inputs(dataset);
        DMatrixRMaj exact = attributions(dataset, "shapley_exact");
        DMatrixRMaj captum = attributions(dataset, "kernel_shap_n200");
        List<Explanation> ours = KernelShap.builder().samples(200).build().explainAll(net, TARGET, x, 5L);
        int n = x.numRows;
        double[] oursErr = new double[n];
        double[] theirsErr = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < x.numCols; j++) {
                oursErr[i] += Math.abs(ours.get(i).attribution(j) - exact.get(i, j));
                theirsErr[i] += Math.abs(captum.get(i, j) - exact.get(i, j));
            }
        }
        double[] a = meanAndSem(oursErr);
        double[] b = meanAndSem(theirsErr);
        System.out.printf(java.util.Locale.ROOT, "%s KernelSHAP n=200 mean L1 to exact: jxplain %.4g ± %.2g, Captum %.4g ± %.2g%n",
                dataset, a[0], a[1], b[0], b[1]);
        assertTrue(a[0] <= b[0] + 4 * Math.hypot(a[1], b[1]), dataset + ": jxplain " + a[0] + " vs Captum " + b[0]);
    }

    private static double[] meanAndSem(double[] v) {
        double mean = 0;
        for (double q : v) {
            mean += q / v.length;
        }
        double var = 0;
        for (double q : v) {
            var += (q - mean) * (q - mean) / (v.length - 1);
        }
        return new double[] {mean, Math.sqrt(var / v.length)};
    }

    /** Figure 2's numbers from Captum: the mean L1 distance between SmoothGrad and C-LIME at each n. */
    @ParameterizedTest
    @ValueSource(strings = {"simulated", "breast_cancer"})
    void meanL1BetweenSmoothGradAndClimeMatchesCaptumsWithinStandardErrors(String dataset) throws IOException {
        Network net = network(dataset);
        DMatrixRMaj x = inputs(dataset);
        int compared = 0;
        for (JsonNode row : SharedData.json("reference/" + dataset + "/experiments.json").get("figure2")) {
            int n = row.get("n").asInt();
            if (n <= x.numCols + 1) {
                continue; // Captum falls back to a minimum-norm fit there; jxplain's C-LIME needs n > d + 1
            }
            List<Explanation> sg = SmoothGrad.builder().samples(n).build().explainAll(net, TARGET, x, 3L);
            List<Explanation> cl = ContinuousLime.builder().samples(n).build().explainAll(net, TARGET, x, 4L);
            double[] l1 = new double[x.numRows];
            double mean = 0;
            for (int i = 0; i < l1.length; i++) {
                l1[i] = sg.get(i).l1DistanceTo(cl.get(i));
                mean += l1[i] / l1.length;
            }
            double var = 0;
            for (double v : l1) {
                var += (v - mean) * (v - mean) / (l1.length - 1);
            }
            double sem = Math.sqrt(var / l1.length);
            JsonNode theirs = row.get("sg_vs_clime_torch");
            double tolerance = 4 * Math.hypot(sem, theirs.get("sem").asDouble());
            assertEquals(theirs.get("mean_l1").asDouble(), mean, tolerance, dataset + " n = " + n);
            compared++;
        }
        assertTrue(compared >= 4, "compared " + compared + " sample sizes");
    }

    private static void assertMatches(List<Explanation> ours, DMatrixRMaj reference, double tolerance) {
        assertEquals(reference.numRows, ours.size());
        for (int i = 0; i < ours.size(); i++) {
            for (int j = 0; j < reference.numCols; j++) {
                assertEquals(reference.get(i, j), ours.get(i).attribution(j), tolerance, "row " + i + " feature " + j);
            }
        }
    }
}
