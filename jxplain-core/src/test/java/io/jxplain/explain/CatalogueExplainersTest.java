package io.jxplain.explain;

import io.jxplain.model.FiniteDifferences;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.testing.BlackBox;
import io.jxplain.testing.FunctionModel;
import io.jxplain.testing.TrainedModels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Integrated Gradients, Occlusion, exact Shapley, Smoothed and FiniteDifferences against independent computations. */
class CatalogueExplainersTest {
    private static final Target OUT = Target.output(0);
    private final double[][] a = {{2, 1, 0}, {1, 2, 0.5}, {0, 0.5, 1}};
    private final FunctionModel quadratic = FunctionModel.quadratic(a);
    private final double[] x = {0.7, -0.4, 1.2};

    @Test
    void integratedGradientsOfAQuadraticIsExactForEveryRuleThatIntegratesLinesExactly() {
        // ∫₀¹ ∂ⱼf(αx) dα = (Ax)ⱼ/2 with baseline 0, so φⱼ = xⱼ(Ax)ⱼ/2 and Σφ = f(x) − f(0)
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double ax = 0;
            for (int j = 0; j < 3; j++) {
                ax += a[i][j] * x[j];
            }
            expected[i] = x[i] * ax / 2;
        }
        for (Quadrature q : List.of(Quadrature.GAUSS_LEGENDRE, Quadrature.RIEMANN_TRAPEZOID, Quadrature.RIEMANN_MIDDLE)) {
            Explanation e = IntegratedGradients.builder().quadrature(q).steps(10).build().explain(quadratic, OUT, x, 0L);
            assertArrayEquals(expected, e.attributions(), 1e-12, q.name());
            assertEquals(0, e.diagnostics().get("completeness_gap"), 1e-12, q.name());
        }
        // left and right Riemann sums are first order: off by (Ax)ⱼxⱼ/(2n) in opposite directions
        double[] left = IntegratedGradients.builder().quadrature(Quadrature.RIEMANN_LEFT).steps(10).build()
                .explain(quadratic, OUT, x, 0L).attributions();
        double[] right = IntegratedGradients.builder().quadrature(Quadrature.RIEMANN_RIGHT).steps(10).build()
                .explain(quadratic, OUT, x, 0L).attributions();
        for (int j = 0; j < 3; j++) {
            assertEquals(expected[j], (left[j] + right[j]) / 2, 1e-12);
            assertEquals(expected[j] * (1 - 1.0 / 10), left[j], 1e-12);
        }
    }

    @Test
    void theCompletenessGapShrinksAsTheStepsGrowOnTheTrainedMlp() {
        Network net = TrainedModels.simulatedMlp();
        double[] point = TrainedModels.simulatedSplit().test().row(5);
        for (Quadrature q : List.of(Quadrature.RIEMANN_TRAPEZOID, Quadrature.GAUSS_LEGENDRE, Quadrature.RIEMANN_LEFT)) {
            double previous = Double.POSITIVE_INFINITY;
            for (int steps : new int[] {4, 16, 64}) {
                double gap = Math.abs(IntegratedGradients.builder().quadrature(q).steps(steps).build()
                        .explain(net, Target.probability(1), point, 0L).diagnostics().get("completeness_gap"));
                assertTrue(gap < previous || gap < 1e-13, q + " at " + steps + " steps: " + gap + " after " + previous);
                previous = gap;
            }
        }
    }

    @Test
    void occlusionAndExactShapleyOfALinearModelAreTheTermsOfTheSum() {
        FunctionModel linear = FunctionModel.linear(new double[] {1.5, -2, 0.5}, 3);
        double[] x0 = {0.1, 0.2, -0.3};
        double[] expected = {1.5 * (x[0] - x0[0]), -2 * (x[1] - x0[1]), 0.5 * (x[2] - x0[2])};
        assertArrayEquals(expected, Occlusion.builder().baseline(x0).build().explain(linear, OUT, x, 0L)
                .attributions(), 1e-12);
        assertArrayEquals(expected, ExactShapley.builder().baseline(x0).build().explain(linear, OUT, x, 0L)
                .attributions(), 1e-12);
    }

    /** An independent computation: the mean over all d! orderings of each feature's marginal contribution. */
    @Test
    void exactShapleyEqualsTheAverageOverAllOrderingsAndIsEfficient() {
        Network net = TrainedModels.simulatedMlp();
        FunctionModel f = new FunctionModel(3, "mlp of x0+x1, x2", new FunctionModel.Formula() {
            @Override
            public double value(double[] p) {
                double[] v = new double[1];
                Target.probability(1).valuesAndSeeds(net.outputKind(),
                        net.predict(org.ejml.data.DMatrixRMaj.wrap(1, 2, new double[] {p[0] + p[1] * p[2], p[2]})), v, null);
                return v[0];
            }

            @Override
            public void gradient(double[] p, double[] out) {
                throw new UnsupportedOperationException();
            }
        });
        double[] phi = ExactShapley.builder().build().explain(f, OUT, x, 0L).attributions();
        double[] expected = new double[3];
        List<int[]> orders = permutations(new int[] {0, 1, 2});
        for (int[] order : orders) {
            double[] current = new double[3];
            double before = f.predict(org.ejml.data.DMatrixRMaj.wrap(1, 3, current.clone())).data[0];
            for (int feature : order) {
                current[feature] = x[feature];
                double after = f.predict(org.ejml.data.DMatrixRMaj.wrap(1, 3, current.clone())).data[0];
                expected[feature] += (after - before) / orders.size();
                before = after;
            }
        }
        assertArrayEquals(expected, phi, 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> ExactShapley.builder().build()
                        .explain(FunctionModel.linear(new double[16], 0), OUT, new double[16], 0L));
    }

    @Test
    void smoothedGradientIsSmoothGradForTheSameSeed() {
        Network net = TrainedModels.simulatedMlp();
        double[] point = TrainedModels.simulatedSplit().test().row(2);
        Explanation smoothed = Smoothed.builder(Gradient.builder().build()).samples(300).sigma2(0.7).build()
                .explain(net, Target.probability(1), point, 11L);
        Explanation sg = SmoothGrad.builder().samples(300).sigma2(0.7).maxRowsPerCall(64).build()
                .explain(net, Target.probability(1), point, 11L);
        assertArrayEquals(sg.attributions(), smoothed.attributions(), 0.0);
        assertArrayEquals(sg.standardErrors(), smoothed.standardErrors(), 0.0);
        Explanation squares = Smoothed.builder(Gradient.builder().build()).samples(300).sigma2(0.7)
                .statistic(Smoothed.Statistic.MEAN_OF_SQUARES).build()
                .explain(net, Target.probability(1), point, 11L);
        Explanation variance = Smoothed.builder(Gradient.builder().build()).samples(300).sigma2(0.7)
                .statistic(Smoothed.Statistic.VARIANCE).build()
                .explain(net, Target.probability(1), point, 11L);
        for (int j = 0; j < 2; j++) {
            double m = smoothed.attribution(j);
            // E[g²] = Var(g)·(n−1)/n + mean², on the same draws
            assertEquals(squares.attribution(j), variance.attribution(j) * 299 / 300 + m * m, 1e-12);
        }
    }

    @Test
    void finiteDifferencesMatchTheNetworksGradientWithinTruncationError() {
        Network net = TrainedModels.simulatedMlp();
        FiniteDifferences fd = FiniteDifferences.of(new BlackBox(net));
        var rows = TrainedModels.simulatedSplit().test().features();
        var exact = net.targetGradients(Target.probability(1), rows).gradients();
        var approx = fd.targetGradients(Target.probability(1), rows).gradients();
        for (int i = 0; i < rows.numRows; i++) {
            double err = Math.hypot(exact.get(i, 0) - approx.get(i, 0), exact.get(i, 1) - approx.get(i, 1));
            double norm = Math.hypot(exact.get(i, 0), exact.get(i, 1));
            assertTrue(err <= 1e-6 * Math.max(norm, 1e-3), "row " + i + ": " + err + " vs " + norm);
        }
        // gradient methods now run on the black box, and agree with the exact ones
        double[] point = TrainedModels.simulatedSplit().test().row(0);
        Explanation viaFd = SmoothGrad.builder().samples(200).build().explain(fd, Target.probability(1), point, 3L);
        Explanation exactSg = SmoothGrad.builder().samples(200).build().explain(net, Target.probability(1), point, 3L);
        assertArrayEquals(exactSg.attributions(), viaFd.attributions(), 1e-7);
    }

    private static List<int[]> permutations(int[] items) {
        List<int[]> out = new ArrayList<>();
        permute(items, 0, out);
        return out;
    }

    private static void permute(int[] a, int k, List<int[]> out) {
        if (k == a.length) {
            out.add(a.clone());
            return;
        }
        for (int i = k; i < a.length; i++) {
            int t = a[k];
            a[k] = a[i];
            a[i] = t;
            permute(a, k + 1, out);
            a[i] = a[k];
            a[k] = t;
        }
    }
}
