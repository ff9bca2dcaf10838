package io.jxplain.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/** Turns an exception into the one line a user reads. */
final class UserErrors {
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
        if (e instanceof FileAlreadyExistsException f) {
            return "file exists and is in the way: " + f.getFile();
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.replace('\n', ' ');
    }
}
