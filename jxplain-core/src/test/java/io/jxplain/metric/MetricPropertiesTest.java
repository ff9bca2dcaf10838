package io.jxplain.metric;

import io.jxplain.data.Dataset;
import io.jxplain.explain.ClosedFormSmoothGrad;
import io.jxplain.explain.ContinuousLime;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.Gradient;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.sample.BackgroundPerturbation;
import io.jxplain.sample.BaselinePerturbation;
import io.jxplain.sample.GaussianPerturbation;
import io.jxplain.sample.Perturbation;
import io.jxplain.sample.UniformBallPerturbation;
import io.jxplain.testing.FunctionModel;
import io.jxplain.testing.TrainedModels;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the metrics must satisfy by construction (issue checks), each an assertion that could fail. */
class MetricPropertiesTest {
    private static final Target OUT = Target.output(0);

    @Test
    void onALinearModelTheGradientHasZeroInfidelityUnderAnyPerturbation() {
        FunctionModel f = FunctionModel.linear(new double[] {0.7, -1.3, 2.0}, 0.4);
        double[] x = {0.5, 1.5, -0.2};
        List<Perturbation> perturbations = List.of(GaussianPerturbation.isotropic(3, 0.3),
                new UniformBallPerturbation(3, 0.5, UniformBallPerturbation.Norm.LINF),
                new UniformBallPerturbation(3, 0.5, UniformBallPerturbation.Norm.L2),
                BaselinePerturbation.fixed(new double[3]), BaselinePerturbation.noisy(new double[3], 0.2),
                BaselinePerturbation.subset(new double[3], 0.5),
                new BackgroundPerturbation(new DMatrixRMaj(new double[][] {{1, 2, 3}, {-1, 0, 4}, {0.5, 0.5, 0.5}})));
        for (Perturbation p : perturbations) {
            Estimate e = Infidelity.builder().perturbation(p).build().evaluate(f, OUT, Gradient.builder()
                    .build(), x, 1L);
            assertEquals(0.0, e.value(), 1e-24, p.name());
            Estimate wrong = Infidelity.builder().perturbation(p).build().evaluate(f, OUT, Gradient.builder()
                    .absolute(true).build(), x, 1L);
            assertTrue(wrong.value() > 1e-6, p.name() + ": |gradient| is not faithful: " + wrong.value());
        }
    }

    @Test
    void onALinearModelTheGradientsLipschitzEstimateIsZero() {
        FunctionModel f = FunctionModel.linear(new double[] {0.7, -1.3}, 0.4);
        assertEquals(0.0, LocalLipschitzEstimate.builder().budget(30).build().evaluate(f, OUT, Gradient.builder()
                .build(),
                new double[] {1, 2}, 1L).value(), 0.0);
        assertEquals(0.0, LocalLipschitzEstimate.builder().budget(30).randomSearch(true).build().evaluate(f, OUT,
                Gradient.builder().build(), new double[] {1, 2}, 1L).value(), 0.0);
    }

    /** ∇(½xᵀAx) = Ax, so the ratio is ‖A(x − x′)‖/‖x − x′‖ ≤ ‖A‖₂ = 3, reached along the top eigenvector. */
    @Test
    void onAQuadraticTheGradientsLipschitzEstimateApproachesTheSpectralNormFromBelow() {
        double[][] a = {{2, 1, 0}, {1, 2, 0}, {0, 0, 0.5}}; // eigenvalues 3, 1, 0.5
        FunctionModel f = FunctionModel.quadratic(a);
        double[] x = {0.3, -0.1, 0.2};
        LocalLipschitzEstimate.Search small = LocalLipschitzEstimate.builder().budget(5).build()
                .search(f, OUT, Gradient.builder().build(), x, 2L);
        LocalLipschitzEstimate.Search large = LocalLipschitzEstimate.builder().budget(200).build()
                .search(f, OUT, Gradient.builder().build(), x, 2L);
        assertTrue(large.value() <= 3 + 1e-12, "never above ‖A‖₂: " + large.value());
        assertTrue(large.value() >= small.value());
        assertTrue(large.value() > 0.99 * 3, "within 1% of ‖A‖₂ after 200 calls: " + large.value());
        double[] trace = large.bestSoFar();
        for (int t = 1; t < trace.length; t++) {
            assertTrue(trace[t] >= trace[t - 1]);
        }
        for (int j = 0; j < 3; j++) {
            assertTrue(Math.abs(large.argmax()[j] - x[j]) <= 0.1 + 1e-12, "x′ stays in the ε-box");
        }
    }

