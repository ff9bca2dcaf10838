package io.jxplain.explain;

import io.jxplain.model.Model;
import io.jxplain.model.Target;

import java.util.Map;
import java.util.random.RandomGenerator;

/** x ⊙ ∇f(x) (Shrikumar et al. 2016; Ancona et al. 2018), Captum's InputXGradient. */
public final class GradientTimesInput extends BaseExplainer {
    public static GradientTimesInput create() {
        return new GradientTimesInput();
    }

    @Override
    public String name() {
        return "gradient-x-input";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of();
    }

    @Override
    public boolean isStochastic() {
        return false;
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        double[] g = Gradient.gradientAt(this, model, target, x);
        for (int j = 0; j < g.length; j++) {
            g[j] *= x[j];
        }
        return Attribution.exact(g, 1);
    }
}
