package io.jxplain.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The method-specific options of one catalogue entry (e.g. steps=100 for integrated-gradients), read with the entry's
 * declared defaults; an option the method does not take, or a value of the wrong kind, is an error naming both.
 */
public final class MethodOptions {
    /** One option a method takes: its name, default (as text) and meaning. */
    public record Option(String name, String defaultValue, String description) {
    }

    private final String method;
    private final Map<String, String> given;
    private final Map<String, Option> declared = new LinkedHashMap<>();

    MethodOptions(String method, Map<String, String> given, List<Option> declared) {
        this.method = method;
        this.given = given == null ? Map.of() : given;
        declared.forEach(o -> this.declared.put(o.name(), o));
        Set<String> unknown = new TreeSet<>(this.given.keySet());
        unknown.removeAll(this.declared.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(method + " does not take option" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + (this.declared.isEmpty() ? "; it takes none"
                    : "; it takes: " + String.join(", ", this.declared.keySet())));
        }
    }

    String text(String name) {
        Option o = declared.get(name);
        if (o == null) {
            throw new IllegalStateException(method + " reads undeclared option " + name);
        }
        return given.getOrDefault(name, o.defaultValue()).trim();
    }

    int integer(String name) {
        try {
            return Integer.parseInt(text(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(method + " option " + name + " must be an integer, got '" + text(name) + "'");
        }
    }

    double real(String name) {
        try {
            return Double.parseDouble(text(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(method + " option " + name + " must be a number, got '" + text(name) + "'");
        }
    }

    int[] integers(String name) {
        List<Integer> values = new ArrayList<>();
        for (String part : text(name).split("[,;]")) {
            try {
                values.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(method + " option " + name + " must be integers separated by commas, got '"
                        + text(name) + "'");
            }
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One of the allowed words (case-insensitive). */
    String choice(String name, String... allowed) {
        String value = text(name).toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(value)) {
                return a;
            }
        }
        throw new IllegalArgumentException(method + " option " + name + " must be one of " + String.join(", ", allowed)
                + ", got '" + text(name) + "'");
    }
}
