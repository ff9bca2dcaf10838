package io.jxplain.cli;

import io.jxplain.io.StagedFile;
import io.jxplain.io.StagedFolder;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one command writes, handled one way for every command (train, explain, evaluate, reproduce, bench,
 * demo):
 * <ul>
 * <li>no output may be, contain or be inside one of the run's inputs, nor overlap another output (checked with
 *     {@link Files#isSameFile}, so links and "./" spellings are caught), before any work starts;</li>
 * <li>each output is staged beside its destination ({@link StagedFile}, {@link StagedFolder}) and replaces it only at
 *     {@link #commit()}: a run that fails leaves every existing file as it was;</li>
 * <li>on SIGINT or SIGTERM, the finished part is marked incomplete ({@code "complete": false}) and committed, so an
 *     interrupted run keeps its work; on an error, a finished part worth keeping goes beside the destination as
 *     NAME.partial.EXT, never over it.</li>
 * </ul>
 */
final class RunOutputs implements Closeable {
    /** Writes the markers that say an output is incomplete (and why, for an error). */
    @FunctionalInterface
    interface Finisher {
        void markIncomplete(String reason) throws IOException;
    }

    private enum State { OPEN, COMMITTED, INTERRUPTED, FAILED }

    private final PrintWriter err;
    private final Map<Path, String> inputs = new LinkedHashMap<>();
    private final Map<Path, String> outputs = new LinkedHashMap<>();
    private final List<Closeable> staged = new ArrayList<>();
    private Finisher finisher;
    private Thread hook;
    private State state = State.OPEN;

    RunOutputs(PrintWriter err) {
        this.err = err;
    }

    /** A file or folder the run reads ({@code path} null or "-" for standard input: nothing to protect). */
    RunOutputs input(String option, Path path) {
        if (path != null && !path.toString().equals("-") && Files.exists(path)) {
            inputs.put(real(path), option);
        }
        return this;
    }

    /** Checks an output that something else writes (Spark's committer) against the inputs, without staging it. */
    void check(String option, Path path) {
        claim(option, path, false);
    }

    /** Stages the file {@code path}, named by {@code option} in messages, after checking it against the inputs. */
    StagedFile file(String option, Path path) throws IOException {
        return stage(option, path, false, StagedFile::create);
    }

    /** Stages the folder {@code path} (replaced only if jxplain wrote it), after checking it against the inputs. */
    StagedFolder folder(String option, Path path) throws IOException {
        return stage(option, path, true, StagedFolder::create);
    }

    /** How a staged output is started from its destination. */
    @FunctionalInterface
    private interface Stager<T> {
        T start(Path destination) throws IOException;
    }

    private <T extends Closeable> T stage(String option, Path path, boolean folder, Stager<T> stager)
            throws IOException {
        claim(option, path, folder);
        T output = stager.start(path);
        staged.add(output);
        installHook();
        return output;
    }

    /** On SIGINT/SIGTERM: mark the outputs incomplete, then commit them. */
    synchronized void whenInterrupted(Finisher markIncomplete) {
        this.finisher = markIncomplete;
        installHook();
    }

    /** On SIGINT/SIGTERM: without a finisher (nothing finished to keep) the staged outputs are discarded. */
    private synchronized void installHook() {
        if (hook == null && state == State.OPEN) {
            hook = new Thread(this::interrupted, "jxplain-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** The run succeeded: every output replaces its destination, in the order staged. */
    synchronized void commit() throws IOException {
        if (state != State.OPEN) {
            return;
        }
        commitAll();
        state = State.COMMITTED;
        removeHook();
    }

    /**
     * The run failed with {@code cause}. With {@code keep} (there is finished work), the outputs are marked incomplete
     * and kept beside their destinations as NAME.partial.EXT; otherwise discarded. Returns the exception to throw,
     * whose message says where the finished part went.
     */
    synchronized RuntimeException failed(Exception cause, boolean keep) {
        if (state != State.OPEN) {
            return unchecked(cause);
        }
        state = State.FAILED;
        removeHook();
        if (!keep || finisher == null) {
            discardAll();
            return unchecked(cause);
        }
        List<Path> kept = new ArrayList<>();
        try {
            finisher.markIncomplete("failed: " + UserErrors.describe(cause));
            for (Closeable c : staged) {
                if (c instanceof StagedFile f) {
                    kept.add(f.keepAs(partialName(f.destination())));
                } else if (c instanceof StagedFolder d) {
                    kept.add(d.keepAs(partialName(d.destination())));
                }
            }
        } catch (IOException | RuntimeException e) {
            discardAll();
            return unchecked(cause);
        }
        String destinations = String.join(", ", outputs.keySet().stream().map(Path::toString).toList());
        return new IllegalStateException(UserErrors.describe(cause) + " (the finished part is kept in "
                + kept.get(0) + (kept.size() > 1 ? " and beside it" : "") + "; " + destinations
                + (outputs.size() > 1 ? " are" : " is") + " unchanged)", cause);
    }

    /** Discards whatever was not committed. */
    @Override
    public synchronized void close() {
        if (state == State.OPEN) {
            state = State.FAILED;
            discardAll();
        }
        removeHook();
    }

    /** NAME.partial.EXT beside {@code destination} (results.csv → results.partial.csv; a folder → NAME.partial). */
    static Path partialName(Path destination) {
        String name = destination.getFileName().toString();
        int dot = name.indexOf('.', 1);
        return destination.resolveSibling(dot < 0 ? name + ".partial" : name.substring(0, dot) + ".partial"
                + name.substring(dot));
    }

    private synchronized void interrupted() {
        if (state != State.OPEN) {
            return;
        }
        state = State.INTERRUPTED;
        if (finisher == null) {
            discardAll(); // e.g. a model half trained: the previous file stays, no temporary is left
            return;
        }
        try {
            finisher.markIncomplete("interrupted");
            commitAll();
            err.println("jxplain: interrupted: the finished part is in " + String.join(", ",
                    outputs.keySet().stream().map(Path::toString).toList()) + ", marked \"complete\": false");
        } catch (IOException | RuntimeException e) {
            err.println("jxplain: interrupted; the finished part could not be saved: " + UserErrors.describe(e));
        }
        err.flush();
    }

    private void commitAll() throws IOException {
        for (Closeable c : staged) {
            if (c instanceof StagedFile f) {
                f.commit();
            } else if (c instanceof StagedFolder d) {
                d.commit();
            }
        }
    }

    private void discardAll() {
        for (Closeable c : staged) {
            try {
                c.close();
            } catch (IOException ignored) {
                // staged outputs discard quietly
            }
        }
    }

    private void removeHook() {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it sees the state and does nothing more
            }
            hook = null;
        }
    }

    /** Refuses an output that is, holds or lies inside an input, or overlaps another output. */
    private void claim(String option, Path path, boolean folder) {
        Path target = real(path);
        for (Map.Entry<Path, String> in : inputs.entrySet()) {
            Path input = in.getKey();
            if (target.equals(input) || sameFile(path, input)) {
                throw new IllegalArgumentException(option + " " + path + " is the " + in.getValue() + " file: jxplain"
                        + " never writes over its inputs; choose another name");
            }
            if (folder && input.startsWith(target)) {
                throw new IllegalArgumentException(option + " " + path + " holds the " + in.getValue() + " file "
                        + input + ": replacing the folder would delete it; choose another folder");
            }
            if (target.startsWith(input) && Files.isDirectory(input)) {
                throw new IllegalArgumentException(option + " " + path + " lies inside the " + in.getValue()
                        + " folder; write outputs elsewhere");
            }
        }
        for (Map.Entry<Path, String> out : outputs.entrySet()) {
            if (target.equals(out.getKey()) || target.startsWith(out.getKey()) || out.getKey().startsWith(target)) {
                throw new IllegalArgumentException(option + " " + path + " overlaps " + out.getValue() + " "
                        + out.getKey() + "; give each output its own place");
            }
        }
        outputs.put(target, option);
    }

    /** Whether both exist and are one file (a hard link included). */
    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The path with links resolved: the real path of its longest existing ancestor, then the rest as written
     * (normalised), so that two spellings of one file compare equal whether or not it exists yet.
     */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }

    private static RuntimeException unchecked(Exception e) {
        return e instanceof RuntimeException r ? r : new java.io.UncheckedIOException(e instanceof IOException io ? io
                : new IOException(e.getMessage(), e));
    }
}