    @Test
    void bayesianOptimisationBeatsRandomSearchOnTheQuadraticAtEqualBudget() {
        double[][] a = {{2, 1, 0, 0}, {1, 2, 0, 0}, {0, 0, 0.5, 0}, {0, 0, 0, 0.2}};
        FunctionModel f = FunctionModel.quadratic(a);
        double[] x = {0.3, -0.1, 0.2, 0.0};
        double bo = 0;
        double random = 0;
        for (long seed = 0; seed < 10; seed++) {
            bo += LocalLipschitzEstimate.builder().budget(40).build().evaluate(f, OUT, Gradient.builder()
                    .build(), x, seed).value() / 10;
            random += LocalLipschitzEstimate.builder().budget(40).randomSearch(true).build()
                    .evaluate(f, OUT, Gradient.builder().build(), x, seed).value() / 10;
        }
        assertTrue(bo > random, "BO " + bo + " vs random " + random);
    }

    /**
     * For I ~ N(0, σ²I) the infidelity is a quadratic in φ, minimised by φ* = σ⁻²·cov(a, f(a)), the SmoothGrad limit
     * (Theorem 1 and Yeh et al. Prop. 2.1), with infidelity(φ) − infidelity(φ*) = σ²‖φ − φ*‖². Evaluated on the
     * same N = 40 000 draws (same seed). With δ = φ − φ*, the sample gap deviates from σ²‖δ‖² by a cross term of
     * standard error 2σ‖δ‖·√infidelity(φ*)/√N, a quadratic term of relative error √(2/N), and 2σ²‖δ‖·‖SE(φ*)‖ for
     * φ* being itself an estimate: the tolerance is 4 times their sum.
     */
    @Test
    void theSmoothGradLimitHasTheLowestGaussianInfidelityByExactlySigma2TimesTheSquaredDistance() {
        Network net = TrainedModels.simulatedMlp();
        Dataset test = TrainedModels.simulatedSplit().test();
        Target t = Target.probability(1);
        double sigma2 = 1.0;
        Infidelity infidelity = Infidelity.builder().perturbation(GaussianPerturbation.isotropic(2, sigma2))
                .samples(40_000).build();
        List<Explainer> others = List.of(Gradient.builder().build(), SmoothGrad.builder().samples(10).build(),
                ContinuousLime.builder().samples(20).build());
        for (int i = 0; i < 5; i++) {
            double[] x = test.row(i * 17);
            Explanation optimal = ClosedFormSmoothGrad.builder().samples(400_000).build().explain(net, t, x, 5L);
            double best = infidelity.evaluate(net, t, optimal, x, 9L).value();
            for (Explainer other : others) {
                Explanation e = other.explain(net, t, x, 6L);
                double value = infidelity.evaluate(net, t, e, x, 9L).value();
                double delta = Math.sqrt(distanceSquared(e, optimal));
                double gap = sigma2 * delta * delta;
                double seOptimal = 0;
                for (double se : optimal.standardErrors()) {
                    seOptimal += se * se;
                }
                int n = 40_000;
                double tolerance = 4 * (2 * Math.sqrt(sigma2) * delta * Math.sqrt(best / n)
                        + gap * Math.sqrt(2.0 / n) + 2 * sigma2 * delta * Math.sqrt(seOptimal));
                assertTrue(value > best, other.name() + " at point " + i);
                assertEquals(gap, value - best, tolerance, other.name() + " at point " + i);
            }
        }
    }

    /** Yeh et al. Thm 4.1: smoothing bounds sensitivity by the gradient's, averaged over the kernel; so on average. */
    @Test
    void smoothingDoesNotRaiseMaxSensitivityOnAverageOverTestPoints() {
        Network net = TrainedModels.simulatedMlp();
        DMatrixRMaj rows = TrainedModels.simulatedSplit().test().features();
        DMatrixRMaj some = new DMatrixRMaj(40, 2);
        System.arraycopy(rows.data, 0, some.data, 0, 80);
        MaxSensitivity sens = MaxSensitivity.builder().build();
        double smooth = mean(sens.evaluateAll(net, Target.probability(1), SmoothGrad.builder().samples(500).sigma2(0.25).build(),
                some, 4L, 2));
        double raw = mean(sens.evaluateAll(net, Target.probability(1), Gradient.builder().build(), some, 4L, 2));
        assertTrue(smooth <= raw, "smoothed " + smooth + " vs gradient " + raw);
    }

