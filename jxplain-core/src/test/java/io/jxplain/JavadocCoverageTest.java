package io.jxplain;

import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every public and protected element of the core library has a Javadoc comment, as javac's doclint sees it
 * ({@code -Xdoclint:missing/protected}). The check runs here rather than as a compiler flag because doclint's
 * "missing" group also wants an {@code @param} and {@code @return} tag on every method, which would turn
 * one-sentence comments such as "The number of features." into boilerplate; a missing comment is what fails.
 */
class JavadocCoverageTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static List<Diagnostic<? extends JavaFileObject>> warnings;

    @Test
    void everyPublicElementOfTheCoreHasAComment() throws IOException {
        List<String> missing = doclintMissing().stream()
                .filter(d -> d.getMessage(Locale.ROOT).startsWith("no comment"))
                .map(d -> SOURCES.toAbsolutePath().relativize(Path.of(d.getSource().toUri())) + ":" + d.getLineNumber())
                .sorted().toList();
        assertEquals(List.of(), missing, "public or protected elements without a Javadoc comment");
    }

    /** A check that cannot see: doclint must be running and reporting, or the test above passes vacuously. */
    @Test
    void doclintReportsOnTheseSources() throws IOException {
        long tagWarnings = doclintMissing().stream()
                .filter(d -> d.getMessage(Locale.ROOT).startsWith("no @")).count();
        assertTrue(tagWarnings > 0, "doclint reported no missing @param/@return at all: is it running?");
    }

    /** One doclint pass for both tests: compiling the core takes seconds. */
    private static synchronized List<Diagnostic<? extends JavaFileObject>> doclintMissing() throws IOException {
        if (warnings == null) {
            warnings = runDoclint();
        }
        return warnings;
    }

    private static List<Diagnostic<? extends JavaFileObject>> runDoclint() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path classes = Files.createTempDirectory("jxplain-doclint");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-proc:none", "-d", classes.toString(),
                    "-classpath", System.getProperty("java.class.path"),
                    "--add-modules", "jdk.incubator.vector",
                    "-Xdoclint:missing/protected", "-Xmaxwarns", "100000");
            Boolean compiled = javac.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            assertTrue(compiled, "the core does not compile for the doclint check: " + diagnostics.getDiagnostics());
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.WARNING && d.getSource() != null).toList();
    }
}
