package io.jxplain.experiments.alvarez2018;

import io.jxplain.internal.Parallel;
import io.jxplain.data.Dataset;
import io.jxplain.experiments.data.GermanCreditData;
import io.jxplain.experiments.data.SklearnCsvData;
import io.jxplain.data.StandardizedSplit;
import io.jxplain.data.TrainTestSplit;
import io.jxplain.explain.Explainer;
import io.jxplain.experiments.Progress;
import io.jxplain.experiments.RandomForest;
import io.jxplain.metric.LocalLipschitzEstimate;
import io.jxplain.model.Accuracy;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Figures 2–3 of Alvarez-Melis &amp; Jaakkola 2018 (§3.2): on UCI data sets, a random forest (Tribuo) explained by
 * LIME and KernelSHAP ({@link TabularExplainers}: as their packages run them, and a variant of each beside), and each
 * explanation's local Lipschitz estimate (Eq. 1) by Bayesian optimisation in the
 * ε-box, with the paper's budget of 40 explanations, on test points of a seeded 80/20 split standardised on its
 * training part. Classifiers are explained at the predicted class's probability, regressors at their output.
 */
final class UciRobustness {
    /** A data set of the experiment: its name, file under the data folder, loader, and whether it is a regression. */
    record UciSet(String name, String file, boolean regression, Function<Path, Dataset> loader) {
    }

    /** The data sets in ../shared/data with a random-forest task: boston (regression) and four classifications. */
    static final List<UciSet> SETS = List.of(
            new UciSet("boston", "boston_housing/boston_house_prices.csv", true, SklearnCsvData::load),
            new UciSet("breast-cancer", "breast_cancer/breast_cancer_sklearn.csv", false, SklearnCsvData::load),
            new UciSet("wine", "wine/wine_data.csv", false, SklearnCsvData::load),
            new UciSet("german-credit", GermanCreditData.DEFAULT_FILE, false, GermanCreditData::load),
            new UciSet("iris", "iris/iris.csv", false, SklearnCsvData::load));

