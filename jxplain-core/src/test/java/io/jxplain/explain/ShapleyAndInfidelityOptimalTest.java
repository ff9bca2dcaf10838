package io.jxplain.explain;

import io.jxplain.metric.Infidelity;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.sample.BaselinePerturbation;
import io.jxplain.sample.CoordinatePerturbation;
import io.jxplain.sample.GaussianPerturbation;
import io.jxplain.sample.Perturbation;
import io.jxplain.sample.ShapleyKernelPerturbation;
import io.jxplain.testing.FunctionModel;
import io.jxplain.testing.TrainedModels;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KernelSHAP against exact Shapley values; the infidelity-optimal explanation against Yeh et al.'s propositions. */
class ShapleyAndInfidelityOptimalTest {
    private static final Target P1 = Target.probability(1);

    /** A nonlinear 4-feature model built from the trained MLP, so Shapley values are not trivial. */
    private static FunctionModel fourFeatures() {
        Network net = TrainedModels.simulatedMlp();
        return new FunctionModel(4, "mlp(x0·x1 + x2, x3 − x2)", new FunctionModel.Formula() {
            @Override
            public double value(double[] p) {
                double[] v = new double[1];
                P1.valuesAndSeeds(net.outputKind(), net.predict(DMatrixRMaj.wrap(1, 2,
                        new double[] {p[0] * p[1] + p[2], p[3] - p[2]})), v, null);
                return v[0];
            }

            @Override
            public void gradient(double[] p, double[] out) {
                throw new UnsupportedOperationException();
            }
        });
    }

    private final double[] x = {0.9, -1.1, 0.4, 1.3};

    @Test
    void kernelShapIsEfficientAndConvergesToTheExactShapleyValues() {
        FunctionModel f = fourFeatures();
        double[] exact = ExactShapley.builder().build().explain(f, Target.output(0), x, 0L).attributions();
        double previous = Double.POSITIVE_INFINITY;
        for (int n : new int[] {20, 200, 2000}) {
            double meanError = 0;
            for (long seed = 0; seed < 10; seed++) {
                Explanation e = KernelShap.builder().samples(n).build().explain(f, Target.output(0), x, seed);
                assertEquals(0, e.diagnostics().get("efficiency_gap"), 1e-12);
                double err = 0;
                for (int j = 0; j < 4; j++) {
                    err += Math.abs(e.attribution(j) - exact[j]);
                }
                meanError += err / 10;
            }
            assertTrue(meanError < previous, "n = " + n + ": mean L1 error " + meanError + " after " + previous);
            previous = meanError;
        }
        Explanation big = KernelShap.builder().samples(20_000).build().explain(f, Target.output(0), x, 99L);
        for (int j = 0; j < 4; j++) {
            assertEquals(exact[j], big.attribution(j), 4 * big.standardErrors()[j] + 1e-12, "feature " + j);
        }
    }

    /** A feature at its baseline value is a null player: exactly 0, and the others still converge to exact Shapley. */
    @Test
    void kernelShapGivesNullPlayersZeroAndLeavesTheOthersExact() {
        FunctionModel f = fourFeatures();
        double[] point = {0.9, -1.1, 0.0, 1.3};
        double[] exact = ExactShapley.builder().build().explain(f, Target.output(0), point, 0L).attributions();
        assertEquals(0.0, exact[2], 1e-15);
        Explanation e = KernelShap.builder().samples(20_000).build().explain(f, Target.output(0), point, 3L);
        assertEquals(0.0, e.attribution(2), 0.0);
        for (int j : new int[] {0, 1, 3}) {
            assertEquals(exact[j], e.attribution(j), 4 * e.standardErrors()[j] + 1e-12, "feature " + j);
        }
        assertEquals(0, e.diagnostics().get("efficiency_gap"), 1e-12);
    }

    @Test
    void kernelShapOfALinearModelIsExactAndUsesTheBackgroundMean() {
        FunctionModel linear = FunctionModel.linear(new double[] {1, -2, 3}, 0.5);
        DMatrixRMaj background = new DMatrixRMaj(new double[][] {{0, 0, 0}, {1, 1, 1}});
        double[] point = {2, 1, -1};
        Explanation e = KernelShap.builder().samples(30).background(background).build()
                .explain(linear, Target.output(0), point, 1L);
        // v(z) averages over the background, so φⱼ = θⱼ(xⱼ − mean of the background's column j)
        assertArrayEquals(new double[] {1 * 1.5, -2 * 0.5, 3 * -1.5}, e.attributions(), 1e-10);
    }

