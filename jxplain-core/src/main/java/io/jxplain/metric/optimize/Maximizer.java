package io.jxplain.metric.optimize;

import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/** Maximises an expensive black-box function over a box with a fixed budget of evaluations. */
public interface Maximizer {
    /** The best point found, its value, and the best value after each evaluation (the search's trace). */
    record Result(double value, double[] argmax, int evaluations, double[] bestSoFar) {
    }

    /** The largest value of f found in the box [lower, upper] with {@code budget} evaluations. */
    Result maximize(ToDoubleFunction<double[]> f, double[] lower, double[] upper, int budget, RandomGenerator rng);

    /** As above, calling {@code afterEachEvaluation} after each of the budget's evaluations (progress). */
    default Result maximize(ToDoubleFunction<double[]> f, double[] lower, double[] upper, int budget,
                            RandomGenerator rng, Runnable afterEachEvaluation) {
        return maximize(xp -> {
            double v = f.applyAsDouble(xp);
            afterEachEvaluation.run();
            return v;
        }, lower, upper, budget, rng);
    }

    /** The search's name, for provenance (e.g. {@code bayesian}). */
    String name();

    /** Uniform in the box. */
    static double[] uniform(double[] lower, double[] upper, RandomGenerator rng) {
        double[] p = new double[lower.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = lower[j] + (upper[j] - lower[j]) * rng.nextDouble();
        }
        return p;
    }

    /** Checks the box and the budget once for every implementation. */
    static void validate(double[] lower, double[] upper, int budget) {
        if (lower.length != upper.length || lower.length == 0) {
            throw new IllegalArgumentException("the box needs as many lower as upper bounds, and at least one");
        }
        for (int j = 0; j < lower.length; j++) {
            if (!(upper[j] > lower[j]) || !Double.isFinite(lower[j]) || !Double.isFinite(upper[j])) {
                throw new IllegalArgumentException("box side " + j + " is [" + lower[j] + ", " + upper[j] + "]");
            }
        }
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be at least 1, got " + budget);
        }
    }
}