    /**
     * On a batch-independent model the metrics merge model calls (a deterministic explainer's neighbours in one batch,
     * f(x) with the perturbed points): the same values as one call per row.
     */
    @Test
    void metricsAreTheSameWithMergedModelCallsOrNot() {
        Network net = TrainedModels.simulatedMlp();
        io.jxplain.model.Differentiable unbatched = new io.jxplain.model.Differentiable() { // same network, one row a call
            @Override public int inputSize() { return net.inputSize(); }
            @Override public int outputSize() { return net.outputSize(); }
            @Override public io.jxplain.model.OutputKind outputKind() { return net.outputKind(); }
            @Override public DMatrixRMaj predict(DMatrixRMaj b) { return net.predict(b); }
            @Override public DMatrixRMaj backward(DMatrixRMaj b, DMatrixRMaj g) { return net.backward(b, g); }
        };
        double[] x = TrainedModels.simulatedSplit().test().row(5);
        for (Metric m : List.<Metric>of(MaxSensitivity.builder().radius(0.2).samples(30)
                .build(), AvgSensitivity.builder().radius(0.2).samples(30).relative(true).build(),
                Infidelity.builder().perturbation(GaussianPerturbation.isotropic(2, 0.3)).samples(40).build())) {
            Estimate batched = m.evaluate(net, Target.probability(1), Gradient.builder().build(), x, 9L);
            Estimate single = m.evaluate(unbatched, Target.probability(1), Gradient.builder().build(), x, 9L);
            assertEquals(single.value(), batched.value(), 0.0, m.name());
            assertEquals(single.evaluations(), batched.evaluations(), m.name());
        }
    }

    /** Max-/avg-sensitivity of the gradient, written out from its definition on the metric's own neighbours: same bits. */
    @Test
    void sensitivityIsTheDistanceOfTheNeighboursExplanationsToX() {
        Network net = TrainedModels.simulatedMlp();
        Target t = Target.probability(1);
        double[] x = TrainedModels.simulatedSplit().test().row(7);
        SensitivityDistances box = new SensitivityDistances(io.jxplain.sample.Perturbation.uniformBox(0.3), 12, false,
                true);
        long seed = io.jxplain.random.RandomStreams.childSeed(9L, 0); // instance 0's seed in a run seeded 9
        DMatrixRMaj ys = box.neighbours(x, seed);
        double[] gx = Gradient.builder().build().explain(net, t, x, 0L).attributions();
        double max = 0;
        double sum = 0;
        for (int k = 0; k < 12; k++) {
            double[] y = java.util.Arrays.copyOfRange(ys.data, k * x.length, (k + 1) * x.length);
            assertTrue(Math.abs(y[0] - x[0]) <= 0.3 && Math.abs(y[1] - x[1]) <= 0.3, "neighbour " + k + " in the box");
            double[] gy = Gradient.builder().build().explain(net, t, y, 0L).attributions();
            double sq = 0;
            for (int j = 0; j < x.length; j++) {
                sq += (gy[j] - gx[j]) * (gy[j] - gx[j]);
            }
            max = Math.max(max, Math.sqrt(sq));
            sum += Math.sqrt(sq);
        }
        assertTrue(max > 0);
        assertEquals(max, MaxSensitivity.builder().radius(0.3).samples(12).build().evaluate(net, t, Gradient.builder()
                .build(), x, seed).value(), 0.0);
        DMatrixRMaj row = DMatrixRMaj.wrap(1, x.length, x.clone());
        assertEquals(max, MaxSensitivity.builder().radius(0.3).samples(12).build()
                .evaluateAll(net, t, Gradient.builder().build(), row, 9L, 1).get(0).value(),
                0.0, "the batched path");
        assertEquals(sum / 12, AvgSensitivity.builder().radius(0.3).samples(12).build()
                .evaluate(net, t, Gradient.builder().build(), x, seed).value(), 1e-14);
    }

    /** The reported standard errors match the spread of the estimate over seeds within 25%. */
    @Test
    void standardErrorsMatchTheSpreadOverSeeds() {
        Network net = TrainedModels.simulatedMlp();
        double[] x = TrainedModels.simulatedSplit().test().row(3);
        Target t = Target.probability(1);
        List<Metric> metrics = List.of(Infidelity.builder().perturbation(GaussianPerturbation.isotropic(2, 0.5))
                .samples(200).build(),
                AvgSensitivity.builder().radius(0.5).samples(100).build());
        for (Metric m : metrics) {
            int reps = 300;
            double[] values = new double[reps];
            double meanSe = 0;
            for (int r = 0; r < reps; r++) {
                Estimate e = m.evaluate(net, t, Gradient.builder().build(), x, 1000L + r);
                values[r] = e.value();
                meanSe += e.standardError() / reps;
            }
            double mean = 0;
            for (double v : values) {
                mean += v / reps;
            }
            double var = 0;
            for (double v : values) {
                var += (v - mean) * (v - mean) / (reps - 1);
            }
            double sd = Math.sqrt(var);
            assertEquals(sd, meanSe, 0.25 * sd, m.name() + ": spread " + sd + ", mean reported SE " + meanSe);
        }
    }

