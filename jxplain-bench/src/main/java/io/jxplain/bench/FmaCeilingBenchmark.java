package io.jxplain.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The FP64 multiply–add rate this core reaches right now: twelve independent chains of vector FMAs on registers, no
 * memory, no dependency the FMA units would wait on. Each chain accumulates into its own register (a ← m·c + a, which
 * C2 emits as one vfmadd231pd; a ← a·m + c made it copy c into the destination first, a move per FMA on the same
 * ports, and halved the rate). The network's GFLOP/s in the same run, divided by this figure, is
 * the share of what the machine can actually deliver, which on a shared virtual core is well below the nominal peak
 * (another tenant on the sibling hyper-thread takes FMA issue slots). GFLOP/s = score × {@link #FLOPS_PER_CALL} / 1e9.
 * Run: {@code java -jar jxplain-bench/target/benchmarks.jar FmaCeiling}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class FmaCeilingBenchmark {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int STEPS = 1000;
    /** Twelve chains × STEPS FMAs × lanes × 2 flops. */
    public static final long FLOPS_PER_CALL = 12L * STEPS * SPECIES.length() * 2;

    private double start = 1.0;

    @Benchmark
    public double twelveChains() {
        DoubleVector m = DoubleVector.broadcast(SPECIES, 1e-3);
        DoubleVector c = DoubleVector.broadcast(SPECIES, 1e-3);
        DoubleVector a0 = DoubleVector.broadcast(SPECIES, start);
        DoubleVector a1 = a0.add(1.0);
        DoubleVector a2 = a0.add(2.0);
        DoubleVector a3 = a0.add(3.0);
        DoubleVector a4 = a0.add(4.0);
        DoubleVector a5 = a0.add(5.0);
        DoubleVector a6 = a0.add(6.0);
        DoubleVector a7 = a0.add(7.0);
        DoubleVector a8 = a0.add(8.0);
        DoubleVector a9 = a0.add(9.0);
        DoubleVector a10 = a0.add(10.0);
        DoubleVector a11 = a0.add(11.0);
        for (int s = 0; s < STEPS; s++) {
            a0 = m.fma(c, a0);
            a1 = m.fma(c, a1);
            a2 = m.fma(c, a2);
            a3 = m.fma(c, a3);
            a4 = m.fma(c, a4);
            a5 = m.fma(c, a5);
            a6 = m.fma(c, a6);
            a7 = m.fma(c, a7);
            a8 = m.fma(c, a8);
            a9 = m.fma(c, a9);
            a10 = m.fma(c, a10);
            a11 = m.fma(c, a11);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

}
