package io.jxplain.explain;

import io.jxplain.Version;
import io.jxplain.model.Model;
import io.jxplain.model.Target;

import java.util.Map;

/**
 * The parts of a {@link Provenance} shared by every row of a run (method, parameters, model and target descriptions),
 * built once per run rather than once per explanation.
 */
record ProvenanceHeader(String method, Map<String, Object> parameters, String model, String target, String version) {
    static ProvenanceHeader of(Explainer explainer, Model model, Target target) {
        return new ProvenanceHeader(explainer.name(), io.jxplain.internal.OrderedMaps.copyOf(explainer.parameters()), model.describe(),
                target.toString(), Version.get());
    }

    /** The explanation of one attribution; {@code seed} is null for a deterministic method. */
    Explanation explanation(Attribution a, Long seed) {
        Provenance p = new Provenance(method, parameters, model, target, seed, a.samples(), version);
        return new Explanation(a.values(), a.standardErrors(), a.intercept(), a.modelCalls(), p, a.diagnostics());
    }
}
