package io.jxplain.metric;

import io.jxplain.Setting;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.model.Target;
import io.jxplain.model.nn.DenseLayer;
import io.jxplain.model.nn.Network;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The model-parameter randomisation sanity check (Adebayo et al. 2018, as used by Yeh et al. 2019 §5): re-initialise
 * the top layer (or the top k layers, cascading) of a built-in network and measure, per input, the Spearman rank
 * correlation between the explanations of the original and the randomised model, with and without absolute values.
 * A good explanation depends on the model: low correlation passes the check.
 */
public final class ParameterRandomisation {
    /** How many layers, from the top, are re-initialised. */
    public static final Setting<Integer> LAYERS = Setting.atLeast("randomised-layers", 1, 1,
            "randomisation: re-initialise the top K layers.").from("Adebayo et al. 2018");

    /** Mean Spearman correlation ± standard error over rows, signed and on absolute values, and per row. */
    public record Result(double meanSpearman, double standardError, double meanSpearmanAbs, double standardErrorAbs,
                         double[] perRow, double[] perRowAbs) {
    }

    private final int layers;

    private ParameterRandomisation(int layers) {
        LAYERS.check(layers);
        this.layers = layers;
    }

    /** A builder that re-initialises the last layer only, unless told more ({@link Builder#layers}). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ParameterRandomisation}. */
    public static final class Builder {
        private int layers = LAYERS.defaultValue();

        private Builder() {
        }

        /** Re-initialise the top k layers (cascading randomisation). */
        public Builder layers(int k) {
            this.layers = k;
            return this;
        }

        /** The check. */
        public ParameterRandomisation build() {
            return new ParameterRandomisation(layers);
        }
    }

    /** A copy of {@code net} whose top layers are drawn afresh as at initialisation: U(±1/√fan_in). */
    public Network randomise(Network net, long seed) {
        List<DenseLayer> all = net.layers();
        if (layers > all.size()) {
            throw new IllegalArgumentException("cannot randomise " + layers + " layers of a network with " + all.size()
                    + " dense layers (image layers are kept as trained)");
        }
        RandomGenerator rng = RandomStreams.stream(seed);
        List<DenseLayer> out = new ArrayList<>(all);
        for (int l = all.size() - layers; l < all.size(); l++) {
            DenseLayer layer = all.get(l);
            double bound = 1.0 / Math.sqrt(layer.inputSize());
            DMatrixRMaj w = new DMatrixRMaj(layer.outputSize(), layer.inputSize());
            for (int t = 0; t < w.data.length; t++) {
                w.data[t] = rng.nextDouble(-bound, bound);
            }
            double[] b = new double[layer.outputSize()];
            for (int t = 0; t < b.length; t++) {
                b[t] = rng.nextDouble(-bound, bound);
            }
            out.set(l, new DenseLayer(w, b, layer.activation()));
        }
        return new Network(net.imageLayers(), out, net.outputKind(), net.eluAlpha());
    }

    /** Rank correlations between the explanations of {@code net} and of its randomised copy, over {@code rows}. */
    public Result evaluate(Network net, Target target, Explainer explainer, DMatrixRMaj rows, long seed, int threads) {
        Network random = randomise(net, RandomStreams.childSeed(seed, -1));
        List<Explanation> a = explainer.explainAll(net, target, rows, seed, threads);
        List<Explanation> b = explainer.explainAll(random, target, rows, seed, threads);
        int n = rows.numRows;
        double[] signed = new double[n];
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) {
            signed[i] = spearman(a.get(i).attributions(), b.get(i).attributions());
            abs[i] = spearman(absolute(a.get(i).attributions()), absolute(b.get(i).attributions()));
        }
        return new Result(mean(signed), standardError(signed), mean(abs), standardError(abs), signed, abs);
    }

    /** Spearman's ρ: Pearson correlation of the ranks (ties share their mean rank); NaN if either is constant. */
    public static double spearman(double[] u, double[] v) {
        if (u.length != v.length || u.length < 2) {
            throw new IllegalArgumentException("Spearman correlation needs two vectors of the same length ≥ 2");
        }
        return pearson(ranks(u), ranks(v));
    }

    static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(v[p], v[q]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = rank;
            }
            i = j + 1;
        }
        return r;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    private static double[] absolute(double[] v) {
        double[] a = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = Math.abs(v[i]);
        }
        return a;
    }

    /** Mean over the finite entries. */
    private static double mean(double[] v) {
        double s = 0;
        int c = 0;
        for (double t : v) {
            if (!Double.isNaN(t)) {
                s += t;
                c++;
            }
        }
        return c == 0 ? Double.NaN : s / c;
    }

    private static double standardError(double[] v) {
        double m = mean(v);
        double s = 0;
        int c = 0;
        for (double t : v) {
            if (!Double.isNaN(t)) {
                s += (t - m) * (t - m);
                c++;
            }
        }
        return c < 2 ? Double.NaN : Math.sqrt(s / (c - 1) / c);
    }
}
