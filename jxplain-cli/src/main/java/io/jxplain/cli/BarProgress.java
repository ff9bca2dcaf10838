package io.jxplain.cli;

import io.jxplain.experiments.Progress;

import java.io.PrintWriter;

/** Shows an experiment's stages as successive progress bars on the terminal. */
final class BarProgress implements Progress {
    private final PrintWriter err;
    private final boolean enabled;
    private ProgressBar bar;

    BarProgress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public synchronized void begin(String stage, long total) {
        bar = new ProgressBar(err, stage, total, enabled);
    }

    @Override
    public void advance(long steps) {
        ProgressBar b;
        synchronized (this) {
            b = bar;
        }
        if (b != null) {
            b.advance(steps);
        }
    }

    @Override
    public synchronized void end() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
