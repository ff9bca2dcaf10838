package io.jxplain.model;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Guards a native model session (ONNX Runtime, PyTorch): calls run concurrently, {@link #close} waits for the calls in
 * progress and then frees the session once, and a call after close fails with a message instead of crashing the JVM.
 */
public final class NativeLifecycle {
    private final String what;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /** {@code what} names the model in the "is closed" message. */
    public NativeLifecycle(String what) {
        this.what = what;
    }

    /** Runs {@code call} unless the session is closed. */
    public <T> T call(Supplier<T> call) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(what + " is closed");
            }
            return call.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Frees the session with {@code free} once, after every call in progress has returned. */
    public void close(Runnable free) {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                free.run();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
