package io.jxplain.experiments.alvarez2018;

import io.jxplain.internal.Checks;
import io.jxplain.experiments.ImageSet;

import java.nio.file.Path;

/**
 * Settings of the Alvarez-Melis &amp; Jaakkola 2018 experiments: ε = 0.1 in the L∞ box, Bayesian optimisation with 200
 * explanations per point (40 for LIME and SHAP, as the paper), Gaussian noise for Figure 5; Figure 4's logistic
 * regression on COMPAS trains for {@code compasEpochs} epochs; Figures 2–3 use random forests of {@code forestTrees}
 * trees on the UCI sets named in {@code uciSets}. {@code points} test points per image or UCI set (paper: 100).
 * KernelSHAP's background on tabular data is {@code shapBackground} k-means centroids of the training rows (shap.kmeans).
 * Without {@code tabular}, Figures 2–4 (UCI and COMPAS) are left out and only the image figures run.
 */
public record Alvarez2018Config(ImageSet images, Path dataDir, Path out, long seed, int threads, int trainImages,
                                int epochs, int points, int budget, int blackBoxBudget, double epsilon,
                                double noiseSigma, int limeSamples, int shapSamples, int compasEpochs,
                                int forestTrees, java.util.List<String> uciSets, int shapBackground,
                                boolean tabular)
        implements io.jxplain.experiments.ImageReproductionConfig<Alvarez2018Config> {
    public Alvarez2018Config {
        Checks.requirePositive("threads", threads);
        Checks.requirePositive("points", points);
        Checks.requirePositive("budget", budget);
        Checks.requirePositive("black-box budget", blackBoxBudget);
        Checks.requirePositive("epsilon", epsilon);
        Checks.requirePositive("noise sigma", noiseSigma);
        Checks.requirePositive("forest trees", forestTrees);
        Checks.requirePositive("SHAP background centroids", shapBackground);
        uciSets = java.util.List.copyOf(uciSets);
        uciSets.forEach(UciRobustness::named);
    }

    private static java.util.List<String> allUciSets() {
        return UciRobustness.SETS.stream().map(UciRobustness.UciSet::name).toList();
    }

    /**
     * MNIST, 20 points (paper: 100), the paper's budgets and ε; noise σ = 0.1 for Figure 5 (unstated in the paper);
     * 10 k-means centroids as SHAP's background (the paper does not say which background its KernelExplainer had).
     */
    public static Alvarez2018Config defaults(Path dataDir, Path out, long seed, int threads) {
        ImageSet mnist = ImageSet.MNIST;
        return new Alvarez2018Config(mnist, dataDir, out, seed, threads, mnist.trainingImages(), mnist.trainingEpochs(),
                20, 200, 40, 0.1, 0.1, 1000, 1000, 100, 50, allUciSets(), 10, true);
    }

    /**
     * A check in under a minute on the 8×8 digits: 3 points, budgets 20 / 8; forests of 10 trees on boston and wine;
     * a background of 3 centroids.
     */
    @Override
    public Alvarez2018Config quick() {
        ImageSet digits = ImageSet.DIGITS;
        return new Alvarez2018Config(digits, dataDir, out, seed, threads, digits.trainingImages(), digits.trainingEpochs(),
                3, 20, 8, epsilon, noiseSigma, 300, 300, 10, 10, java.util.List.of("boston", "wine"), 3, tabular);
    }

    /** Another image set, with its training defaults. */
    @Override
    public Alvarez2018Config withImages(ImageSet set) {
        return new Alvarez2018Config(set, dataDir, out, seed, threads, set.trainingImages(), set.trainingEpochs(), points,
                budget, blackBoxBudget, epsilon, noiseSigma, limeSamples, shapSamples, compasEpochs, forestTrees, uciSets,
                shapBackground, tabular);
    }

    @Override
    public Alvarez2018Config withPoints(int n) {
        return new Alvarez2018Config(images, dataDir, out, seed, threads, trainImages, epochs, n, budget, blackBoxBudget,
                epsilon, noiseSigma, limeSamples, shapSamples, compasEpochs, forestTrees, uciSets, shapBackground, tabular);
    }

    /** The image figures (5–7) alone: no UCI or COMPAS data set is read. */
    public Alvarez2018Config imagesOnly() {
        return new Alvarez2018Config(images, dataDir, out, seed, threads, trainImages, epochs, points, budget,
                blackBoxBudget, epsilon, noiseSigma, limeSamples, shapSamples, compasEpochs, forestTrees,
                java.util.List.of(), shapBackground, false);
    }
}
