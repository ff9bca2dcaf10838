package io.jxplain.bench;

import io.jxplain.explain.LeastSquares;
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
 * The least-squares core as C-LIME uses it (intercept, HC3 standard errors) at n × (d + 1) = 1000 × 16, 5000 × 65
 * and 2000 × 401 (a wide fit, as on images: the one that went to QR while the conditioning test multiplied the
 * factor's diagonal ratios). Scores are fits per second.
 * Run: {@code java -jar jxplain-bench/target/benchmarks.jar LeastSquares}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector") // -Djxplain.vector=false: plain kernels
public class LeastSquaresBenchmark {
    @Param({"1000x15", "5000x64", "2000x400"})
    public String shape;

    private DMatrixRMaj design;
    private double[] y;

    @Setup
    public void setUp() {
        String[] parts = shape.split("x");
        int n = Integer.parseInt(parts[0]);
        int d = Integer.parseInt(parts[1]);
        RandomGenerator rng = RandomStreams.stream(3L);
        design = new DMatrixRMaj(n, d);
        y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                design.data[i * d + j] = rng.nextGaussian();
                y[i] += 0.1 * j * design.data[i * d + j];
            }
            y[i] += rng.nextGaussian();
        }
    }

    @Benchmark
    public LeastSquares.Fit withIntercept() {
        return LeastSquares.of(design, y).withIntercept().fit();
    }
}
