package io.jxplain.metric.optimize;

import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/** The baseline: evaluate {@code budget} points drawn uniformly from the box and keep the best. */
public final class RandomSearch implements Maximizer {
    @Override
    public Result maximize(ToDoubleFunction<double[]> f, double[] lower, double[] upper, int budget, RandomGenerator rng) {
        Maximizer.validate(lower, upper, budget);
        double best = Double.NEGATIVE_INFINITY;
        double[] arg = null;
        double[] trace = new double[budget];
        for (int t = 0; t < budget; t++) {
            double[] p = Maximizer.uniform(lower, upper, rng);
            double v = f.applyAsDouble(p);
            if (v > best) {
                best = v;
                arg = p;
            }
            trace[t] = best;
        }
        return new Result(best, arg, budget, trace);
    }

    @Override
    public String name() {
        return "random";
    }
}
