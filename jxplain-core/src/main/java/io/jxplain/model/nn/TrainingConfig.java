package io.jxplain.model.nn;

import io.jxplain.internal.Checks;

import java.util.List;

/**
 * How to train a network. Defaults are the unification paper's model (§6.1: two hidden layers of 10 ELU units,
 * Adam, cross-entropy) with the Captum reference models' optimiser settings (learning rate 0.01, batch 32).
 */
public record TrainingConfig(List<Integer> hidden, Activation activation, Loss loss, int epochs, int batchSize,
                             double learningRate, double l2, long seed, int maxSteps) {
    /** Training without a step limit: every mini-batch of every epoch. */
    public static final int ALL_STEPS = 0;

    /** A configuration that trains every epoch to the end ({@link #ALL_STEPS}). */
    public TrainingConfig(List<Integer> hidden, Activation activation, Loss loss, int epochs, int batchSize,
                          double learningRate, double l2, long seed) {
        this(hidden, activation, loss, epochs, batchSize, learningRate, l2, seed, ALL_STEPS);
    }

    /**
     * Refuses non-positive sizes, epochs or learning rate, a negative or non-finite penalty, or a negative step limit.
     */
    public TrainingConfig {
        hidden = List.copyOf(hidden);
        for (int h : hidden) {
            Checks.requirePositive("hidden layer size", h);
        }
        Checks.requirePositive("epochs", epochs);
        Checks.requirePositive("batchSize", batchSize);
        Checks.requirePositive("learningRate", learningRate);
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2 must be ≥ 0, got " + l2);
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps must be ≥ 0 (0: no limit), got " + maxSteps);
        }
    }

    /** The paper's MLP: 2 × 10 ELU, cross-entropy, Adam(0.01), batch 32, 15 epochs (the simulated set's). */
    public static TrainingConfig paperDefaults() {
        return new TrainingConfig(List.of(10, 10), Activation.ELU, Loss.CROSS_ENTROPY, 15, 32, 0.01, 0.0, 42L);
    }

    /** The same training with hidden layers of these sizes. */
    public TrainingConfig withHidden(List<Integer> h) {
        return new TrainingConfig(h, activation, loss, epochs, batchSize, learningRate, l2, seed, maxSteps);
    }

    /** The same training with this hidden activation. */
    public TrainingConfig withActivation(Activation a) {
        return new TrainingConfig(hidden, a, loss, epochs, batchSize, learningRate, l2, seed, maxSteps);
    }

    /** The same training with this loss. */
    public TrainingConfig withLoss(Loss l) {
        return new TrainingConfig(hidden, activation, l, epochs, batchSize, learningRate, l2, seed, maxSteps);
    }

    /** The same training for {@code e} epochs. */
    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(hidden, activation, loss, e, batchSize, learningRate, l2, seed, maxSteps);
    }

    /** The same training with mini-batches of {@code b} rows. */
    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(hidden, activation, loss, epochs, b, learningRate, l2, seed, maxSteps);
    }

    /** The same training with Adam's learning rate {@code lr}. */
    public TrainingConfig withLearningRate(double lr) {
        return new TrainingConfig(hidden, activation, loss, epochs, batchSize, lr, l2, seed, maxSteps);
    }

    /** The same training with this L2 penalty on the weights. */
    public TrainingConfig withL2(double penalty) {
        return new TrainingConfig(hidden, activation, loss, epochs, batchSize, learningRate, penalty, seed, maxSteps);
    }

    /** The same training from seed {@code s} (initial weights and shuffles). */
    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(hidden, activation, loss, epochs, batchSize, learningRate, l2, s, maxSteps);
    }

    /**
     * Stops after {@code steps} mini-batch updates, part-way through an epoch if need be: an undertrained network
     * on purpose (Agarwal et al.'s Figure 5 compares a weaker model). {@link #ALL_STEPS} lifts the limit.
     */
    public TrainingConfig withMaxSteps(int steps) {
        return new TrainingConfig(hidden, activation, loss, epochs, batchSize, learningRate, l2, seed, steps);
    }
}
