package io.jxplain.usage;

import io.jxplain.explain.Explainer;
import io.jxplain.metric.DiscreteLipschitz;
import io.jxplain.metric.Metric;
import io.jxplain.metric.ParameterRandomisation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One way to build every explainer and metric: {@code X.builder(…)} returns a public builder whose {@code build()}
 * returns X; X has no public constructor, no other static factory and no "wither" returning a configured copy.
 */
class OneBuilderStyleTest {
    /** Attaches an observer to a built metric (a progress bar's tick); it changes no setting. */
    private static final List<String> NOT_SETTINGS = List.of("LocalLipschitzEstimate.withProgress");

    @Test
    void everyExplainerAndMetricIsBuiltByItsBuilderAndOnlyByIt() throws Exception {
        List<Class<?>> built = new ArrayList<>();
        for (String pkg : List.of("explain", "metric")) {
            for (Class<?> c : publicClasses("io.jxplain." + pkg)) {
                boolean explainerOrMetric = Explainer.class.isAssignableFrom(c) || Metric.class.isAssignableFrom(c)
                        || c == DiscreteLipschitz.class || c == ParameterRandomisation.class;
                if (explainerOrMetric && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                    built.add(c);
                }
            }
        }
        assertTrue(built.size() >= 25, "explainers and metrics found: " + built);
        List<String> problems = new ArrayList<>();
        for (Class<?> c : built) {
            if (c.getConstructors().length > 0) {
                problems.add(c.getSimpleName() + " has a public constructor");
            }
            List<Method> builders = Arrays.stream(c.getMethods()).filter(m -> m.getName().equals("builder")
                    && Modifier.isStatic(m.getModifiers())).toList();
            if (builders.size() != 1) {
                problems.add(c.getSimpleName() + " has " + builders.size() + " static builder() methods");
                continue;
            }
            Class<?> builder = builders.get(0).getReturnType();
            if (!Modifier.isPublic(builder.getModifiers())) {
                problems.add(c.getSimpleName() + "'s builder type is not public");
            }
            boolean builds = Arrays.stream(builder.getMethods()).anyMatch(m -> m.getName().equals("build")
                    && m.getParameterCount() == 0 && c.isAssignableFrom(m.getReturnType()));
            boolean generic = builder.getTypeParameters().length > 0; // SensitivityBuilder<M>, shared by two metrics
            if (!builds && !generic) {
                problems.add(c.getSimpleName() + "'s builder has no build() returning it");
            }
            for (Method m : c.getMethods()) {
                boolean returnsItself = c.isAssignableFrom(m.getReturnType()) && m.getDeclaringClass() == c;
                if (returnsItself && !NOT_SETTINGS.contains(c.getSimpleName() + "." + m.getName())) {
                    problems.add(c.getSimpleName() + "." + m.getName() + " makes one outside its builder");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The public top-level classes of a package, read from the compiled classes' folder. */
    private static List<Class<?>> publicClasses(String pkg) throws IOException, ClassNotFoundException {
        Path dir = Path.of("target/classes", pkg.split("\\."));
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$")).toList()) {
                String name = f.getFileName().toString();
                Class<?> c = Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()));
                if (Modifier.isPublic(c.getModifiers())) {
                    out.add(c);
                }
            }
        }
        return out;
    }
}
