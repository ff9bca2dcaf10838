package io.jxplain;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The architecture the folder tree shows: the core's packages depend on each other without a cycle (read bottom-up:
 * kernel, random → model → data, sample, theory → explain → metric → catalog), and only kernel/ and random/ use the
 * incubating Vector API.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/io/jxplain");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.jxplain\\.([a-z][\\w.]*?)\\.[A-Z]|import io\\.jxplain\\.[A-Z]");

    @Test
    void thePackagesOfTheCoreFormNoCycle() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        assertTrue(uses.size() >= 10, "packages read: " + uses.keySet());
        List<String> cycles = new ArrayList<>();
        for (String a : uses.keySet()) {
            for (String b : uses.get(a)) {
                if (reachable(uses, b).contains(a)) {
                    cycles.add(a + " <-> " + b);
                }
            }
        }
        assertEquals(List.of(), cycles, "package cycles");
        assertTrue(uses.get("io.jxplain.kernel").stream().allMatch(p -> p.equals("io.jxplain.kernel")),
                "kernel/ is the bottom layer: " + uses.get("io.jxplain.kernel"));
    }

    /** Every package of every module says what it is for, in its package-info.java (what Javadoc shows first). */
    @Test
    void everyPackageOfEveryModuleHasAPackageInfo() throws IOException {
        List<String> lacking = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            for (Path sources : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(sources)) {
                    files.filter(p -> p.toString().endsWith(".java")).map(Path::getParent).distinct()
                            .filter(dir -> !Files.isRegularFile(dir.resolve("package-info.java")))
                            .forEach(dir -> lacking.add(sources.relativize(dir).toString()));
                }
            }
        }
        assertEquals(List.of(), lacking, "packages without package-info.java");
    }

    @Test
    void onlyTheKernelsAndTheRandomDrawsImportTheVectorApi() throws IOException {
        Set<String> users = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readString(f).contains("jdk.incubator.vector")) {
                    users.add(SOURCES.relativize(f.getParent()).toString());
                }
            }
        }
        assertEquals(Set.of("kernel", "random"), users);
    }

    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Matcher pm = PACKAGE.matcher(text);
                assertTrue(pm.find(), f.toString());
                String own = pm.group(1);
                Set<String> set = uses.computeIfAbsent(own, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(text);
                while (m.find()) {
                    String other = m.group(1) == null ? "io.jxplain" : "io.jxplain." + m.group(1);
                    if (!other.equals(own)) {
                        set.add(other);
                    }
                }
            }
        }
        return uses;
    }

    private static Set<String> reachable(Map<String, Set<String>> uses, String from) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(from));
        while (!todo.isEmpty()) {
            for (String next : uses.getOrDefault(todo.remove(todo.size() - 1), Set.of())) {
                if (seen.add(next)) {
                    todo.add(next);
                }
            }
        }
        return seen;
    }
}
