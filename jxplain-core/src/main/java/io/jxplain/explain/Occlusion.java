package io.jxplain.explain;

import io.jxplain.Checks;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Occlusion of one feature at a time (Zeiler &amp; Fergus 2014; Captum's FeatureAblation): φⱼ = f(x) − f(x with xⱼ := x₀ⱼ),
 * baseline x₀ = 0 by default. One batch of d + 1 rows; needs only function values.
 */
public final class Occlusion extends BaseExplainer {
    private final double[] baseline;

    private Occlusion(double[] baseline) {
        this.baseline = baseline;
    }

    /** Baseline zeros. */
    public static Occlusion create() {
        return new Occlusion(null);
    }

    public static Occlusion withBaseline(double[] x0) {
        Checks.requireFinite("baseline", x0);
        return new Occlusion(x0.clone());
    }

    @Override
    public String name() {
        return "occlusion";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("baseline", baseline == null ? "zeros" : baseline.clone());
        p.put("window", 1);
        return p;
    }

    @Override
    public boolean isStochastic() {
        return false;
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        int d = x.length;
        double[] x0 = baseline == null ? new double[d] : baseline;
        Checks.requireVector("baseline", x0, d);
        DMatrixRMaj rows = new DMatrixRMaj(d + 1, d);
        for (int r = 0; r <= d; r++) {
            System.arraycopy(x, 0, rows.data, r * d, d);
            if (r < d) {
                rows.data[r * d + r] = x0[r];
            }
        }
        double[] f = BatchedEvaluation.values(model, target, rows, d + 1);
        double[] phi = new double[d];
        for (int j = 0; j < d; j++) {
            phi[j] = f[d] - f[j];
        }
        return Attribution.exact(phi, d + 1L);
    }
}
