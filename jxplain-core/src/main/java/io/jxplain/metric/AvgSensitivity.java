package io.jxplain.metric;

import io.jxplain.Version;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Provenance;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.sample.UniformBallPerturbation;

import java.util.LinkedHashMap;
import java.util.Map;

/** Avg-sensitivity (Yeh et al. 2019, §3): the mean of ‖φ(y) − φ(x)‖₂ over y uniform in the ball, with its standard error. */
public final class AvgSensitivity implements Metric {
    private final SensitivityDistances distances;

    private AvgSensitivity(SensitivityDistances distances) {
        this.distances = distances;
    }

    public static AvgSensitivity of(double radius, int samples) {
        return new AvgSensitivity(new SensitivityDistances(radius, samples, UniformBallPerturbation.Norm.LINF, false, true));
    }

    public static AvgSensitivity defaults() {
        return of(SensitivityDistances.DEFAULT_RADIUS, SensitivityDistances.DEFAULT_SAMPLES);
    }

    @Override
    public String name() {
        return "avg-sensitivity";
    }

    @Override
    public Map<String, Object> parameters() {
        return new LinkedHashMap<>(distances.parameters());
    }

    @Override
    public Estimate evaluate(Model model, Target target, Explainer explainer, double[] x, long seed) {
        SensitivityDistances.Result r = distances.distances(model, target, explainer, x, seed);
        double[] v = r.distances();
        double mean = 0;
        for (double t : v) {
            mean += t / v.length;
        }
        double var = 0;
        for (double t : v) {
            var += (t - mean) * (t - mean) / (v.length - 1);
        }
        Map<String, Object> p = parameters();
        p.put("explainer", explainer.name());
        return new Estimate(mean, Math.sqrt(var / v.length), r.modelCalls(), new Provenance(name(), p,
                model.describe(), target.toString(), seed, distances.samples, Version.get()));
    }
}
