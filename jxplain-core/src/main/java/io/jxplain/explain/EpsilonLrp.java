package io.jxplain.explain;

import io.jxplain.Setting;
import io.jxplain.internal.Checks;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import org.ejml.data.DMatrixRMaj;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * ε-LRP (Bach et al. 2015, the ε-rule) on a built-in network: relevance starts at the explained output's raw value
 * and flows back through every dense layer in proportion to each input's contribution aₖwⱼₖ, stabilised by ε
 * (default 1e-4, DeepExplain's, which Alvarez-Melis &amp; Jaakkola used). Relevance is conserved only through linear
 * maps, so a probability target is explained through its logit (the last layer's raw output for that class).
 * Activations pass relevance unchanged, whatever they are.
 */
public final class EpsilonLrp extends BaseExplainer {
    /** The stabiliser ε added to each layer's denominators. */
    public static final Setting<Double> EPSILON = Setting.positive("epsilon", 1e-4,
            "Stabiliser of the epsilon rule.").from("Bach et al. 2015");
    private final double epsilon;

    private EpsilonLrp(double epsilon) {
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be ≥ 0 and finite, got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    /** A builder of ε-LRP, with ε = {@link #EPSILON}'s default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link EpsilonLrp}. */
    public static final class Builder {
        private double epsilon = EPSILON.defaultValue();

        private Builder() {
        }

        /** The stabiliser ε (≥ 0, finite). */
        public Builder epsilon(double e) {
            this.epsilon = e;
            return this;
        }

        /** The explainer. */
        public EpsilonLrp build() {
            return new EpsilonLrp(epsilon);
        }
    }

    @Override
    public String name() {
        return "epsilon-lrp";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("epsilon", epsilon);
    }

    @Override
    public boolean isStochastic() {
        return false;
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        Network net = BuiltInNetworks.require(this, model);
        Checks.requireVector("x", x, net.inputSize());
        DMatrixRMaj row = DMatrixRMaj.wrap(1, x.length, x.clone());
        DMatrixRMaj start = new DMatrixRMaj(1, net.outputSize());
        int c = target.index();
        start.data[c] = net.rawOutputs(row).data[c];
        return Attribution.exact(net.relevance(row, start, epsilon).data, 1);
    }
}
