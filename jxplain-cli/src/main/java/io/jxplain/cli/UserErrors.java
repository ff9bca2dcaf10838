package io.jxplain.cli;

import io.jxplain.internal.HeapBudget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Map;

/** Turns an exception into the one line a user reads: the real cause, and for memory, a remedy that exists. */
final class UserErrors {
    /** What each command can do about memory, beyond giving the JVM more of it. */
    private static final Map<String, String> MEMORY_REMEDIES = Map.of(
            "train", "train a smaller network (--hidden, --conv) or on fewer rows",
            "explain", "read fewer rows (--max-rows), lower --max-rows-per-call, or use --engine spark",
            "evaluate", "read fewer rows (--max-rows) or lower --max-rows-per-call",
            "reproduce", "use fewer points (--points, --max-points)",
            "bench", "use fewer rows (--rows)");

    private UserErrors() {
    }

    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            e = u.getCause();
        }
        // Fork/join and executors rethrow a worker's exception wrapped in a copy whose message is the original's
        // toString(): report the original.
        while (e.getCause() != null && e.getCause() != e && String.valueOf(e.getMessage()).equals(e.getCause().toString())) {
            e = e.getCause();
        }
        if (e instanceof NoSuchFileException n) {
            return "file not found: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof NotDirectoryException n) {
            return n.getFile() + " is a file where a folder is needed";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getReason() != null ? f.getFile() + " " + f.getReason()
                    : "file exists and is in the way: " + f.getFile();
        }
        String message = e.getMessage();
        if (e instanceof IOException && message != null) {
            if (message.contains("No space left on device")) {
                return "no space left on the device while writing the outputs (" + message + ")";
            }
            if (message.contains("File too large")) {
                return "a file grew past this process's size limit (ulimit -f) while writing the outputs";
            }
            if (message.contains("Is a directory")) {
                return message.replace(" (Is a directory)", "") + " is a folder, not a file";
            }
        }
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.replace('\n', ' ');
    }

    /** The remedy for a memory problem in {@code command} (its name, or null when unknown). */
    static String memoryRemedy(String command) {
        String own = command == null ? null : MEMORY_REMEDIES.get(command);
        return (own == null ? "" : own + ", or ") + "give the JVM more memory: JXPLAIN_JAVA_OPTS=-Xmx8g (this one has "
                + HeapBudget.bytes(Runtime.getRuntime().maxMemory()) + ")";
    }
}
