package io.jxplain.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on the terminal's error stream, redrawn at most ten times a second, silent when the
 * output is not a terminal (so logs and CI stay clean). Written by hand: one line of text does not justify a
 * terminal library and its native bits.
 */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;

    ProgressBar(PrintWriter err, String label, long total, boolean enabled) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
        this.enabled = enabled;
    }

    /** Shown when standard error is an interactive terminal. */
    static boolean terminalAttached() {
        return System.console() != null;
    }

    synchronized void advance(long steps) {
        done += steps;
        long now = System.nanoTime();
        if (enabled && (now - lastDraw > 100_000_000L || done >= total)) {
            lastDraw = now;
            draw(now);
        }
    }

    private void draw(long now) {
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double elapsed = (now - start) / 1e9;
        double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : Double.NaN;
        err.print(String.format(Locale.ROOT, "\r%s [%s%s] %d/%d %3.0f%% %.1fs elapsed, ETA %.1fs ", label,
                "=".repeat(filled), " ".repeat(WIDTH - filled), done, total, 100 * fraction, elapsed, eta));
        err.flush();
    }

    @Override
    public synchronized void close() {
        if (enabled) {
            draw(System.nanoTime());
            err.println();
            err.flush();
        }
    }
}
