package io.jxplain.metric;

import io.jxplain.Version;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Provenance;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.sample.UniformBallPerturbation;

import java.util.LinkedHashMap;
import java.util.Map;

/** What max- and avg-sensitivity share: the distances, their variants, and how a value is reported. */
abstract class SensitivityMetric<M extends SensitivityMetric<M>> implements Metric {
    final SensitivityDistances distances;

    SensitivityMetric(SensitivityDistances distances) {
        this.distances = distances;
    }

    abstract M with(SensitivityDistances d);

    /** Reduces the n distances to the metric's value and its standard error (NaN for a maximum). */
    abstract double[] reduce(double[] distances);

    /** In the L2 ball instead of the L∞ box. */
    public M l2() {
        SensitivityDistances s = distances;
        return with(new SensitivityDistances(s.radius, s.samples, UniformBallPerturbation.Norm.L2, s.relative,
                s.commonRandomNumbers));
    }

    /** Divided by ‖φ(x)‖₂, as Captum's sensitivity_max. */
    public M relative() {
        SensitivityDistances s = distances;
        return with(new SensitivityDistances(s.radius, s.samples, s.norm, true, s.commonRandomNumbers));
    }

    /** Independent explainer randomness at every neighbour (the default holds it fixed). */
    public M independentNoise() {
        SensitivityDistances s = distances;
        return with(new SensitivityDistances(s.radius, s.samples, s.norm, s.relative, false));
    }

    @Override
    public Map<String, Object> parameters() {
        return new LinkedHashMap<>(distances.parameters());
    }

    @Override
    public Estimate evaluate(Model model, Target target, Explainer explainer, double[] x, long seed) {
        SensitivityDistances.Result r = distances.distances(model, target, explainer, x, seed);
        double[] valueAndSe = reduce(r.distances());
        Map<String, Object> p = parameters();
        p.put("explainer", explainer.name());
        return new Estimate(valueAndSe[0], valueAndSe[1], r.modelCalls(), new Provenance(name(), p, model.describe(),
                target.toString(), seed, distances.samples, Version.get()));
    }
}
