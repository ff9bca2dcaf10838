package io.jxplain.options;

import io.jxplain.Setting;
import io.jxplain.catalog.SettingValues;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Collection;

/**
 * picocli options made from {@link Setting}s: {@code --NAME}, typed, parsed and range-checked by the setting, with its
 * description, range and default in the help. Read back, an option the user did not give is simply not chosen, so
 * the value is the setting's own default object: no command line holds a copy of a default.
 */
public final class SettingOptions {
    /** A command whose options are (partly) made from settings; they are added before the command line is parsed. */
    public interface Declares {
        void declareOptions(CommandSpec spec);
    }

    private SettingOptions() {
    }

    /** Lets every command under {@code root} that {@link Declares} options add them. */
    public static CommandLine declareAll(CommandLine root) {
        if (root.getCommandSpec().userObject() instanceof Declares d) {
            d.declareOptions(root.getCommandSpec());
        }
        root.getSubcommands().values().forEach(SettingOptions::declareAll);
        return root;
    }

    /** Adds {@code --NAME} for each setting, its default shown as the setting's. */
    public static void add(CommandSpec spec, Collection<? extends Setting<?>> settings) {
        settings.forEach(s -> add(spec, s, s.defaultText()));
    }

    /** Adds {@code --NAME}, with {@code defaultShown} as the default in the help (e.g. "the method's own"). */
    public static void add(CommandSpec spec, Setting<?> s, String defaultShown) {
        if (spec.findOption("--" + s.name()) != null) {
            return; // a setting several methods share (samples) is one option
        }
        String source = s.source().isEmpty() ? "" : " (" + s.source() + ")";
        String help = s.description() + source + (s.isFlag() ? "" : " " + capitalised(s.range()) + ". Default: "
                + defaultShown + ".");
        OptionSpec.Builder b = OptionSpec.builder("--" + s.name()).description(help.replace("%", "%%")); // picocli formats
        if (s.isFlag()) {
            b.type(Boolean.class).arity("0");
        } else if (isNumber(s)) {
            b.type(s.type()).paramLabel(label(s)); // picocli parses the number: a word is a usage error
        } else {
            b.type(String.class).paramLabel(label(s)); // words and lists: parsed and checked by the setting
        }
        spec.addOption(b.build());
    }

    /** The values the user gave for these settings (each must have been added). */
    public static SettingValues chosen(CommandSpec spec, Collection<? extends Setting<?>> settings) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        SettingValues values = SettingValues.defaults();
        for (Setting<?> s : settings) {
            values = choose(values, s, spec.findOption("--" + s.name()), parsed);
        }
        return values;
    }

    private static <T> SettingValues choose(SettingValues values, Setting<T> s, OptionSpec option,
                                            CommandLine.ParseResult parsed) {
        if (option == null) {
            throw new IllegalStateException("option --" + s.name() + " was not declared");
        }
        if (parsed == null || !parsed.hasMatchedOption(option)) {
            return values;
        }
        // the range is checked here, so that a value out of range is a user error naming the setting, as in the library
        Object value = option.getValue();
        return values.with(s, value instanceof String text ? s.parse(text) : s.type().cast(value));
    }

    /** A number with a default: picocli's own conversion (a number with no default also takes a word, e.g. none). */
    private static boolean isNumber(Setting<?> s) {
        return s.defaultValue() != null && (s.type() == Integer.class || s.type() == Long.class
                || s.type() == Double.class);
    }

    private static String label(Setting<?> s) {
        Class<?> t = s.type();
        if (t == Integer.class || t == Long.class) {
            return "N";
        }
        if (t == Double.class) {
            return "X";
        }
        return "VALUE";
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
