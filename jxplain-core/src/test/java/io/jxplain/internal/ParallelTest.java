package io.jxplain.internal;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTest {
    @Test
    void everyIndexRunsOnceOnAtMostTheGivenNumberOfThreads() {
        int[] hits = new int[1000];
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Parallel.forEachIndex(3, 1000, 3, i -> {
            hits[i]++;
            threads.add(Thread.currentThread());
        });
        for (int i = 0; i < 1000; i++) {
            assertEquals(i < 3 ? 0 : 1, hits[i], "index " + i);
        }
        assertTrue(threads.size() <= 3, threads.toString());
    }

    @Test
    void aFailureIsRethrownOnlyAfterEveryRunningIndexHasFinished() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.forEachIndex(0, 50, 4, i -> {
            running.incrementAndGet();
            try {
                if (i == 2) {
                    throw new IllegalArgumentException("row 2 failed");
                }
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            } finally {
                finished.incrementAndGet();
            }
        }));
        assertEquals("row 2 failed", e.getMessage());
        assertEquals(running.get(), finished.get(), "no index still running when the failure reaches the caller");
        assertTrue(finished.get() < 50, "no new index starts after the failure");
    }

    @Test
    void nestedCallsFromHelperThreadsComplete() {
        AtomicInteger sum = new AtomicInteger();
        Parallel.forEachIndex(0, 8, 2, i -> Parallel.forEachIndex(0, 10, 2, j -> sum.addAndGet(j)));
        assertEquals(8 * 45, sum.get());
    }
}
