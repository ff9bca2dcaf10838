package io.jxplain.cli;

import io.jxplain.Version;
import io.jxplain.io.StagedFolder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs a reproduction into a folder staged beside --out and swapped in when it ends: a failed run leaves the previous
 * report as it was (its finished figures kept beside it as NAME.partial), an interrupted one replaces it with the
 * figures done so far, marked "complete": false in provenance.json.
 */
final class ReproductionOutput {
    /** The reproduction itself, writing into the folder it is given; returns its index page there. */
    @FunctionalInterface
    interface Work {
        /** Runs into {@code folder}, telling its progress through {@code log}; returns the index page. */
        Path run(Path folder, Consumer<String> log) throws Exception;
    }

    private ReproductionOutput() {
    }

    private static boolean holdsFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs {@code work} into a staged {@code out}; {@code arguments} (the command line) go into provenance.json with
     * the version, the wall time and, last, whether the run completed.
     */
    static int run(String name, Path dataDir, Path out, List<String> arguments, PrintWriter stdout, PrintWriter err,
                   Work work) throws Exception {
        try (RunOutputs outputs = new RunOutputs(err)) {
            outputs.input("--data-dir", dataDir);
            StagedFolder folder = outputs.folder("--out", out);
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("command", "reproduce " + name);
            provenance.put("arguments", arguments);
            provenance.put("jxplain_version", Version.get());
            outputs.whenInterrupted(reason -> Provenance.write(folder.path(), provenance, false, reason));
            // the experiment names the folder it writes: the staged one, which becomes --out when the run ends
            boolean[] told = new boolean[1];
            Consumer<String> log = line -> {
                if (!told[0] && line.contains(folder.path().toString())) {
                    told[0] = true;
                    stdout.println("(the results go to " + folder.path() + " while the run lasts, and become " + out
                            + " when it ends)");
                }
                stdout.println(line);
            };
            long start = System.nanoTime();
            Path index;
            try {
                index = work.run(folder.path(), log);
                double seconds = (System.nanoTime() - start) / 1e9;
                provenance.put("wall_seconds", Math.round(seconds * 10) / 10.0);
                Provenance.write(folder.path(), provenance, true, null);
                outputs.commit();
            } catch (Exception e) {
                throw outputs.failed(e, holdsFiles(folder.path()));
            }
            stdout.printf(Locale.ROOT, "done in %.1f s; open %s%n", (System.nanoTime() - start) / 1e9,
                    out.resolve(folder.path().relativize(index)));
            return 0;
        }
    }
}
