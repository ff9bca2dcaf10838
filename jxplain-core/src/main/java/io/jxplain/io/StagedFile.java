package io.jxplain.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written beside its destination and moved over it only when it is complete, as {@code sort -o} and
 * databases do: until {@link #commit()}, the destination keeps its previous content byte for byte, whatever happens
 * to this process (an error, a full disk, SIGKILL). Commit flushes, forces the bytes to disk, then renames the
 * temporary file over the destination in one atomic step and forces the folder's entry.
 * <p>
 * The temporary file is a hidden sibling, {@code .NAME.jxplain-PID-K.tmp}; one that a killed process left behind is
 * deleted the next time its destination is staged. Closing a file that was not committed discards it.
 */
public final class StagedFile implements Closeable {
    /** What a caller writes into a staged file. */
    @FunctionalInterface
    public interface Content {
        /** Writes the file's bytes to {@code out} (the staged temporary file). */
        void writeTo(OutputStream out) throws IOException;
    }

    private enum State { OPEN, COMMITTED, DISCARDED, KEPT }

    private final Path destination;
    private final Path temporary;
    private final FileChannel channel;
    private final OutputStream stream;
    private State state = State.OPEN;

    private StagedFile(Path destination, Path temporary, FileChannel channel) {
        this.destination = destination;
        this.temporary = temporary;
        this.channel = channel;
        this.stream = new BufferedOutputStream(new Unclosable(Channels.newOutputStream(channel)), 1 << 16);
    }

    /** Starts a new version of {@code destination}; creates its folder if needed. */
    public static StagedFile create(Path destination) throws IOException {
        Path target = destination.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "is a folder, not a file");
        }
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Temporaries.removeStale(folder, target.getFileName().toString());
        Path temporary = Temporaries.newName(folder, target.getFileName().toString(), ".tmp");
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new StagedFile(target, temporary, channel);
    }

    /** Writes {@code content} to {@code destination} as one atomic replacement. */
    public static void write(Path destination, Content content) throws IOException {
        try (StagedFile file = create(destination)) {
            content.writeTo(file.stream());
            file.commit();
        }
    }

    /** What a caller writes as UTF-8 text into a staged file. */
    @FunctionalInterface
    public interface Text {
        /** Writes the file's text to {@code out} (UTF-8, the staged temporary file). */
        void writeTo(java.io.Writer out) throws IOException;
    }

    /**
     * Writes {@code text}'s UTF-8 output to {@code destination} as one atomic replacement; the writer it is given may
     * be closed by it (a CSV printer does) without ending the staging.
     */
    public static void writeText(Path destination, Text text) throws IOException {
        write(destination, out -> {
            java.io.Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            text.writeTo(new java.io.FilterWriter(writer) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            writer.flush();
        });
    }

    /** Writes {@code text} as UTF-8 to {@code destination} as one atomic replacement. */
    public static void writeString(Path destination, CharSequence text) throws IOException {
        write(destination, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The file this will replace (absolute). */
    public Path destination() {
        return destination;
    }

    /** The temporary file being written. */
    public Path temporary() {
        return temporary;
    }

    /** The stream into the temporary file (buffered; closing it does not end the staging). */
    public OutputStream stream() {
        return stream;
    }

    /** Whether {@link #commit()} has moved the file into place. */
    public synchronized boolean committed() {
        return state == State.COMMITTED;
    }

    /** Flushes, forces to disk and renames over the destination. Afterwards this does nothing. */
    public synchronized void commit() throws IOException {
        requireOpen();
        try {
            finishWriting();
            Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            discardQuietly();
            throw e;
        }
        state = State.COMMITTED;
        Temporaries.forceFolder(destination.getParent());
    }

    /**
     * Moves what was written so far to {@code keep} (a new name beside the destination, for a failed run's finished
     * part) instead of the destination; returns where it went: {@code keep}, or {@code keep} with "-2", "-3", … before
     * its extension when that name is taken, so that no file is ever replaced.
     */
    public synchronized Path keepAs(Path keep) throws IOException {
        requireOpen();
        finishWriting();
        Path target = Temporaries.moveToFreeName(temporary, keep);
        state = State.KEPT;
        return target;
    }

    /** Deletes the temporary file; the destination is untouched. Idempotent, never throws. */
    public synchronized void discard() {
        if (state == State.OPEN) {
            discardQuietly();
        }
    }

    @Override
    public void close() {
        discard();
    }

    private void finishWriting() throws IOException {
        stream.flush();
        channel.force(true);
        channel.close();
    }

    private void discardQuietly() {
        state = State.DISCARDED;
        try {
            channel.close();
        } catch (IOException ignored) {
            // deleting is what matters
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // a stale temporary is removed the next time this destination is staged
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException(destination + ": this staged file was already " + state.name().toLowerCase());
        }
    }

    /** Lets writers (CSV, JSON) close their stream without closing the channel that commit still needs. */
    private static final class Unclosable extends java.io.FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