    /**
     * One data set's outcome: the forest's test score (accuracy, or R² for regression), the explained test points
     * (standardised), their targets, each explainer's Lipschitz estimates with each maximising neighbour, and
     * ‖φ(xᵢ)‖ per method and point (the scale against which a change within the ε-box is judged).
     */
    record SetResult(UciSet set, RandomForest forest, int trainRows, List<String> features, double testScore,
                     double[][] points,
                     Target[] targets, List<RobustnessScores> scores, double[][] norms) {
        /** The position of the explainer labelled {@code label} in {@link #scores()}. */
        int indexOf(String label) {
            for (int m = 0; m < scores.size(); m++) {
                if (scores.get(m).label().equals(label)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("no explainer labelled " + label);
        }

        /** L(xᵢ)·ε / ‖φ(xᵢ)‖ for method m: how far the explanation can move within the box, relative to its size. */
        double[] relativeChange(int m, double epsilon) {
            double[] l = scores.get(m).lipschitz();
            double[] r = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                r[i] = norms[m][i] > 0 ? l[i] * epsilon / norms[m][i] : Double.NaN;
            }
            return r;
        }
    }

    private UciRobustness() {
    }

    static UciSet named(String name) {
        for (UciSet s : SETS) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown UCI set '" + name + "'");
    }

    static SetResult run(UciSet set, Alvarez2018Config c, Consumer<String> log, Progress progress) {
        Dataset data = set.loader().apply(c.dataDir().resolve(set.file()));
        TrainTestSplit split = StandardizedSplit.of(data, 0.8, c.seed()).split();
        Dataset train = split.train();
        Dataset test = split.test();
        long start = System.nanoTime();
        RandomForest forest = set.regression()
                ? RandomForest.regressor(train.features(), train.targets(), c.forestTrees(), c.seed())
                : RandomForest.classifier(train.features(), train.labels(), data.classCount(), c.forestTrees(), c.seed());
        double score = set.regression() ? rSquared(forest, test) : Accuracy.of(forest, test.features(), test.labels());
        log.accept(String.format(Locale.ROOT, "%s: random forest of %d trees, test %s %.4f  [%.1f s]", set.name(),
                c.forestTrees(), set.regression() ? "R²" : "accuracy", score, (System.nanoTime() - start) / 1e9));
        int n = Math.min(c.points(), test.rows());
        double[][] x = new double[n][];
        Target[] targets = new Target[n];
        DMatrixRMaj out = forest.predict(test.features());
        for (int i = 0; i < n; i++) {
            x[i] = test.row(i); // the split is a seeded shuffle: its first rows are a random sample of the test set
            targets[i] = set.regression() ? Target.output(0) : Target.probability(argmax(out, i));
        }
        List<TabularExplainers.Variant> variants = TabularExplainers.of(train.features(), c.limeSamples(),
                c.shapSamples(), c.shapBackground(), c.seed());
        List<RobustnessScores> scores = new ArrayList<>();
        double[][] norms = new double[variants.size()][n];
        for (int m = 0; m < variants.size(); m++) {
            TabularExplainers.Variant v = variants.get(m);
            scores.add(lipschitz(set.name() + " " + v.label(), v.label(), v.explainer(), forest, x, targets, c, norms[m],
                    log, progress));
        }
        return new SetResult(set, forest, train.rows(), data.featureNames(), score, x, targets, scores, norms);
    }

    /** The seed of point i's Lipschitz search. */
    static long pointSeed(Alvarez2018Config c, int i) {
        return RandomStreams.childSeed(RandomStreams.childSeed(c.seed(), 2), i);
    }

    /** The explainer's seed at point i and all its neighbours (common random numbers): what the search uses. */
    static long explanationSeed(Alvarez2018Config c, int i) {
        return RandomStreams.childSeed(pointSeed(c, i), 0);
    }

    private static RobustnessScores lipschitz(String what, String label, Explainer explainer, Model forest,
                                              double[][] x, Target[] targets, Alvarez2018Config c, double[] norms,
                                              Consumer<String> log, Progress progress) {
        int n = x.length;
        double[] values = new double[n];
        double[][] argmax = new double[n][];
        LocalLipschitzEstimate estimate = LocalLipschitzEstimate.builder().epsilon(c.epsilon())
                .budget(c.blackBoxBudget()).build();
        long start = System.nanoTime();
        progress.begin("local Lipschitz: " + what, n);
        Parallel.forEachIndex(0, n, c.threads(), i -> {
            LocalLipschitzEstimate.Search s = estimate.search(forest, targets[i], explainer, x[i], pointSeed(c, i));
            values[i] = s.value();
            argmax[i] = s.argmax();
            norms[i] = norm(explainer.explain(forest, targets[i], x[i], explanationSeed(c, i)).attributions());
            progress.advance(1);
        });
        progress.end();
        RobustnessScores r = new RobustnessScores(label, explainer, values, argmax);
        log.accept(String.format(Locale.ROOT, "%-26s median local Lipschitz %.4g  [%.1f s]", what, r.median(),
                (System.nanoTime() - start) / 1e9));
        return r;
    }

    /** 1 − SSE/SST on the test rows. */
    private static double rSquared(Model model, Dataset test) {
        DMatrixRMaj out = model.predict(test.features());
        double[] y = test.targets();
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < y.length; i++) {
            sse += (y[i] - out.get(i, 0)) * (y[i] - out.get(i, 0));
            sst += (y[i] - mean) * (y[i] - mean);
        }
        return 1 - sse / sst;
    }

    private static int argmax(DMatrixRMaj out, int i) {
        int best = 0;
        for (int k = 1; k < out.numCols; k++) {
            best = out.get(i, k) > out.get(i, best) ? k : best;
        }
        return best;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double a : v) {
            s += a * a;
        }
        return Math.sqrt(s);
    }

    /** Whether the set's file is present under the data folder. */
    static boolean available(UciSet set, Path dataDir) {
        return Files.isRegularFile(dataDir.resolve(set.file()));
    }
}
