package io.jxplain.io;

import io.jxplain.Names;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder of outputs built beside its destination and swapped in only when it is complete: until
 * {@link #commit()}, the destination keeps its previous files as they were. Commit renames the old folder aside,
 * renames the new one into place and deletes the old one (two atomic renames: a crash between them leaves the old
 * folder whole under its aside name).
 * <p>
 * Only what jxplain wrote is ever replaced: a folder that does not exist, is empty, or holds nothing but the files
 * listed in its {@value #MANIFEST} (written at commit: every file the folder received). Any other folder, including
 * a jxplain output to which someone has added a file, is refused when staging starts, before any work, so that
 * {@code --out ~/Documents} never deletes a user's files.
 */
public final class StagedFolder implements Closeable {
    /** The list of the files jxplain wrote into a folder, one relative path a line: what it may replace. */
    public static final String MANIFEST = ".jxplain-files";

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
     * Throws unless {@code folder} may be replaced by a jxplain output: absent, empty, or holding only the files its
     * manifest lists.
     */
    public static void requireReplaceable(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new FileAlreadyExistsException(folder.toString(), null,
                    "is a file; this output is a folder: give a folder name");
        }
        List<String> held = files(folder);
        if (held.isEmpty()) {
            return;
        }
        Path manifest = folder.resolve(MANIFEST);
        List<String> written = Files.isRegularFile(manifest) ? Files.readAllLines(manifest, StandardCharsets.UTF_8)
                : List.of();
        List<String> foreign = new ArrayList<>();
        for (String name : held) {
            if (!name.equals(MANIFEST) && !written.contains(name)) {
                foreign.add(name);
            }
        }
        if (foreign.isEmpty()) {
            return;
        }
        throw new FileAlreadyExistsException(folder.toString(), null, "exists and holds files jxplain did not write ("
                + Names.shortList(foreign) + "); replacing it would delete them: choose a new folder, or empty this one");
    }

    /** The files below {@code folder}, as sorted relative paths with '/' separators. */
    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> folder.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** Lists what the folder being filled holds, so that a later run knows these files, and only these, as its own. */
    private void writeManifest() throws IOException {
        List<String> held = new ArrayList<>(files(temporary));
        held.remove(MANIFEST);
        Files.write(temporary.resolve(MANIFEST), held, StandardCharsets.UTF_8);
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
        writeManifest();
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
        writeManifest();
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