    /** Yeh et al. Prop. 2.2: with a fixed baseline I = x − x₀, the optimal explanation is complete. */
    @Test
    void theOptimalExplanationForAFixedBaselineIsComplete() {
        FunctionModel f = fourFeatures();
        double[] x0 = {0.1, 0.2, -0.3, 0.0};
        Explanation e = InfidelityOptimal.builder().perturbation(BaselinePerturbation.fixed(x0)).samples(10).build()
                .explain(f, Target.output(0), x, 2L);
        double sum = 0;
        for (int j = 0; j < 4; j++) {
            sum += (x[j] - x0[j]) * e.attribution(j);
        }
        double fx = f.predict(DMatrixRMaj.wrap(1, 4, x.clone())).data[0];
        double f0 = f.predict(DMatrixRMaj.wrap(1, 4, x0.clone())).data[0];
        assertEquals(fx - f0, sum, 1e-12);
        Explanation global = InfidelityOptimal.builder().perturbation(BaselinePerturbation.fixed(x0)).samples(10)
                .global(x0).build()
                .explain(f, Target.output(0), x, 2L);
        assertEquals(fx - f0, java.util.Arrays.stream(global.attributions()).sum(), 1e-12);
    }

    /** Yeh et al. Prop. 2.3: with I = ε·eᵢ the optimal explanation tends to the gradient (error O(ε) + Monte Carlo). */
    @Test
    void theOptimalExplanationForCoordinatePerturbationsTendsToTheGradient() {
        Network net = TrainedModels.simulatedMlp();
        double[] point = TrainedModels.simulatedSplit().test().row(4);
        double[] gradient = Gradient.builder().build().explain(net, P1, point, 0L).attributions();
        double previous = Double.POSITIVE_INFINITY;
        for (double eps : new double[] {0.1, 0.01, 0.001}) {
            double[] phi = InfidelityOptimal.builder().perturbation(new CoordinatePerturbation(2, eps)).samples(200)
                    .build()
                    .explain(net, P1, point, 5L).attributions();
            double err = Math.hypot(phi[0] - gradient[0], phi[1] - gradient[1]);
            assertTrue(err < previous, "ε = " + eps + ": " + err);
            previous = err;
        }
        assertTrue(previous < 1e-3, "at ε = 0.001: " + previous);
    }

    /** Under N(0, σ²I) noise the optimal explanation is the SmoothGrad limit Σ⁻¹cov(a, f(a)) (Theorem 1 meets Prop. 2.1). */
    @Test
    void underGaussianNoiseTheOptimalExplanationIsTheSmoothGradLimit() {
        Network net = TrainedModels.simulatedMlp();
        double[] point = TrainedModels.simulatedSplit().test().row(7);
        Explanation opt = InfidelityOptimal.builder().perturbation(GaussianPerturbation.isotropic(2, 0.5))
                .samples(100_000).build()
                .explain(net, P1, point, 3L);
        Explanation sg = SmoothGrad.builder().samples(100_000).sigma2(0.5).build().explain(net, P1, point, 4L);
        for (int j = 0; j < 2; j++) {
            double tol = 4 * Math.hypot(opt.standardErrors()[j], sg.standardErrors()[j]);
            assertEquals(sg.attribution(j), opt.attribution(j), tol, "feature " + j);
        }
    }

