package io.jxplain.bench;

import io.jxplain.random.NormalDraws;
import io.jxplain.random.RandomStreams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Standard normal draws, as a sampling explainer makes them: {@code count} draws from a fresh per-instance stream
 * (1 500 = SmoothGrad n = 100 on 15 features), by the JDK's {@code nextGaussian} (the baseline) and by jxplain's
 * {@link NormalDraws}. Nanoseconds per call; divide by count for a draw.
 * Run: {@code java -jar jxplain-bench/target/benchmarks.jar NormalSampling}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector") // -Djxplain.vector=false: plain kernels
public class NormalSamplingBenchmark {
    @Param({"1500"})
    public int count;

    private long seed;
    private double[] out;

    @org.openjdk.jmh.annotations.Setup
    public void setUp() {
        out = new double[count];
    }

    @Benchmark
    public double[] jdkNextGaussian() {
        RandomGenerator rng = RandomStreams.stream(seed++);
        for (int i = 0; i < count; i++) {
            out[i] = rng.nextGaussian();
        }
        return out;
    }

    @Benchmark
    public double[] jxplainNormalDraws() {
        NormalDraws.from(RandomStreams.stream(seed++)).next(out, 0, count);
        return out;
    }
}
