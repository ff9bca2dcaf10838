package io.jxplain.explain;

import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;

import java.util.Map;
import java.util.random.RandomGenerator;

/** Vanilla gradient ∇f(x) ("saliency", Simonyan et al. 2014); with {@code abs}, its absolute value as Captum's Saliency. */
public final class Gradient extends BaseExplainer {
    private final boolean abs;

    private Gradient(boolean abs) {
        this.abs = abs;
    }

    /** The signed gradient. */
    public static Gradient create() {
        return new Gradient(false);
    }

    /** |∇f(x)| elementwise. */
    public static Gradient absolute() {
        return new Gradient(true);
    }

    @Override
    public String name() {
        return "gradient";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("abs", abs);
    }

    @Override
    public boolean isStochastic() {
        return false;
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        double[] g = gradientAt(this, model, target, x);
        if (abs) {
            for (int j = 0; j < g.length; j++) {
                g[j] = Math.abs(g[j]);
            }
        }
        return Attribution.exact(g, 1);
    }

    /** ∇f(x) for one input, through the batched, checked path. */
    static double[] gradientAt(BaseExplainer caller, Model model, Target target, double[] x) {
        DMatrixRMaj row = DMatrixRMaj.wrap(1, x.length, x.clone());
        return BatchedEvaluation.gradients(caller.requireDifferentiable(model), target, row, 1).gradients().data;
    }
}
