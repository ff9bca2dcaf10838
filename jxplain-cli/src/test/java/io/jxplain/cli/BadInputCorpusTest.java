package io.jxplain.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed bad-input corpus (fixtures/bad-inputs/cases.tsv): every case's exit code and the words of its message,
 * one line, no stack trace or raw internal text, every input file unchanged and nothing staged left behind.
 */
class BadInputCorpusTest {
    private static final Path FIXTURES = Path.of(System.getProperty("user.dir")).getParent().resolve("fixtures");
    /** What a message a user reads must never show: internals instead of the cause. */
    private static final Pattern RAW = Pattern.compile("(?i)(exception|java\\.|\\bnull\\b|illegal capacity|\\tat |"
            + "^jxplain: error: -?\\d+$|^jxplain: error: \\S+$)");
    private static final Pattern STAGED = Pattern.compile("\\..*\\.jxplain-\\d+-\\d+\\.(tmp|old)|.*\\.partial(\\..*)?");

    private static Path root;
    private static Path files;
    private static Path models;
    private static Map<String, String> inputs;

    record Case(String id, int exit, List<String> words, String command) {
    }

    @BeforeAll
    static void copyTheInputs() throws IOException {
        root = Files.createTempDirectory("jxplain-corpus");
        files = root.resolve("f");
        models = root.resolve("m");
        copy(FIXTURES.resolve("bad-inputs/files"), files);
        copy(FIXTURES.resolve("models"), models);
        inputs = digests();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGivesItsExitCodeAndMessageAndChangesNoInput() throws IOException {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 150, "the corpus holds " + cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> run(c)));
    }

    private static void run(Case c) throws IOException {
        Path out = root.resolve("o").resolve(c.id());
        Files.createDirectories(out);
        String[] args = Arrays.stream(c.command().trim().split("\\s+"))
                .map(a -> a.replace("{f}", files.toString()).replace("{m}", models.toString())
                        .replace("{o}", out.toString()))
                .toArray(String[]::new);
        List<String> words = c.words().stream().map(w -> w.replace("{f}", files.toString())
                .replace("{o}", out.toString())).toList();
        CliTestSupport.Result r = CliTestSupport.run(args);
        String context = c.id() + ": " + String.join(" ", args) + "\nout: " + r.out() + "\nerr: " + r.err();
        assertEquals(c.exit(), r.exitCode(), context);
        if (c.exit() == 0) {
            for (String w : words) {
                assertTrue(r.out().contains(w), "missing '" + w + "'\n" + context);
            }
        } else {
            List<String> errors = r.err().lines().filter(l -> !l.startsWith("jxplain: warning: ")).toList();
            assertEquals(1, errors.size(), "one line\n" + context);
            String line = errors.get(0);
            assertTrue(line.startsWith("jxplain: error: "), context);
            for (String w : words) {
                assertTrue(line.contains(w), "missing '" + w + "'\n" + context);
            }
            assertFalse(RAW.matcher(line).find(), "raw internal text\n" + context);
        }
        assertEquals(inputs, digests(), "an input changed\n" + context);
        for (Path folder : List.of(files, out)) {
            try (Stream<Path> s = Files.list(folder)) {
                List<String> left = s.map(p -> p.getFileName().toString()).filter(n -> STAGED.matcher(n).matches())
                        .toList();
                assertEquals(List.of(), left, "left behind in " + folder + "\n" + context);
            }
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(FIXTURES.resolve("bad-inputs/cases.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 4) {
                throw new IllegalStateException("cases.tsv: a case needs id, exit, words and a command: " + line);
            }
            cases.add(new Case(f[0], Integer.parseInt(f[1]), Arrays.stream(f[2].split(" \\| ")).map(String::strip)
                    .filter(w -> !w.isEmpty()).toList(), f[3]));
        }
        return cases;
    }

    private static Map<String, String> digests() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path top : List.of(files, models)) {
            try (Stream<Path> walk = Files.walk(top)) {
                for (Path p : walk.toList()) {
                    String key = root.relativize(p).toString();
                    if (Files.isSymbolicLink(p)) {
                        out.put(key, "→ " + Files.readSymbolicLink(p));
                    } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        out.put(key, sha256(Files.readAllBytes(p)));
                    } else {
                        out.put(key, "folder");
                    }
                }
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
