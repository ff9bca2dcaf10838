package io.jxplain.cli.bench;

import io.jxplain.model.Model;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one {@link BenchCase} the way a benchmark harness would, but end to end: a warm-up until the speed settles,
 * then repeats until a minimum time has passed; the median wall time gives explanations per second. Also records the peak heap (over the
 * JVM's heap pools) and the results, so runs with different thread counts can be compared bit for bit.
 */
public final class EndToEndBench {
    /** One case at one thread count. */
    public record Result(BenchCase benchCase, int threads, int rows, int repeats, double medianSeconds,
                         double perSecond, long peakHeapBytes, double[] values) {
    }

    private static final int MAX_WARMUP_ROUNDS = 12;

    private EndToEndBench() {
    }

    public static Result measure(BenchCase c, Model model, Target target, DMatrixRMaj rows, long seed, int threads,
                                 double minSeconds) {
        // JIT warm-up on the batched path, in rounds of half the minimum time, until a round is no longer more than
        // 5% faster than the one before: on 2 busy cores C2 may need seconds for the SIMD kernels, and a fixed
        // warm-up then measured interpreted code (C-LIME n = 100 read 800/s or 11 000/s from run to run)
        double[] values = c.work().run(model, target, rows, seed, threads);
        double previous = Double.POSITIVE_INFINITY;
        for (int round = 0; round < MAX_WARMUP_ROUNDS; round++) {
            List<Double> roundTimes = new ArrayList<>();
            long roundStart = System.nanoTime();
            do {
                long t0 = System.nanoTime();
                values = c.work().run(model, target, rows, seed, threads);
                roundTimes.add((System.nanoTime() - t0) / 1e9);
            } while ((System.nanoTime() - roundStart) / 1e9 < minSeconds * 0.5);
            double typical = median(roundTimes);
            if (typical > 0.95 * previous) {
                break;
            }
            previous = typical;
        }
        resetPeaks();
        List<Double> times = new ArrayList<>();
        long start = System.nanoTime();
        while (times.size() < 3 || (System.nanoTime() - start) / 1e9 < minSeconds) {
            long t0 = System.nanoTime();
            double[] again = c.work().run(model, target, rows, seed, threads);
            times.add((System.nanoTime() - t0) / 1e9);
            if (!Arrays.equals(values, again)) {
                throw new IllegalStateException(c.name() + ": the same seed gave different results on a repeat");
            }
        }
        double median = median(times);
        return new Result(c, threads, rows.numRows, times.size(), median, rows.numRows / median, peakHeap(), values);
    }

    private static double median(List<Double> times) {
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
