package io.jxplain.io;

import io.jxplain.Names;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of outputs built beside its destination and swapped in only when it is complete: until
 * {@link #commit()}, the destination keeps its previous files as they were. Commit renames the old folder aside,
 * renames the new one into place and deletes the old one (two atomic renames: a crash between them leaves the old
 * folder whole under its aside name).
 * <p>
 * Only a folder that jxplain wrote is ever replaced: one that does not exist, is empty, or holds the
 * {@value #MARKER} that every jxplain output folder carries (naming the jxplain version). Any other folder is
 * refused when staging starts, before any work, so that {@code --out ~/Documents} never deletes a user's files.
 */
public final class StagedFolder implements Closeable {
    /** The file that marks a folder as jxplain's output: its provenance, naming the version that wrote it. */
    public static final String MARKER = "provenance.json";
    private static final String MARKER_KEY = "\"jxplain_version\"";

    private enum State { OPEN, COMMITTED, DISCARDED, KEPT }

    private final Path destination;
    private final Path temporary;
    private State state = State.OPEN;

    private StagedFolder(Path destination, Path temporary) {
        this.destination = destination;
        this.temporary = temporary;
    }

    /**
     * Starts a new version of the folder {@code destination}.
     *
     * @throws FileAlreadyExistsException naming the problem, when the destination is a file or a folder jxplain did
     *                                    not write
     */
    public static StagedFolder create(Path destination) throws IOException {
        Path target = destination.toAbsolutePath().normalize();
        requireReplaceable(target);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Temporaries.removeStale(parent, target.getFileName().toString());
        Path temporary = Temporaries.newName(parent, target.getFileName().toString(), ".tmp");
        Files.createDirectory(temporary);
        return new StagedFolder(target, temporary);
    }

    /**
     * Throws unless {@code folder} may be replaced by a jxplain output: absent, empty, or marked as one.
     */
    public static void requireReplaceable(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new FileAlreadyExistsException(folder.toString(), null,
                    "is a file; this output is a folder: give a folder name");
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
        }
        if (names.isEmpty() || isMarked(folder)) {
            return;
        }
        names.sort(null);
        throw new FileAlreadyExistsException(folder.toString(), null, "exists and holds files jxplain did not write ("
                + Names.shortList(names) + "); replacing it would delete them: choose a new folder, or empty this one");
    }

    private static boolean isMarked(Path folder) throws IOException {
        Path marker = folder.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(marker)) {
            String head = new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8);
            return head.contains(MARKER_KEY);
        }
    }

    /** The folder this will replace (absolute). */
    public Path destination() {
        return destination;
    }

    /** The folder being filled: write every output here. */
    public Path path() {
        return temporary;
    }

    /** Swaps the filled folder into place. Afterwards this does nothing. */
    public synchronized void commit() throws IOException {
        requireOpen();
        Path parent = destination.getParent();
        if (Files.exists(destination)) {
            requireReplaceable(destination); // checked again: something may have appeared there meanwhile
            Path aside = Temporaries.newName(parent, destination.getFileName().toString(), ".old");
            Files.move(destination, aside, StandardCopyOption.ATOMIC_MOVE);
            Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE);
            state = State.COMMITTED;
            Temporaries.forceFolder(parent);
            Temporaries.deleteRecursively(aside);
        } else {
            Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE);
            state = State.COMMITTED;
            Temporaries.forceFolder(parent);
        }
    }

    /** Moves what was written so far to {@code keep} (never replacing anything); returns where it went. */
    public synchronized Path keepAs(Path keep) throws IOException {
        requireOpen();
        Path target = Temporaries.moveToFreeName(temporary, keep);
        state = State.KEPT;
        return target;
    }

    /** Deletes the folder being filled; the destination is untouched. Idempotent, never throws. */
    public synchronized void discard() {
        if (state != State.OPEN) {
            return;
        }
        state = State.DISCARDED;
        try {
            Temporaries.deleteRecursively(temporary);
        } catch (IOException ignored) {
            // a stale temporary is removed the next time this destination is staged
        }
    }

    @Override
    public void close() {
        discard();
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException(destination + ": this staged folder was already " + state.name().toLowerCase());
        }
    }
}