    @Test
    void discreteLipschitzOfTheGradientOfAQuadraticIsBoundedByTheSpectralNormAndFindsTheWorstPair() {
        double[][] a = {{2, 1}, {1, 2}};
        FunctionModel f = FunctionModel.quadratic(a);
        DMatrixRMaj rows = TrainedModels.simulatedSplit().test().features();
        DiscreteLipschitz.Result r = DiscreteLipschitz.builder().epsilon(0.3).build()
                .evaluate(f, OUT, Gradient.builder().build(), rows, null, 1L, 2);
        assertTrue(r.worst() <= 3 + 1e-12 && r.worst() >= 1 - 1e-12, "between the eigenvalues: " + r.worst());
        double brute = 0;
        for (int i = 0; i < rows.numRows; i++) {
            for (int j = 0; j < rows.numRows; j++) {
                double dx = Math.hypot(rows.get(i, 0) - rows.get(j, 0), rows.get(i, 1) - rows.get(j, 1));
                if (i != j && dx <= 0.3 && dx > 0) {
                    double g0 = 2 * (rows.get(i, 0) - rows.get(j, 0)) + (rows.get(i, 1) - rows.get(j, 1));
                    double g1 = (rows.get(i, 0) - rows.get(j, 0)) + 2 * (rows.get(i, 1) - rows.get(j, 1));
                    brute = Math.max(brute, Math.hypot(g0, g1) / dx);
                }
            }
        }
        assertEquals(brute, r.worst(), 1e-12);
        assertTrue(r.pointsWithNeighbours() > 0 && r.pointsWithNeighbours() <= rows.numRows);
        int[] labels = TrainedModels.simulatedSplit().test().labels();
        DiscreteLipschitz.Result same = DiscreteLipschitz.builder().epsilon(0.3).sameClass(true).build()
                .evaluate(f, OUT, Gradient.builder().build(), rows, labels, 1L, 1);
        assertEquals(labels[same.worstI()], labels[same.worstJ()]);
        assertTrue(same.worst() <= r.worst());
    }

    @Test
    void randomisingTheTopLayerChangesOnlyItAndSpearmanIsCorrect() {
        assertEquals(1.0, ParameterRandomisation.spearman(new double[] {1, 5, 3}, new double[] {10, 50, 30}), 1e-15);
        assertEquals(-1.0, ParameterRandomisation.spearman(new double[] {1, 5, 3}, new double[] {3, 1, 2}), 1e-15);
        // ties share their mean rank: ranks (1.5, 1.5, 3) against (1, 2, 3) give ρ = √3/2
        assertEquals(Math.sqrt(3) / 2, ParameterRandomisation.spearman(new double[] {1, 1, 2}, new double[] {1, 2, 3}), 1e-12);
        Network net = TrainedModels.simulatedMlp();
        Network random = ParameterRandomisation.builder().build().randomise(net, 3L);
        assertEquals(net.layers().get(0).weights().get(0, 0), random.layers().get(0).weights().get(0, 0), 0.0);
        assertTrue(net.layers().get(2).weights().get(0, 0) != random.layers().get(2).weights().get(0, 0));
        DMatrixRMaj rows = TrainedModels.simulatedSplit().test().features();
        ParameterRandomisation.Result r = ParameterRandomisation.builder().build().evaluate(net, Target.probability(1),
                Gradient.builder().build(), rows, 1L, 2);
        assertTrue(r.meanSpearman() >= -1 && r.meanSpearman() <= 1 && r.standardError() > 0);
        ParameterRandomisation.Result all = ParameterRandomisation.builder().layers(3).build()
                .evaluate(net, Target.probability(1),
                Gradient.builder().build(), rows, 1L, 2);
        assertTrue(Double.isFinite(all.meanSpearmanAbs()));
        assertEquals(rows.numRows, all.perRow().length);
    }

    private static double distanceSquared(Explanation a, Explanation b) {
        double s = 0;
        for (int j = 0; j < a.size(); j++) {
            s += (a.attribution(j) - b.attribution(j)) * (a.attribution(j) - b.attribution(j));
        }
        return s;
    }

    private static double mean(List<Estimate> e) {
        return e.stream().mapToDouble(Estimate::value).average().orElseThrow();
    }
}
