package io.jxplain.experiments.agarwal2021;

import io.jxplain.internal.Parallel;
import io.jxplain.experiments.Progress;
import io.jxplain.experiments.Statistics;
import io.jxplain.explain.ContinuousLime;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.metric.NeighbourhoodRobustness;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes one {@link Curves}: for each test point x and each n, SmoothGrad and C-LIME at x (independent draws),
 * their L1 distance (§6.2), and for each method the largest L1 distance to its explanations at 10 neighbours
 * x′ ~ N(x, 0.01·I) (§6.3). Points run in parallel, each from its own stream, so the result does not depend on
 * the thread count. C-LIME with n ≤ d + 1 uses the minimum-norm fit, as Captum does.
 */
final class CurveRun {
    static final Target TARGET = Target.probability(1);

    private CurveRun() {
    }

    static Curves compute(String label, TrainedModel model, double sigma2, Agarwal2021Config config, Progress progress) {
        DMatrixRMaj test = model.split().test().features();
        int points = config.maxPoints() == null ? test.numRows : Math.min(config.maxPoints(), test.numRows);
        CurveStatistics m = measure(label, model.network(), test, points, config.sampleSizes(), sigma2,
                NeighbourhoodRobustness.builder().neighbours(config.neighbours()).variance(config.neighbourVariance())
                        .build(), config, progress);
        return new Curves(label, model, sigma2, config.sampleSizes(), m.equivalence(), m.robustnessSmoothGrad(),
                m.robustnessClime(), m.smoothGradNorm(), m.medianInputNorm());
    }

    /** The curves of {@code network} at the first {@code points} rows of {@code test}, seeded from the run's seed. */
    static CurveStatistics measure(String label, Model network, DMatrixRMaj test, int points, List<Integer> grid,
                            double sigma2, NeighbourhoodRobustness robustness, Agarwal2021Config config,
                            Progress progress) {
        int d = test.numCols;
        int g = grid.size();
        double[][] equivalence = new double[g][points];
        double[][] robustSg = new double[g][points];
        double[][] robustCl = new double[g][points];
        double[][] norm = new double[g][points];
        double[] inputNorms = new double[points];
        long runSeed = RandomStreams.childSeed(config.seed(), label.hashCode());
        progress.begin(label, points);
        try {
            Parallel.forEachIndex(0, points, config.threads(), i -> {
                double[] x = Arrays.copyOfRange(test.data, i * d, (i + 1) * d);
                double sq = 0;
                for (double v : x) {
                    sq += v * v;
                }
                inputNorms[i] = Math.sqrt(sq);
                long pointSeed = RandomStreams.childSeed(runSeed, i);
                for (int k = 0; k < g; k++) {
                    int n = grid.get(k);
                    SmoothGrad sg = SmoothGrad.builder().samples(n).sigma2(sigma2).build();
                    ContinuousLime cl = ContinuousLime.builder().samples(n).sigma2(sigma2).minimumNormFallback(true)
                            .build();
                    long s = RandomStreams.childSeed(pointSeed, k);
                    Explanation eSg = sg.explain(network, TARGET, x, RandomStreams.childSeed(s, 0));
                    Explanation eCl = cl.explain(network, TARGET, x, RandomStreams.childSeed(s, 1));
                    equivalence[k][i] = eSg.l1DistanceTo(eCl);
                    robustSg[k][i] = robustness.maxL1(network, TARGET, sg, x, eSg, RandomStreams.childSeed(s, 2));
                    robustCl[k][i] = robustness.maxL1(network, TARGET, cl, x, eCl, RandomStreams.childSeed(s, 3));
                    double l1 = 0;
                    for (double a : eSg.attributions()) {
                        l1 += Math.abs(a);
                    }
                    norm[k][i] = l1;
                }
                progress.advance(1);
            });
        } finally {
            progress.end();
        }
        double[] sortedNorms = inputNorms.clone();
        Arrays.sort(sortedNorms);
        return new CurveStatistics(summarise(equivalence), summarise(robustSg), summarise(robustCl), summarise(norm),
                sortedNorms[points / 2]);
    }

    private static List<Statistics> summarise(double[][] values) {
        List<Statistics> out = new ArrayList<>(values.length);
        for (double[] v : values) {
            out.add(Statistics.of(v));
        }
        return out;
    }
}
