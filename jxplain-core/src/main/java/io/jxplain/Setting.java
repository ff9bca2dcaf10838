package io.jxplain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One setting of a method or metric, defined once: its name (the CLI's {@code --name} or {@code -o name=…}, the Spark
 * job's option and the provenance key), type, default, allowed range, meaning and source. The library's builders take
 * their defaults and range checks from it, and the catalogue hands the same object to the command lines, so a default
 * can differ between them only if it is written twice.
 *
 * @param <T> the value's type; a null default means "not set" (its meaning is in {@link #defaultText()})
 */
public final class Setting<T> {
    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final String defaultText;
    private final Function<String, T> parser;
    private final Predicate<T> valid;
    private final String range;
    private final String description;
    private final String source;

    private Setting(String name, Class<T> type, T defaultValue, String defaultText, Function<String, T> parser,
                    Predicate<T> valid, String range, String description, String source) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.parser = parser;
        this.valid = valid;
        this.range = range;
        this.description = description;
        this.source = source;
        if (defaultValue != null && !valid.test(defaultValue)) {
            throw new IllegalStateException(name + ": the default " + defaultValue + " is outside its range " + range);
        }
    }

    /** An integer of at least {@code min}. */
    public static Setting<Integer> atLeast(String name, int defaultValue, int min, String description) {
        return new Setting<>(name, Integer.class, defaultValue, Integer.toString(defaultValue),
                text -> Integer.parseInt(text.trim()), v -> v >= min, "an integer ≥ " + min, description, "");
    }

    /** A long integer of at least {@code min}. */
    public static Setting<Long> atLeastLong(String name, long defaultValue, long min, String description) {
        return new Setting<>(name, Long.class, defaultValue, Long.toString(defaultValue),
                text -> Long.parseLong(text.trim()), v -> v >= min, "an integer ≥ " + min, description, "");
    }

    /** Any long integer (a seed). */
    public static Setting<Long> anyLong(String name, long defaultValue, String description) {
        return new Setting<>(name, Long.class, defaultValue, Long.toString(defaultValue),
                text -> Long.parseLong(text.trim()), v -> true, "an integer", description, "");
    }

    /** A positive finite number. */
    public static Setting<Double> positive(String name, double defaultValue, String description) {
        return new Setting<>(name, Double.class, defaultValue, Double.toString(defaultValue),
                text -> Double.parseDouble(text.trim()), v -> v > 0 && Double.isFinite(v), "a positive number",
                description, "");
    }

    /** A positive finite number with no default: unset means {@code unsetMeaning} (e.g. "auto"). */
    public static Setting<Double> positiveOrUnset(String name, String unsetMeaning, String description) {
        return new Setting<>(name, Double.class, null, unsetMeaning,
                text -> text.trim().equalsIgnoreCase(unsetMeaning) ? null : Double.parseDouble(text.trim()),
                v -> v > 0 && Double.isFinite(v), unsetMeaning + " or a positive number", description, "");
    }

    /** An integer ≥ min with no default: unset means {@code unsetMeaning} (e.g. "feature"). */
    public static Setting<Integer> atLeastOrUnset(String name, String unsetMeaning, int min, String description) {
        return new Setting<>(name, Integer.class, null, unsetMeaning,
                text -> text.trim().equalsIgnoreCase(unsetMeaning) ? null : Integer.parseInt(text.trim()),
                v -> v >= min, unsetMeaning + " or an integer ≥ " + min, description, "");
    }

    /** A switch, off by default. */
    public static Setting<Boolean> flag(String name, String description) {
        return new Setting<>(name, Boolean.class, false, "false", Setting::parseBoolean, v -> true, "true or false",
                description, "");
    }

    /** Integers of at least {@code min}, written separated by commas. */
    public static Setting<int[]> integers(String name, int[] defaultValue, int min, String description) {
        return new Setting<>(name, int[].class, defaultValue.clone(), join(defaultValue),
                text -> Arrays.stream(text.split("[,;]")).map(String::trim).mapToInt(Integer::parseInt).toArray(),
                v -> v.length > 0 && Arrays.stream(v).allMatch(i -> i >= min),
                "integers ≥ " + min + " separated by commas", description, "");
    }

    /** One of an enum's constants, written in lower case with '-' for '_' (MEAN_OF_SQUARES is mean-of-squares). */
    public static <E extends Enum<E>> Setting<E> choice(String name, Class<E> type, E defaultValue, String description) {
        List<String> words = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            words.add(word(e));
        }
        return new Setting<>(name, type, defaultValue, word(defaultValue), text -> {
            for (E e : type.getEnumConstants()) {
                if (word(e).equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return e;
                }
            }
            throw new IllegalArgumentException("unknown");
        }, v -> true, "one of " + String.join(", ", words), description, "");
    }

    /** One of the given words (case-insensitive), kept as text. */
    public static Setting<String> word(String name, String defaultValue, List<String> allowed, String description) {
        return new Setting<>(name, String.class, defaultValue, defaultValue, text -> text.trim().toLowerCase(Locale.ROOT),
                allowed::contains, "one of " + String.join(", ", allowed), description, "");
    }

    /** The same setting with another default (KernelSHAP's samples are the samples setting with 200). */
    public Setting<T> withDefault(T otherDefault) {
        return new Setting<>(name, type, otherDefault, otherDefault == null ? defaultText : text(otherDefault), parser,
                valid, range, description, source);
    }

    /** The same setting with a note of where it comes from (a paper, section or equation). */
    public Setting<T> from(String paper) {
        return new Setting<>(name, type, defaultValue, defaultText, parser, valid, range, description, paper);
    }

    /** The value written as text, or the meaning of null. */
    public T parse(String text) {
        T value;
        try {
            value = parser.apply(Objects.requireNonNull(text, name));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be " + range + ", got '" + text + "'");
        }
        return value == null ? null : check(value);
    }

    /** The value if it lies in the range; else an exception naming the setting and its range. */
    public T check(T value) {
        if (value == null || !valid.test(value)) {
            throw new IllegalArgumentException(name + " must be " + range + ", got "
                    + (value instanceof String ? "'" + value + "'" : text(value)));
        }
        return value;
    }

    /** The value as it is written on a command line. */
    public String text(Object value) {
        if (value == null) {
            return defaultValue == null ? defaultText : "null";
        }
        if (value instanceof int[] a) {
            return join(a);
        }
        if (value instanceof Enum<?> e) {
            return word(e);
        }
        return value.toString();
    }

    /** The name on the command line and in provenance (e.g. {@code samples}). */
    public String name() {
        return name;
    }

    /** The type of the setting's values. */
    public Class<T> type() {
        return type;
    }

    /** The default; arrays are copied so that no caller can change it. */
    @SuppressWarnings("unchecked")
    public T defaultValue() {
        return defaultValue instanceof int[] a ? (T) a.clone() : defaultValue;
    }

    /** The default as the help text prints it. */
    public String defaultText() {
        return defaultText;
    }

    /** The values allowed, in words (e.g. "≥ 1"), for help and error messages. */
    public String range() {
        return range;
    }

    /** One line of help: what the setting changes. */
    public String description() {
        return description;
    }

    /** The paper (and section) the setting comes from, or "". */
    public String source() {
        return source;
    }

    /** A switch: given without a value on a command line. */
    public boolean isFlag() {
        return type == Boolean.class;
    }

    @Override
    public String toString() {
        return name + " (" + range + ", default " + defaultText + ")";
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String join(int[] values) {
        StringBuilder b = new StringBuilder();
        for (int v : values) {
            b.append(b.length() == 0 ? "" : ",").append(v);
        }
        return b.toString();
    }
}
