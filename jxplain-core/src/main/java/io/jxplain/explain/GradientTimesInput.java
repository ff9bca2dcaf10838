package io.jxplain.explain;

import io.jxplain.model.Model;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;

import java.util.Map;
import java.util.function.IntToLongFunction;
import java.util.random.RandomGenerator;

/** x ⊙ ∇f(x) (Shrikumar et al. 2016; Ancona et al. 2018), Captum's InputXGradient. */
public final class GradientTimesInput extends BaseExplainer {
    private GradientTimesInput() {
    }

    /** A builder of GradientTimesInput (it takes no settings). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GradientTimesInput}: Gradient × input, ∂f/∂xⱼ · xⱼ. */
    public static final class Builder {
        private Builder() {
        }

        /** The explainer. */
        public GradientTimesInput build() {
            return new GradientTimesInput();
        }
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
        return oneRow(model, target, x);
    }

    @Override
    int modelRowsPerInstance(int d) {
        return 1;
    }

    @Override
    Attribution[] attributeRows(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                IntToLongFunction seedOf) {
        double[][] g = Gradient.gradientsAt(this, model, target, rows, from, to);
        Attribution[] out = new Attribution[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = times(g[i], rows.data, (from + i) * rows.numCols);
        }
        return out;
    }

    /** The gradient matrix, times the inputs in place: no object per row. */
    @Override
    AttributionMatrix attributeBlock(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                     IntToLongFunction seedOf) {
        double[] g = Gradient.gradientMatrix(this, model, target, rows, from, to);
        int x = from * rows.numCols;
        for (int t = 0; t < g.length; t++) {
            g[t] *= rows.data[x + t];
        }
        return Gradient.exactRows(g, to - from, rows.numCols);
    }

    /** g ⊙ x, with x at {@code x[offset …]}. */
    private static Attribution times(double[] g, double[] x, int offset) {
        for (int j = 0; j < g.length; j++) {
            g[j] *= x[offset + j];
        }
        return Attribution.exact(g, 1);
    }
}
