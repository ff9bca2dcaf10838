package io.jxplain.explain;

import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;
import java.util.Map;
import java.util.function.IntToLongFunction;
import java.util.random.RandomGenerator;

/** Vanilla gradient ∇f(x) ("saliency", Simonyan et al. 2014); with {@code abs}, its absolute value as Captum's Saliency. */
public final class Gradient extends BaseExplainer {
    private final boolean abs;

    private Gradient(boolean abs) {
        this.abs = abs;
    }

    /** A builder of the signed gradient (set {@link Builder#absolute} for |∇f|). */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether this is |∇f| (Captum's Saliency) rather than ∇f. */
    boolean isAbsolute() {
        return abs;
    }

    /** Builds a {@link Gradient}. */
    public static final class Builder {
        private boolean absolute;

        private Builder() {
        }

        /** |∂f/∂xⱼ|, the absolute gradient (saliency maps as Simonyan et al. draw them); off by default. */
        public Builder absolute(boolean on) {
            this.absolute = on;
            return this;
        }

        /** The explainer. */
        public Gradient build() {
            return new Gradient(absolute);
        }
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
        return oneRow(model, target, x);
    }

    @Override
    int modelRowsPerInstance(int d) {
        return 1;
    }

    @Override
    Attribution[] attributeRows(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                IntToLongFunction seedOf) {
        double[][] g = gradientsAt(this, model, target, rows, from, to);
        Attribution[] out = new Attribution[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = finish(g[i]);
        }
        return out;
    }

    private Attribution finish(double[] g) {
        if (abs) {
            for (int j = 0; j < g.length; j++) {
                g[j] = Math.abs(g[j]);
            }
        }
        return Attribution.exact(g, 1);
    }

    /** ∇f at rows [from, to), one array per row, in one batched, checked call. */
    static double[][] gradientsAt(BaseExplainer caller, Model model, Target target, DMatrixRMaj rows, int from, int to) {
        int d = rows.numCols;
        double[] g = gradientMatrix(caller, model, target, rows, from, to);
        double[][] out = new double[to - from][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOfRange(g, i * d, (i + 1) * d);
        }
        return out;
    }

    /** ∇f at rows [from, to) as one row-major (to − from)×d array, the caller's to change, in one batched, checked call. */
    static double[] gradientMatrix(BaseExplainer caller, Model model, Target target, DMatrixRMaj rows, int from,
                                   int to) {
        // a metric's perturbed points are explained whole: no copy then (the model does not change its input)
        DMatrixRMaj block = from == 0 && to == rows.numRows ? rows : CommonOps_DDRM.extract(rows, from, to, 0, rows.numCols);
        DMatrixRMaj g = BatchedEvaluation.gradients(caller.requireDifferentiable(model), target, block,
                BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL).gradients();
        int size = (to - from) * rows.numCols;
        return g.data.length == size ? g.data : Arrays.copyOf(g.data, size); // a model may return a roomier array
    }

    /** The gradient matrix itself: no object per row. */
    @Override
    AttributionMatrix attributeBlock(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                     IntToLongFunction seedOf) {
        double[] g = gradientMatrix(this, model, target, rows, from, to);
        if (abs) {
            for (int t = 0; t < g.length; t++) {
                g[t] = Math.abs(g[t]);
            }
        }
        return exactRows(g, to - from, rows.numCols);
    }

    /** Rows of an exact method's values (one model row each), as an attribution matrix. */
    static AttributionMatrix exactRows(double[] values, int n, int d) {
        long[] calls = new long[n];
        Arrays.fill(calls, 1L);
        return new AttributionMatrix(DMatrixRMaj.wrap(n, d, values), calls);
    }
}
