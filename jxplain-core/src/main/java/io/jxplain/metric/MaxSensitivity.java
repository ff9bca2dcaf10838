package io.jxplain.metric;

import io.jxplain.Version;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Provenance;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.sample.UniformBallPerturbation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Max-sensitivity (Yeh et al. 2019, Definition 3.1): max over y in a ball of radius r around x of ‖φ(y) − φ(x)‖₂,
 * estimated by Monte Carlo over n points (default: L∞ ball, r = 0.2, n = 50, as the authors' code). A maximum has no
 * standard error: the estimate reports how many points it is the maximum of.
 */
public final class MaxSensitivity implements Metric {
    private final SensitivityDistances distances;

    private MaxSensitivity(SensitivityDistances distances) {
        this.distances = distances;
    }

    public static MaxSensitivity of(double radius, int samples) {
        return new MaxSensitivity(new SensitivityDistances(radius, samples, UniformBallPerturbation.Norm.LINF, false, true));
    }

    public static MaxSensitivity defaults() {
        return of(SensitivityDistances.DEFAULT_RADIUS, SensitivityDistances.DEFAULT_SAMPLES);
    }

    /** In the L2 ball instead of the L∞ box. */
    public MaxSensitivity l2() {
        SensitivityDistances s = distances;
        return new MaxSensitivity(new SensitivityDistances(s.radius, s.samples, UniformBallPerturbation.Norm.L2, s.relative,
                s.commonRandomNumbers));
    }

    /** Divided by ‖φ(x)‖₂, as Captum's sensitivity_max. */
    public MaxSensitivity relative() {
        SensitivityDistances s = distances;
        return new MaxSensitivity(new SensitivityDistances(s.radius, s.samples, s.norm, true, s.commonRandomNumbers));
    }

    /** Independent explainer randomness at every neighbour (the default holds it fixed). */
    public MaxSensitivity independentNoise() {
        SensitivityDistances s = distances;
        return new MaxSensitivity(new SensitivityDistances(s.radius, s.samples, s.norm, s.relative, false));
    }

    @Override
    public String name() {
        return "max-sensitivity";
    }

    @Override
    public Map<String, Object> parameters() {
        return new LinkedHashMap<>(distances.parameters());
    }

    @Override
    public Estimate evaluate(Model model, Target target, Explainer explainer, double[] x, long seed) {
        SensitivityDistances.Result r = distances.distances(model, target, explainer, x, seed);
        double max = 0;
        for (double v : r.distances()) {
            max = Math.max(max, v);
        }
        return new Estimate(max, Double.NaN, r.modelCalls(), new Provenance(name(), withExplainer(explainer),
                model.describe(), target.toString(), seed, distances.samples, Version.get()));
    }

    Map<String, Object> withExplainer(Explainer explainer) {
        Map<String, Object> p = parameters();
        p.put("explainer", explainer.name());
        return p;
    }
}
