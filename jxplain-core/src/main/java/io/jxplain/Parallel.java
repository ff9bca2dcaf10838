package io.jxplain;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs independent indexed tasks on a pool of a given size. Each index must write only its own result slot and draw
 * randomness only from its own stream, so results do not depend on the thread count.
 */
public final class Parallel {
    private Parallel() {
    }

    public static void forEachIndex(int from, int to, int threads, IntConsumer body) {
        Checks.requirePositive("threads", threads);
        if (threads == 1 || to - from <= 1) {
            for (int i = from; i < to; i++) {
                body.accept(i);
            }
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(from, to).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            // When one index fails, others may still be running: wait for them, so that nothing touches the caller's
            // objects (e.g. a native model session it is about to close) after this method returns or throws.
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
