package io.jxplain.catalog;

import io.jxplain.Setting;

import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The values a user chose for settings, by setting name; a setting not chosen reads as its own default, so the
 * defaults live only in the {@link Setting}s. Serialisable: the Spark job ships it to executors.
 */
public final class SettingValues implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final SettingValues NONE = new SettingValues(new LinkedHashMap<>());

    private final LinkedHashMap<String, Object> chosen;

    private SettingValues(LinkedHashMap<String, Object> chosen) {
        this.chosen = chosen;
    }

    /** Nothing chosen: every setting reads as its default. */
    public static SettingValues defaults() {
        return NONE;
    }

    /** The same values with {@code setting} set (checked against its range); null clears it. */
    public <T> SettingValues with(Setting<T> setting, T value) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(chosen);
        if (value == null) {
            copy.remove(setting.name());
        } else {
            copy.put(setting.name(), setting.check(value));
        }
        return new SettingValues(copy);
    }

    /**
     * The same values with settings given as text (name → value), each parsed by the setting of that name among
     * {@code known}; a name none of them has is an error naming {@code owner} and what it takes.
     */
    public SettingValues withText(String owner, Map<String, String> text, Collection<? extends Setting<?>> known) {
        Map<String, Setting<?>> byName = new LinkedHashMap<>();
        known.forEach(s -> byName.put(s.name(), s));
        TreeSet<String> unknown = new TreeSet<>(text.keySet());
        unknown.removeAll(byName.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(owner + " does not take option" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + (byName.isEmpty() ? "; it takes none"
                    : "; it takes: " + String.join(", ", byName.keySet())));
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(chosen);
        text.forEach((name, value) -> {
            Object parsed = byName.get(name).parse(value);
            if (parsed == null) {
                copy.remove(name); // the word for "unset", e.g. kernel-width=auto
            } else {
                copy.put(name, parsed);
            }
        });
        return new SettingValues(copy);
    }

    /** The chosen value, or the setting's default. */
    public <T> T get(Setting<T> setting) {
        Object v = chosen.get(setting.name());
        if (v == null) {
            return setting.defaultValue();
        }
        if (v instanceof int[] a) {
            return setting.type().cast(a.clone());
        }
        return setting.type().cast(v);
    }

    /** Whether the user gave this setting (rather than leaving its default). */
    public boolean isChosen(Setting<?> setting) {
        return chosen.containsKey(setting.name());
    }

    /** Only the values of these settings. */
    public SettingValues only(Collection<? extends Setting<?>> settings) {
        LinkedHashMap<String, Object> kept = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            if (chosen.containsKey(s.name())) {
                kept.put(s.name(), chosen.get(s.name()));
            }
        }
        return new SettingValues(kept);
    }

    /** The chosen values as text, by name (for provenance and to pass them on to another command line). */
    public Map<String, String> asText(Collection<? extends Setting<?>> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            if (chosen.containsKey(s.name())) {
                out.put(s.name(), s.text(chosen.get(s.name())));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return chosen.toString();
    }
}