    /** Issue check: the optimal explanation has the lowest infidelity for its own perturbation (noisy baseline). */
    @Test
    void theNoisyBaselineExplanationHasTheLowestInfidelityUnderItsOwnPerturbation() {
        Network net = TrainedModels.simulatedMlp();
        Perturbation noisy = BaselinePerturbation.noisy(new double[2], 0.3);
        Infidelity infidelity = Infidelity.builder().perturbation(noisy).samples(20_000).build();
        List<Explainer> others = List.of(Gradient.builder().build(), GradientTimesInput.builder().build(),
                IntegratedGradients.builder().build(), SmoothGrad.builder().samples(500).build(),
                ContinuousLime.builder().samples(500).build(), Occlusion.builder().build());
        for (int i = 0; i < 5; i++) {
            double[] point = TrainedModels.simulatedSplit().test().row(i * 11);
            Explanation best = InfidelityOptimal.builder().noisyBaseline(0.3).samples(20_000).build()
                    .explain(net, P1, point, 8L);
            double optimal = infidelity.evaluate(net, P1, best, point, 9L).value();
            for (Explainer other : others) {
                double value = infidelity.evaluate(net, P1, other.explain(net, P1, point, 10L), point, 9L).value();
                assertTrue(optimal <= value, other.name() + " at point " + i + ": " + value + " < optimal " + optimal);
            }
        }
    }

    /**
     * Yeh et al. Proposition 2.5, checked exactly over all coalitions weighted by the Shapley kernel: the fit of
     * f(x) − f(x − z⊙x) on I = z⊙x (no intercept) gives φ*⊙x = the Shapley values only when the all-removed
     * coalition, of infinite kernel weight, enters as the constraint Σφ*ⱼxⱼ = f(x) − f(0). Over the 2^d − 2
     * coalitions of finite weight alone (all that sampling can reach) it does not: the proposition needs that atom.
     */
    @Test
    void proposition25HoldsExactlyOnlyWithTheInfiniteWeightCoalition() {
        FunctionModel f = fourFeatures();
        int d = 4;
        double[] shapley = ExactShapley.builder().build().explain(f, Target.output(0), x, 0L).attributions();
        double fx = valueAt(f, x);
        double[] sizeWeights = ShapleyKernelPerturbation.sizeWeights(d);
        int count = (1 << d) - 2;
        DMatrixRMaj design = new DMatrixRMaj(count, d);
        double[] change = new double[count];
        double[] weights = new double[count];
        for (int mask = 1; mask < (1 << d) - 1; mask++) {
            int row = mask - 1;
            double[] removed = x.clone();
            for (int j = 0; j < d; j++) {
                if ((mask >> j & 1) == 1) {
                    design.set(row, j, x[j]);
                    removed[j] = 0;
                }
            }
            change[row] = fx - valueAt(f, removed);
            int size = Integer.bitCount(mask);
            weights[row] = sizeWeights[size] / binomial(d, size); // P(Z = z), unnormalised
        }
        double[] unconstrained = LeastSquares.of(design, change).weights(weights).fit().coefficients();
        double gap = 0;
        for (int j = 0; j < d; j++) {
            gap += Math.abs(unconstrained[j] * x[j] - shapley[j]);
        }
        assertTrue(gap > 0.01, "without the constraint φ*⊙x is not Shapley: L1 gap " + gap);
        double[] phiStar = LeastSquares.of(design, change).weights(weights).subjectTo(x, fx - valueAt(f, new double[d]))
                .fit().coefficients();
        for (int j = 0; j < d; j++) {
            assertEquals(shapley[j], phiStar[j] * x[j], 1e-12, "feature " + j);
        }
    }

    /** The same proposition through the sampled explainer: within four standard errors of the exact Shapley values. */
    @Test
    void infidelityOptimalUnderShapleyKernelCoalitionsTimesXIsShapley() {
        FunctionModel f = fourFeatures();
        double[] shapley = ExactShapley.builder().build().explain(f, Target.output(0), x, 0L).attributions();
        Explanation e = InfidelityOptimal.builder().perturbation(ShapleyKernelPerturbation.zeros(4)).samples(20_000)
                .build()
                .explain(f, Target.output(0), x, 5L);
        for (int j = 0; j < 4; j++) {
            double se = e.standardErrors()[j] * Math.abs(x[j]);
            assertTrue(se > 0 && se < 0.01, "standard error " + se);
            assertEquals(shapley[j], e.attribution(j) * x[j], 4 * se, "feature " + j);
        }
    }

    private static double valueAt(FunctionModel f, double[] a) {
        return f.predict(DMatrixRMaj.wrap(1, a.length, a.clone())).data[0];
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }
}
