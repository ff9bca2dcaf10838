package io.jxplain.metric.optimize;

import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The incremental search (one Cholesky row per point, branch and bound over the candidates) chooses exactly the points
 * of the plain algorithm: a fresh EJML Cholesky of the whole kernel matrix for each scale at each step, and every
 * candidate scored in full. The plain version is written out here as the reference.
 */
class BayesianOptimizationTest {
    private static final double[] SCALES = {0.05, 0.1, 0.25, 0.5, 1.0};

    @Test
    void theIncrementalSearchChoosesThePlainSearchsPointsBitForBit() {
        List<ToDoubleFunction<double[]>> functions = List.of(
                x -> -Math.pow(x[0] - 0.3, 2) - Math.pow(x[1] + 0.2, 2),
                x -> Math.sin(7 * x[0]) * Math.cos(5 * x[1]) + 0.1 * x[0],
                x -> { // ten dimensions, a ridge
                    double s = 0;
                    for (int j = 0; j < x.length; j++) {
                        s += Math.abs(x[j] - 0.1 * j);
                    }
                    return Math.exp(-s);
                },
                x -> 1.0); // flat: every expected improvement is tiny, ties everywhere
        int[] dims = {2, 2, 10, 3};
        for (int k = 0; k < functions.size(); k++) {
            double[] lower = new double[dims[k]];
            double[] upper = new double[dims[k]];
            java.util.Arrays.fill(lower, -1);
            java.util.Arrays.fill(upper, 1);
            for (int budget : new int[] {7, 60, 150}) {
                Maximizer.Result fast = new BayesianOptimization().maximize(functions.get(k), lower, upper, budget,
                        RandomStreams.stream(5L + k));
                Maximizer.Result plain = plain(functions.get(k), lower, upper, budget, RandomStreams.stream(5L + k));
                assertArrayEquals(plain.argmax(), fast.argmax(), 0.0, "function " + k + ", budget " + budget);
                assertArrayEquals(plain.bestSoFar(), fast.bestSoFar(), 0.0, "function " + k + ", budget " + budget);
                assertEquals(plain.value(), fast.value(), 0.0);
            }
        }
    }

    @Test
    void progressIsToldAfterEveryEvaluation() {
        AtomicInteger ticks = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        new BayesianOptimization().maximize(x -> {
            calls.incrementAndGet();
            return -x[0] * x[0];
        }, new double[] {-1}, new double[] {1}, 40, RandomStreams.stream(1L), ticks::incrementAndGet);
        assertEquals(40, calls.get());
        assertEquals(40, ticks.get());
        AtomicInteger random = new AtomicInteger();
        new RandomSearch().maximize(x -> x[0], new double[] {0}, new double[] {1}, 25, RandomStreams.stream(1L),
                random::incrementAndGet);
        assertEquals(25, random.get());
    }

    @Test
    void theSearchFindsTheMaximumOfASmoothFunction() {
        Maximizer.Result r = new BayesianOptimization().maximize(x -> -Math.pow(x[0] - 0.3, 2) - Math.pow(x[1] + 0.2, 2),
                new double[] {-1, -1}, new double[] {1, 1}, 60, RandomStreams.stream(3L));
        assertTrue(r.value() > -1e-3, "best value " + r.value());
    }

    /** The plain algorithm, as jxplain ran it before: a new GP per step, every candidate scored. */
    private static Maximizer.Result plain(ToDoubleFunction<double[]> f, double[] lower, double[] upper, int budget,
                                          RandomGenerator rng) {
        int initial = Math.min(budget, Math.max(5, budget / 5));
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        double[] trace = new double[budget];
        int best = -1;
        double width = 0;
        for (int j = 0; j < lower.length; j++) {
            width = Math.max(width, upper[j] - lower[j]);
        }
        for (int t = 0; t < budget; t++) {
            double[] p = t < initial ? Maximizer.uniform(lower, upper, rng) : plainNext(xs, ys, best, lower, upper, width, rng);
            double v = f.applyAsDouble(p);
            xs.add(p);
            ys.add(v);
            if (best < 0 || v > ys.get(best)) {
                best = xs.size() - 1;
            }
            trace[t] = ys.get(best);
        }
        return new Maximizer.Result(ys.get(best), xs.get(best).clone(), budget, trace);
    }

    private static double[] plainNext(List<double[]> xs, List<Double> ys, int best, double[] lower, double[] upper,
                                      double width, RandomGenerator rng) {
        int m = ys.size();
        double mean = 0;
        for (double y : ys) {
            mean += y / m;
        }
        double var = 0;
        for (double y : ys) {
            var += (y - mean) * (y - mean) / m;
        }
        double sd = var > 0 ? Math.sqrt(var) : 1.0;
        double[] z = new double[m];
        for (int i = 0; i < m; i++) {
            z[i] = (ys.get(i) - mean) / sd;
        }
        DMatrixRMaj chosenL = null;
        double[] chosenAlpha = null;
        double chosenScale = 0;
        double bestLml = Double.NEGATIVE_INFINITY;
        for (double s : SCALES) {
            double ell = s * width;
            DMatrixRMaj k = new DMatrixRMaj(m, m);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j <= i; j++) {
                    double v = GaussianProcess.kernel(xs.get(i), xs.get(j), ell) + (i == j ? GaussianProcess.NOISE : 0);
                    k.set(i, j, v);
                    k.set(j, i, v);
                }
            }
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(m, true);
            assertTrue(chol.decompose(k));
            DMatrixRMaj l = chol.getT(null);
            double[] w = forward(l, z);
            double lml = 0;
            for (int i = 0; i < m; i++) {
                lml -= 0.5 * w[i] * w[i] + Math.log(l.get(i, i));
            }
            lml -= 0.5 * m * Math.log(2 * Math.PI);
            if (chosenL == null || lml > bestLml) {
                bestLml = lml;
                chosenL = l;
                chosenAlpha = backward(l, w);
                chosenScale = ell;
            }
        }
        double incumbent = z[best];
        double[] bestCandidate = null;
        double bestEi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 500; c++) {
            double[] p;
            if (c < 400) {
                p = Maximizer.uniform(lower, upper, rng);
            } else {
                p = xs.get(best).clone();
                for (int j = 0; j < lower.length; j++) {
                    double step = 0.1 * (upper[j] - lower[j]) * rng.nextGaussian();
                    p[j] = Math.min(upper[j], Math.max(lower[j], p[j] + step));
                }
            }
            double[] ks = new double[m];
            double mu = 0;
            for (int i = 0; i < m; i++) {
                ks[i] = GaussianProcess.kernel(p, xs.get(i), chosenScale);
                mu += ks[i] * chosenAlpha[i];
            }
            double variance = 1.0 + GaussianProcess.NOISE;
            for (double t : forward(chosenL, ks)) {
                variance -= t * t;
            }
            double ei = BayesianOptimization.expectedImprovement(new double[] {mu, Math.sqrt(Math.max(variance, 1e-12))},
                    incumbent);
            if (ei > bestEi) {
                bestEi = ei;
                bestCandidate = p;
            }
        }
        return bestCandidate;
    }

    private static double[] forward(DMatrixRMaj l, double[] b) {
        double[] x = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l.get(i, k) * x[k];
            }
            x[i] = s / l.get(i, i);
        }
        return x;
    }

    private static double[] backward(DMatrixRMaj l, double[] b) {
        double[] x = new double[b.length];
        for (int i = b.length - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < b.length; k++) {
                s -= l.get(k, i) * x[k];
            }
            x[i] = s / l.get(i, i);
        }
        return x;
    }
}
