package io.jxplain.metric;

import io.jxplain.internal.Checks;
import io.jxplain.Version;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.AttributionMatrix;
import io.jxplain.explain.Provenance;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What max- and avg-sensitivity share: the distances, their variants, and how a value is reported. */
abstract class SensitivityMetric implements Metric {
    final SensitivityDistances distances;

    SensitivityMetric(SensitivityDistances distances) {
        this.distances = distances;
    }

    /** Reduces the n distances to the metric's value and its standard error (NaN for a maximum). */
    abstract double[] reduce(double[] distances);

    @Override
    public Map<String, Object> parameters() {
        return new LinkedHashMap<>(distances.parameters());
    }

    @Override
    public Estimate evaluate(Model model, Target target, Explainer explainer, double[] x, long seed) {
        return estimate(distances.distances(model, target, explainer, x, seed), model, target,
                provenanceParameters(explainer), seed);
    }

    /** The parameters every estimate of a run records, built once per run. */
    private Map<String, Object> provenanceParameters(Explainer explainer) {
        Map<String, Object> p = parameters();
        p.put("explainer", explainer.name());
        return io.jxplain.internal.OrderedMaps.copyOf(p);
    }

    private Estimate estimate(SensitivityDistances.Result r, Model model, Target target,
                              Map<String, Object> parameters, long seed) {
        double[] valueAndSe = reduce(r.distances());
        return new Estimate(valueAndSe[0], valueAndSe[1], r.modelCalls(), new Provenance(name(), parameters,
                model.describe(), target.toString(), seed, distances.samples, Version.get()));
    }

    /**
     * A deterministic explainer on a model whose rows do not depend on their batch explains the neighbourhoods of a
     * block of instances ({@link InstanceBlocks}: up to 64, at most 4 096 rows) in one {@link Explainer#attributeRange},
     * as Captum batches its inputs: the same values as one instance at a time, since neither seeds nor batch positions
     * matter then.
     */
    @Override
    public List<Estimate> evaluateRange(Model model, Target target, Explainer explainer, DMatrixRMaj rows, int from,
                                        int to, long seed, int threads) {
        if (explainer.isStochastic() || !model.rowsIndependentOfBatch()) {
            return Metric.super.evaluateRange(model, target, explainer, rows, from, to, seed, threads);
        }
        InstanceBlocks.requireRange(rows, from, to);
        target.validateFor(model);
        Checks.requireFiniteRows("rows", rows, from, to, model.inputSize());
        Estimate[] out = new Estimate[to - from];
        Map<String, Object> parameters = provenanceParameters(explainer);
        InstanceBlocks.forEach(from, to, threads, distances.samples + 1, (first, last) -> {
            int d = rows.numCols;
            int perInstance = distances.samples + 1;
            DMatrixRMaj points = new DMatrixRMaj((last - first) * perInstance, d); // x, then its neighbours, per instance
            for (int i = first; i < last; i++) {
                int at = (i - first) * perInstance * d;
                System.arraycopy(rows.data, i * d, points.data, at, d);
                double[] x = Arrays.copyOfRange(rows.data, i * d, (i + 1) * d);
                distances.neighbours(x, RandomStreams.childSeed(seed, i), points.data, at + d);
            }
            AttributionMatrix phi = explainer.attributeRange(model, target, points, 0, points.numRows, seed, 1);
            for (int i = first; i < last; i++) {
                out[i - from] = estimate(distances.fromAttributions(phi, (i - first) * perInstance), model, target,
                        parameters, RandomStreams.childSeed(seed, i));
            }
        });
        return List.of(out);
    }
}
