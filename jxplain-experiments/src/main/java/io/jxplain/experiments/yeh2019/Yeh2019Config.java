package io.jxplain.experiments.yeh2019;

import io.jxplain.experiments.ImageSet;

import io.jxplain.internal.Checks;

import java.nio.file.Path;

/**
 * Settings of the Yeh et al. 2019 reproduction. Defaults follow the authors' code where it is affordable here
 * (config.py / infid_sen_utils.py at commit 5edce6e: sensitivity radius 0.2 local / 0.1 global, uniform L∞; SG noise
 * uniform in the L∞ ball of radius 0.2; IG with 10 left-Riemann steps from 0; noisy baseline N(0, 0.2²) clipped to
 * the pixel range; squares of sides 1–10; the true class's logit explained; infidelity with the optimal scaling β)
 * and smaller where the paper's budget is out of reach on 2 cores (points, samples): each such choice is printed in
 * the report beside the paper's.
 */
public record Yeh2019Config(ImageSet images, Path dataDir, Path out, long seed, int threads, int trainImages,
                            int epochs, int points, int infidelitySamples, int sensitivitySamples, int smoothingSamples,
                            int optimalSamples, int shapSamples, int figureDigits, int randomisations)
        implements io.jxplain.experiments.ImageReproductionConfig<Yeh2019Config> {
    public static final double SENSITIVITY_RADIUS_LOCAL = 0.2;
    public static final double SENSITIVITY_RADIUS_GLOBAL = 0.1;
    public static final double SMOOTHING_RADIUS = 0.2;
    public static final double NOISY_BASELINE_SIGMA = 0.2;
    public static final int IG_STEPS = 10;
    public static final int MAX_SQUARE_SIDE = 10;
    /** Table 2's randomisations of the last layer: one draw would hide how much the result depends on it. */
    public static final int DEFAULT_RANDOMISATIONS = 5;

    public Yeh2019Config {
        Checks.requirePositive("threads", threads);
        Checks.requirePositive("training images", trainImages);
        Checks.requirePositive("epochs", epochs);
        Checks.requirePositive("points", points);
        Checks.requirePositive("randomisations", randomisations);
        for (int n : new int[] {infidelitySamples, sensitivitySamples, smoothingSamples, optimalSamples, shapSamples}) {
            if (n < 2) {
                throw new IllegalArgumentException("every sample count must be at least 2, got " + n);
            }
        }
        if (images == null) {
            throw new IllegalArgumentException("choose an image set: mnist or digits");
        }
    }

    /** MNIST with affordable settings: 20 points, 2 000 infidelity draws, 20 sensitivity points, 50 SG samples. */
    public static Yeh2019Config defaults(Path dataDir, Path out, long seed, int threads) {
        ImageSet mnist = ImageSet.MNIST;
        return new Yeh2019Config(mnist, dataDir, out, seed, threads, mnist.trainingImages(), mnist.trainingEpochs(), 20,
                2000, 20, 50, 2000, 2000, 4, DEFAULT_RANDOMISATIONS);
    }

    /**
     * A check in about a minute, on the 8×8 digits: 20 epochs on 1 400 images, 6 points, small samples. With 64 pixels
     * the least-squares optima are well determined from 2 000 draws (on MNIST that takes the paper's 20 000).
     */
    @Override
    public Yeh2019Config quick() {
        ImageSet digits = ImageSet.DIGITS;
        return new Yeh2019Config(digits, dataDir, out, seed, threads, digits.trainingImages(), digits.trainingEpochs(), 6,
                1000, 5, 20, 2000, 1000, 2, 3);
    }

    /** Another image set, with its training defaults. */
    @Override
    public Yeh2019Config withImages(ImageSet set) {
        return new Yeh2019Config(set, dataDir, out, seed, threads, set.trainingImages(), set.trainingEpochs(), points,
                infidelitySamples, sensitivitySamples, smoothingSamples, optimalSamples, shapSamples, figureDigits,
                randomisations);
    }

    @Override
    public Yeh2019Config withPoints(int n) {
        return new Yeh2019Config(images, dataDir, out, seed, threads, trainImages, epochs, n, infidelitySamples,
                sensitivitySamples, smoothingSamples, optimalSamples, shapSamples, figureDigits, randomisations);
    }

    /** Table 2 over {@code r} independent randomisations of the last layer. */
    public Yeh2019Config withRandomisations(int r) {
        return new Yeh2019Config(images, dataDir, out, seed, threads, trainImages, epochs, points, infidelitySamples,
                sensitivitySamples, smoothingSamples, optimalSamples, shapSamples, figureDigits, r);
    }
}
