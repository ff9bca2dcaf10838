package io.jxplain.bench;

import io.jxplain.model.Target;
import io.jxplain.model.TargetGradients;
import io.jxplain.model.nn.Network;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.random.RandomGenerator;

/**
 * Batched forward and forward + input-gradient passes of the built-in networks. Scores are calls per second; rows/s
 * is score × batch and GFLOP/s is rows/s × 2 × {@link BenchNetworks#multiplyAddsPerRow()} (× 2 again for the
 * gradient, whose backward pass repeats the multiply–adds).
 * Run: {@code java -jar jxplain-bench/target/benchmarks.jar NetworkBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector") // -Djxplain.vector=false: plain kernels
public class NetworkBenchmark {
    @Param({"MLP_15", "MLP_64", "MNIST_CNN"})
    public BenchNetworks net;

    @Param({"1", "100", "1000", "5000"})
    public int batch;

    private Network network;
    private DMatrixRMaj rows;
    private final Target target = Target.probability(1);

    @Setup
    public void setUp() {
        network = net.network();
        RandomGenerator rng = RandomStreams.stream(7L);
        rows = new DMatrixRMaj(batch, network.inputSize());
        for (int t = 0; t < rows.data.length; t++) {
            rows.data[t] = rng.nextGaussian();
        }
    }

    @Benchmark
    public DMatrixRMaj forward() {
        return network.predict(rows);
    }

    @Benchmark
    public TargetGradients forwardAndInputGradient() {
        return network.targetGradients(target, rows);
    }
}
