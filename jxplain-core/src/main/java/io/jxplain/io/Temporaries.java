package io.jxplain.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Names of staged outputs ({@code .NAME.jxplain-PID-K.tmp}, hidden beside their destination), the clean-up of those
 * that a killed process left, and the file-system steps that staging shares.
 */
final class Temporaries {
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong COUNTER = new AtomicLong();

    private Temporaries() {
    }

    /** A fresh name beside {@code name} in {@code folder}, owned by this process. */
    static Path newName(Path folder, String name, String suffix) {
        return folder.resolve(prefix(name) + PID + "-" + COUNTER.incrementAndGet() + suffix);
    }

    private static String prefix(String name) {
        return "." + name + ".jxplain-";
    }

    /**
     * Deletes the {@code .tmp} files and folders staged for {@code name} by processes that no longer run (killed
     * before they could commit or discard). Those of live processes, and anything else, are left alone.
     */
    static void removeStale(Path folder, String name) {
        String prefix = prefix(name);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp");
        })) {
            for (Path stale : entries) {
                String rest = stale.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != PID && ProcessHandle.of(pid).isEmpty()) {
                    deleteRecursively(stale);
                }
            }
        } catch (IOException ignored) {
            // clean-up is a courtesy: staging itself reports real problems
        }
    }

    /** Forces a folder's entries to disk (after a rename), where the file system allows it. */
    static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every file system can open a folder as a channel; the rename itself was atomic
        }
    }

    /** Moves {@code source} to {@code wanted}, or to "NAME-2.EXT", "NAME-3.EXT", … if taken; never replaces. */
    static Path moveToFreeName(Path source, Path wanted) throws IOException {
        for (int k = 1; ; k++) {
            Path target = k == 1 ? wanted : numbered(wanted, k);
            try {
                return Files.move(source, target);
            } catch (FileAlreadyExistsException taken) {
                if (k > 1000) {
                    throw taken;
                }
            }
        }
    }

    private static Path numbered(Path path, int k) {
        String name = path.getFileName().toString();
        int dot = name.indexOf('.', 1);
        String numbered = dot < 0 ? name + "-" + k : name.substring(0, dot) + "-" + k + name.substring(dot);
        return path.resolveSibling(numbered);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
