package io.jxplain.bench;

import io.jxplain.explain.ContinuousLime;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.Gradient;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.random.RandomStreams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Single-instance latency, as a serving call sees it: one {@code explain} of one input on the paper's MLP
 * (15→10→10→2 ELU), microseconds per call. Run: {@code java -jar jxplain-bench/target/benchmarks.jar ExplainLatency}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector") // -Djxplain.vector=false: plain kernels
public class ExplainLatencyBenchmark {
    @Param({"smoothgrad-100", "clime-100", "gradient"})
    public String method;

    private Network network;
    private Explainer explainer;
    private double[] x;
    private long seed;

    @Setup
    public void setUp() {
        network = BenchNetworks.MLP_15.network();
        explainer = switch (method) {
            case "smoothgrad-100" -> SmoothGrad.builder().samples(100).sigma2(1.0).build();
            case "clime-100" -> ContinuousLime.builder().samples(100).sigma2(1.0).build();
            default -> Gradient.builder().build();
        };
        RandomGenerator rng = RandomStreams.stream(5L);
        x = new double[network.inputSize()];
        for (int j = 0; j < x.length; j++) {
            x[j] = rng.nextGaussian();
        }
    }

    @Benchmark
    public Explanation explainOne() {
        return explainer.explain(network, Target.probability(1), x, seed++); // a new seed per call, as requests differ
    }
}
