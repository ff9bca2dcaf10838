package io.jxplain.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** The jxplain CLI in a child JVM (this test JVM's class path), for tests that signal or kill it. */
final class ChildJvm {
    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code jxplain args…}, its output (both streams) going to {@code log}; {@code shell} prefixes it. */
    static ChildJvm start(Path log, List<String> shellPrefix, String... args) throws IOException {
        return start(log, shellPrefix, List.of(), args);
    }

    /** As above, with options for the child JVM (e.g. a small heap). */
    static ChildJvm start(Path log, List<String> shellPrefix, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(shellPrefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildJvm(p, log);
    }

    static ChildJvm start(Path log, String... args) throws IOException {
        return start(log, List.of(), args);
    }

    /** Waits (at most two minutes) until {@code condition} holds while the process still runs; false if it ended. */
    boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (condition.getAsBoolean()) {
                return process.isAlive();
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** SIGTERM, as Ctrl-C or a scheduler's stop: the JVM runs its shutdown hooks. Returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        return exit();
    }

    /** SIGKILL: no hook, no clean-up. Returns the exit code. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return exit();
    }

    int exit() throws InterruptedException {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child JVM did not end");
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** The staged temporary files and folders beside {@code destination} (hidden, .NAME.jxplain-PID-K.tmp). */
    static List<Path> staged(Path destination) {
        String prefix = "." + destination.getFileName() + ".jxplain-";
        try (Stream<Path> s = Files.list(destination.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The first staged file beside {@code destination} whose text contains {@code text}. */
    static Optional<Path> stagedContaining(Path destination, String text) {
        for (Path p : staged(destination)) {
            try {
                if (Files.isRegularFile(p) && Files.readString(p).contains(text)) {
                    return Optional.of(p);
                }
            } catch (IOException e) {
                // renamed or deleted meanwhile
            }
        }
        return Optional.empty();
    }
}
