package io.jxplain.internal;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Unmodifiable maps that iterate in the order their entries were given. Why not Map.of / Map.copyOf: their iteration
 * order depends on a salt the JVM draws at start-up, so provenance, diagnostics and model files written from them
 * came out in a different order from one run to the next (caught by CI comparing two runs' files byte for byte).
 */
public final class OrderedMaps {
    private static final Map<Object, Object> EMPTY = new Frozen<>(new LinkedHashMap<>());

    private OrderedMaps() {
    }

    /**
     * A copy of {@code map} in its iteration order; a map this class made is returned as it is (it cannot change),
     * so the provenance shared by every explanation of a run is not copied once per explanation.
     */
    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> copyOf(Map<? extends K, ? extends V> map) {
        if (map instanceof Frozen) {
            return (Map<K, V>) map;
        }
        if (map.isEmpty()) {
            return (Map<K, V>) EMPTY;
        }
        return new Frozen<>(new LinkedHashMap<>(map));
    }

    /** {k1: v1, k2: v2}, in that order. */
    public static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2) {
        LinkedHashMap<K, V> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return new Frozen<>(m);
    }

    /** {k1: v1, k2: v2, k3: v3}, in that order. */
    public static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2, K k3, V v3) {
        LinkedHashMap<K, V> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        m.put(k3, v3);
        return new Frozen<>(m);
    }

    /** An unmodifiable view of a map nobody else holds: immutable, so it never needs copying again. */
    private static final class Frozen<K, V> extends AbstractMap<K, V> {
        private final Map<K, V> entries;

        Frozen(LinkedHashMap<K, V> owned) {
            this.entries = Collections.unmodifiableMap(owned);
        }

        @Override
        public Set<Entry<K, V>> entrySet() {
            return entries.entrySet();
        }

        @Override
        public V get(Object key) {
            return entries.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public int size() {
            return entries.size();
        }
    }
}
