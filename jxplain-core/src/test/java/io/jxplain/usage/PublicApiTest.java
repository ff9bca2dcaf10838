package io.jxplain.usage;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user holds is API: no public or protected member of the core's other packages takes, returns or exposes a
 * type of {@code io.jxplain.internal}, and no public class extends one, so a user never has to name one.
 */
class PublicApiTest {
    private static final String INTERNAL = "io.jxplain.internal.";

    @Test
    void noPublicSignatureMentionsAnInternalType() throws Exception {
        List<Class<?>> api = new ArrayList<>();
        Path root = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(root.resolve("io/jxplain"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.startsWith(INTERNAL) || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                if (isVisible(c)) {
                    api.add(c);
                }
            }
        }
        assertTrue(api.size() > 100, "public classes read: " + api.size());
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : api) {
            if (c.getSuperclass() != null && internal(c.getSuperclass())) {
                leaks.add(c.getName() + " extends " + c.getSuperclass().getName());
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic()) {
                    check(c, m, m.getReturnType(), leaks);
                }
            }
            for (Executable e : c.getDeclaredConstructors()) {
                if (visible(e.getModifiers())) {
                    check(c, e, null, leaks);
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers()) && internal(f.getType())) {
                    leaks.add(c.getName() + "." + f.getName());
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    private static void check(Class<?> owner, Executable e, Class<?> returned, List<String> leaks) {
        List<Class<?>> types = new ArrayList<>(List.of(e.getParameterTypes()));
        if (returned != null) {
            types.add(returned);
        }
        for (Class<?> t : types) {
            if (internal(t)) {
                leaks.add(owner.getName() + "." + e.getName() + " uses " + t.getName());
            }
        }
    }

    private static boolean internal(Class<?> t) {
        Class<?> c = t.isArray() ? t.getComponentType() : t;
        return c.getName().startsWith(INTERNAL);
    }

    /** Public, and nested only in public classes: reachable by a user. */
    private static boolean isVisible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) && !(k != c && Modifier.isProtected(k.getModifiers()))) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isSynthetic();
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }
}
