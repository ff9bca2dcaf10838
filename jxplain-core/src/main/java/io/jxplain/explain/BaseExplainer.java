package io.jxplain.explain;

import io.jxplain.Checks;
import io.jxplain.Version;
import io.jxplain.model.Differentiable;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.sample.RandomStreams;

import java.util.random.RandomGenerator;

/**
 * Validation and provenance in one place: every explainer checks its input the same way and records what
 * produced each explanation. Subclasses only compute the attribution.
 */
abstract class BaseExplainer implements Explainer {

    @Override
    public final Explanation explain(Model model, Target target, double[] x, long seed) {
        if (model == null || target == null) {
            throw new IllegalArgumentException("model and target are required");
        }
        target.validateFor(model);
        Checks.requireVector("x", x, model.inputSize());
        Attribution a = attribute(model, target, x.clone(), RandomStreams.stream(seed));
        Provenance p = new Provenance(name(), parameters(), model.describe(), target.toString(),
                isStochastic() ? seed : null, a.samples(), Version.get());
        return new Explanation(a.values(), a.standardErrors(), a.intercept(), a.modelCalls(), p, a.diagnostics());
    }

    /** Computes the attribution of a validated input. */
    abstract Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng);

    /** Gradient methods need exact gradients; black-box models get a clear message naming the alternative. */
    final Differentiable requireDifferentiable(Model model) {
        if (model instanceof Differentiable diff) {
            return diff;
        }
        throw new IllegalArgumentException(name() + " needs input gradients, but " + model.describe()
                + " is a black box; use closed-form (gradient-free SmoothGrad, Theorem 1) or clime instead");
    }
}
