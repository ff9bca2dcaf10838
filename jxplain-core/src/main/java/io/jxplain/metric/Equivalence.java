package io.jxplain.metric;

import io.jxplain.Version;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.Provenance;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The L1 distance between two explainers at the same x (Agarwal et al. 2021 §6.2), each with its own stream: the
 * quantity of the unification paper's Figure 2. Its standard error is not defined for one x: average over points.
 */
public final class Equivalence implements Metric {
    private final Explainer other;

    private Equivalence(Explainer other) {
        this.other = other;
    }

    /** A builder comparing the evaluated explainer with {@code other} (it takes no settings). */
    public static Builder builder(Explainer other) {
        return new Builder(other);
    }

    /** Builds an {@link Equivalence}. */
    public static final class Builder {
        private final Explainer other;

        private Builder(Explainer other) {
            this.other = other;
        }

        /** The metric; refuses a missing second explainer. */
        public Equivalence build() {
            if (other == null) {
                throw new IllegalArgumentException("equivalence needs a second explainer");
            }
            return new Equivalence(other);
        }
    }

    @Override
    public String name() {
        return "equivalence";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("other", other.name());
        p.put("otherParameters", other.parameters());
        return p;
    }

    @Override
    public Estimate evaluate(Model model, Target target, Explainer explainer, double[] x, long seed) {
        Explanation a = explainer.explain(model, target, x, RandomStreams.childSeed(seed, 0));
        Explanation b = other.explain(model, target, x, RandomStreams.childSeed(seed, 1));
        Map<String, Object> p = parameters();
        p.put("explainer", explainer.name());
        return new Estimate(a.l1DistanceTo(b), Double.NaN, a.modelCalls() + b.modelCalls(), new Provenance(name(), p,
                model.describe(), target.toString(), seed, 2, Version.get()));
    }
}
