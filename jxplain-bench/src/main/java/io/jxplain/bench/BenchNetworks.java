package io.jxplain.bench;

import io.jxplain.model.OutputKind;
import io.jxplain.model.nn.Activation;
import io.jxplain.model.nn.ImageNetworks;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkBuilder;

/** The networks the benchmarks name, with their multiply–adds per row for GFLOP/s figures. */
public enum BenchNetworks {
    /** The unification paper's MLP: 15→10→10→2 ELU. */
    MLP_15(NetworkBuilder.tabular(15).dense(10, Activation.ELU).dense(10, Activation.ELU).dense(2, Activation.IDENTITY)
            .build(OutputKind.LOGITS, 1L), 15 * 10 + 10 * 10 + 10 * 2),
    /** A wider MLP: 64→256→256→10 ELU. */
    MLP_64(NetworkBuilder.tabular(64).dense(256, Activation.ELU).dense(256, Activation.ELU).dense(10, Activation.IDENTITY)
            .build(OutputKind.LOGITS, 1L), 64 * 256 + 256 * 256 + 256 * 10),
    /** The ready-made MNIST CNN (untrained weights: speed does not depend on them). */
    MNIST_CNN(ImageNetworks.mnist(1L), 24 * 24 * 8 * 25 + 8 * 8 * 16 * 8 * 25 + 256 * 10);

    private final Network network;
    private final long multiplyAddsPerRow;

    BenchNetworks(Network network, long multiplyAddsPerRow) {
        this.network = network;
        this.multiplyAddsPerRow = multiplyAddsPerRow;
    }

    public Network network() {
        return network;
    }

    /** Weight multiply–adds of one forward pass of one row; a backward pass costs about the same again. */
    public long multiplyAddsPerRow() {
        return multiplyAddsPerRow;
    }
}
