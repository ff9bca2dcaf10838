package io.jxplain.explain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What produced a result: method, its parameters, the explained model and target, the seed (null for a
 * deterministic method), the number of samples drawn, and the library version. Written into every output.
 */
public record Provenance(String method, Map<String, Object> parameters, String model, String target, Long seed,
                         int samples, String libraryVersion) {
    /** Copies the parameters, keeping their order. */
    public Provenance {
        parameters = io.jxplain.internal.OrderedMaps.copyOf(parameters);
    }

    /** As a flat, ordered map for JSON and CSV writers. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("parameters", new java.util.TreeMap<>(parameters));
        m.put("model", model);
        m.put("target", target);
        m.put("seed", seed);
        m.put("samples", samples);
        m.put("jxplain_version", libraryVersion);
        return m;
    }
}
