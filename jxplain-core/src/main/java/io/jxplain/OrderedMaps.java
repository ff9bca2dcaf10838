package io.jxplain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unmodifiable maps that iterate in the order their entries were given. Why not Map.of / Map.copyOf: their iteration
 * order depends on a salt the JVM draws at start-up, so provenance, diagnostics and model files written from them
 * came out in a different order from one run to the next (caught by CI comparing two runs' files byte for byte).
 */
public final class OrderedMaps {
    private OrderedMaps() {
    }

    /** A copy of {@code map} in its iteration order. */
    public static <K, V> Map<K, V> copyOf(Map<? extends K, ? extends V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** {k1: v1, k2: v2}, in that order. */
    public static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2) {
        Map<K, V> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return Collections.unmodifiableMap(m);
    }
}
