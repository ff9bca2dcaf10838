package io.jxplain.internal;

import io.jxplain.explain.Provenance;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Results must list their entries in one order every run (Map.copyOf's order depends on a per-JVM salt). */
class OrderedMapsTest {
    @Test
    void copiesKeepTheGivenOrderAndCannotBeChanged() {
        Map<String, Object> given = new LinkedHashMap<>();
        List<String> keys = List.of("samples", "sigma2", "max_rows_per_call", "variance_reduction", "seed", "epsilon",
                "steps", "rule", "baseline", "window", "stride", "features");
        for (String k : keys) {
            given.put(k, k.length());
        }
        Map<String, Object> copy = OrderedMaps.copyOf(given);
        assertEquals(keys, List.copyOf(copy.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> copy.put("x", 1));
        Provenance p = new Provenance("m", given, "model", "target", 1L, 10, "v");
        assertEquals(keys, List.copyOf(p.parameters().keySet()), "a provenance keeps its parameters' order");
        assertEquals(List.of("b", "a"), List.copyOf(OrderedMaps.of("b", 1, "a", 2).keySet()));
    }

    @Test
    void aCopyIsIndependentOfItsSourceAndIsNotCopiedAgain() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("samples", 100);
        Map<String, Object> copy = OrderedMaps.copyOf(given);
        given.put("sigma2", 1.0);
        given.put("samples", 5);
        assertEquals(Map.of("samples", 100), copy, "later changes to the source do not reach the copy");
        assertSame(copy, OrderedMaps.copyOf(copy), "an ordered copy cannot change, so it is shared");
        Provenance p = new Provenance("m", copy, "model", "target", 1L, 10, "v");
        assertSame(copy, p.parameters(), "every explanation of a run shares its parameters");
        assertEquals(100, copy.get("samples"));
        assertTrue(copy.containsKey("samples"));
        assertFalse(copy.containsKey("sigma2"));
        assertThrows(UnsupportedOperationException.class, () -> copy.entrySet().iterator().next().setValue(1));
        assertThrows(UnsupportedOperationException.class, () -> copy.remove("samples"));
        assertEquals(Map.of(), OrderedMaps.copyOf(new LinkedHashMap<>()));
    }
}
