package io.jxplain.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs independent indexed tasks on a given number of threads. Each index must write only its own result slot and
 * draw randomness only from its own stream, so results do not depend on the thread count.
 * The calling thread works too, with threads − 1 helpers from a pool kept per thread count (daemon threads, retired
 * when idle): starting a pool per call cost more than explaining a hundred rows.
 */
public final class Parallel {
    private static final ConcurrentHashMap<Integer, ForkJoinPool> HELPERS = new ConcurrentHashMap<>();

    private Parallel() {
    }

    /**
     * Runs body for every index in [from, to) on at most {@code threads} threads, the caller's among them; the first
     * exception stops the handing out of indices and is rethrown once every thread has stopped.
     */
    public static void forEachIndex(int from, int to, int threads, IntConsumer body) {
        Checks.requirePositive("threads", threads);
        int workers = Math.min(threads, to - from);
        if (workers <= 1) {
            for (int i = from; i < to; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger(from);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> { // indices handed out one at a time: uneven rows balance themselves
            for (int i = next.getAndIncrement(); i < to && failure.get() == null; i = next.getAndIncrement()) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        };
        ForkJoinPool pool = HELPERS.computeIfAbsent(threads - 1, ForkJoinPool::new);
        List<ForkJoinTask<?>> helpers = new ArrayList<>(workers - 1);
        for (int w = 1; w < workers; w++) {
            helpers.add(pool.submit(worker));
        }
        worker.run();
        // Wait for every helper, also after a failure, so that nothing touches the caller's objects (e.g. a native
        // model session it is about to close) after this method returns or throws.
        for (ForkJoinTask<?> h : helpers) {
            h.join();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
