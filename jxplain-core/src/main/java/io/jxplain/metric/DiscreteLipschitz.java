package io.jxplain.metric;

import io.jxplain.Setting;
import io.jxplain.internal.Checks;
import io.jxplain.internal.Parallel;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * The discrete local Lipschitz estimate over a data set (Alvarez-Melis &amp; Jaakkola 2018, Eq. 2): for each xᵢ,
 * the largest ‖φ(xᵢ) − φ(xⱼ)‖₂ / ‖xᵢ − xⱼ‖₂ over the other points xⱼ with ‖xᵢ − xⱼ‖₂ ≤ ε, optionally of the same
 * class. A point with no neighbour gets NaN. Explanations are computed once, row i from the stream (seed, i).
 */
public final class DiscreteLipschitz {
    /** Neighbours are the data points within this L2 distance. */
    public static final Setting<Double> EPSILON = Setting.positive("discrete-epsilon", 0.1,
            "discrete-lipschitz: neighbours within this L2 distance.").from("Alvarez-Melis & Jaakkola 2018 Eq. 2");
    /** Whether only neighbours of the same class count (needs labels). */
    public static final Setting<Boolean> SAME_CLASS = Setting.flag("same-class",
            "discrete-lipschitz: only neighbours of the same class (needs the target column).");

    /** Per-point values (NaN without a neighbour), the worst pair and its value, and the explanations used. */
    public record Result(double[] perPoint, int worstI, int worstJ, double worst, List<Explanation> explanations) {
        /** Points that had at least one neighbour. */
        public int pointsWithNeighbours() {
            int c = 0;
            for (double v : perPoint) {
                if (!Double.isNaN(v)) {
                    c++;
                }
            }
            return c;
        }
    }

    private final double epsilon;
    private final boolean sameClass;

    private DiscreteLipschitz(double epsilon, boolean sameClass) {
        EPSILON.check(epsilon);
        this.epsilon = epsilon;
        this.sameClass = sameClass;
    }

    /** A builder: neighbours within L2 distance {@link #EPSILON}'s default, of any class. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DiscreteLipschitz}. */
    public static final class Builder {
        private double epsilon = EPSILON.defaultValue();
        private boolean sameClass = SAME_CLASS.defaultValue();

        private Builder() {
        }

        /** Neighbours are the data points within this L2 distance. */
        public Builder epsilon(double e) {
            this.epsilon = e;
            return this;
        }

        /** Only neighbours with the same label count (the paper's variant for classifiers; needs labels). */
        public Builder sameClass(boolean on) {
            this.sameClass = on;
            return this;
        }

        /** The estimate. */
        public DiscreteLipschitz build() {
            return new DiscreteLipschitz(epsilon, sameClass);
        }
    }

    /**
     * @param labels the points' classes (needed with {@link Builder#sameClass}), or null
     */
    public Result evaluate(Model model, Target target, Explainer explainer, DMatrixRMaj rows, int[] labels, long seed,
                           int threads) {
        Checks.requireRows("rows", rows, model.inputSize());
        if (sameClass && (labels == null || labels.length != rows.numRows)) {
            throw new IllegalArgumentException("same-class filtering needs one label per row");
        }
        List<Explanation> phi = explainer.explainAll(model, target, rows, seed, threads);
        int n = rows.numRows;
        int d = rows.numCols;
        double[] perPoint = new double[n];
        int[] partner = new int[n];
        Parallel.forEachIndex(0, n, threads, i -> {
            double best = Double.NaN;
            int arg = -1;
            for (int j = 0; j < n; j++) {
                if (j == i || sameClass && labels[i] != labels[j]) {
                    continue;
                }
                double dx = 0;
                for (int k = 0; k < d; k++) {
                    double t = rows.data[i * d + k] - rows.data[j * d + k];
                    dx += t * t;
                }
                dx = Math.sqrt(dx);
                if (dx > epsilon || dx == 0) {
                    continue;
                }
                double[] a = phi.get(i).attributions();
                double[] b = phi.get(j).attributions();
                double de = 0;
                for (int k = 0; k < a.length; k++) {
                    de += (a[k] - b[k]) * (a[k] - b[k]);
                }
                double ratio = Math.sqrt(de) / dx;
                if (Double.isNaN(best) || ratio > best) {
                    best = ratio;
                    arg = j;
                }
            }
            perPoint[i] = best;
            partner[i] = arg;
        });
        int worstI = -1;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(perPoint[i]) && (worstI < 0 || perPoint[i] > perPoint[worstI])) {
                worstI = i;
            }
        }
        return new Result(perPoint, worstI, worstI < 0 ? -1 : partner[worstI],
                worstI < 0 ? Double.NaN : perPoint[worstI], phi);
    }
}
