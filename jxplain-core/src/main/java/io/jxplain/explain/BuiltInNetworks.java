package io.jxplain.explain;

import io.jxplain.model.Model;
import io.jxplain.model.nn.Network;

/** For the methods defined through a network's layers (guided backprop, LRP): the model must be a built-in network. */
final class BuiltInNetworks {
    private BuiltInNetworks() {
    }

    static Network require(Explainer method, Model model) {
        if (model instanceof Network net) {
            return net;
        }
        throw new IllegalArgumentException(method.name() + " propagates through the layers of a built-in network; "
                + model.describe() + " is not one (use gradient or integrated-gradients instead)");
    }
}
