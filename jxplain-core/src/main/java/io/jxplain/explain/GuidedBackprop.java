package io.jxplain.explain;

import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import org.ejml.data.DMatrixRMaj;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Guided backpropagation (Springenberg et al. 2015) on a built-in network: the gradient, with negative signals
 * cut at every ReLU on the way back. Defined for ReLU networks; on ELU, tanh or sigmoid layers it keeps the ordinary
 * derivative (as Captum's GuidedBackprop, which only overrides ReLU), so on a network without ReLU it is the
 * gradient.
 */
public final class GuidedBackprop extends BaseExplainer {
    private GuidedBackprop() {
    }

    /** A builder of GuidedBackprop (it takes no settings). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GuidedBackprop}: Guided backpropagation through a built-in network's ReLU layers. */
    public static final class Builder {
        private Builder() {
        }

        /** The explainer. */
        public GuidedBackprop build() {
            return new GuidedBackprop();
        }
    }

    @Override
    public String name() {
        return "guided-backprop";
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
        Network net = BuiltInNetworks.require(this, model);
        DMatrixRMaj row = DMatrixRMaj.wrap(1, x.length, x.clone());
        DMatrixRMaj seeds = new DMatrixRMaj(1, net.outputSize());
        target.valuesAndSeeds(net.outputKind(), net.predict(row), new double[1], seeds);
        return Attribution.exact(net.guidedBackward(row, seeds).data, 1);
    }
}
