package io.jxplain.catalog;

import io.jxplain.Version;
import io.jxplain.explain.Explainer;
import io.jxplain.metric.Metric;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provenance of a run, with the keys every writer uses (explain, evaluate, the demo, the Spark job): each key is
 * spelt here once, so two outputs of the same run can be compared key by key.
 */
public final class RunProvenance {
    private final Map<String, Object> entries = new LinkedHashMap<>();

    private RunProvenance() {
    }

    /** One method's run: its name, settings (as the explainer reports them) and the seed. */
    public static RunProvenance explaining(Explainer explainer, long seed, String rowIndex) {
        RunProvenance p = new RunProvenance();
        p.entries.put("method", explainer.name());
        p.entries.put("parameters", explainer.parameters());
        return p.seed(seed, rowIndex);
    }

    /** An evaluation: every explainer's and metric's settings, and the seed. */
    public static RunProvenance evaluating(List<Explainer> explainers, List<Metric> metrics, long seed, String rowIndex) {
        RunProvenance p = new RunProvenance();
        Map<String, Object> e = new LinkedHashMap<>();
        explainers.forEach(x -> e.put(x.name(), x.parameters()));
        Map<String, Object> m = new LinkedHashMap<>();
        metrics.forEach(x -> m.put(x.name(), x.parameters()));
        p.entries.put("explainers", e);
        p.entries.put("metrics", m);
        return p.seed(seed, rowIndex);
    }

    private RunProvenance seed(long seed, String rowIndex) {
        entries.put(RandomStreams.SEED.name(), seed);
        entries.put("row_streams", "row " + rowIndex + " uses RandomStreams.childSeed(seed, " + rowIndex + ")");
        return this;
    }

    /** The model file (or its name) and what it is. */
    public RunProvenance model(String file, String description) {
        entries.put("model", file);
        if (description != null) {
            entries.put("model_description", description);
        }
        return this;
    }

    /** The explained scalar, one for every row. */
    public RunProvenance target(Target target) {
        entries.put("target", target.toString());
        return this;
    }

    /** The explained scalar of every row: a fixed target, or each row's predicted or labelled class. */
    public RunProvenance target(io.jxplain.model.RowTargets targets) {
        entries.put("target", targets.toString());
        return this;
    }

    /** Where the explained rows came from (a file name, or "stdin"). */
    public RunProvenance data(String source) {
        entries.put("data", source);
        return this;
    }

    /** Anything particular to one writer. */
    public RunProvenance with(String key, Object value) {
        entries.put(key, value);
        return this;
    }

    /** The entries, ending with the version of jxplain that wrote them. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>(entries);
        out.put("jxplain_version", Version.get());
        return out;
    }
}
