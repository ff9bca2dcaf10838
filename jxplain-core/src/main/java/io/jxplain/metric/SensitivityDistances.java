package io.jxplain.metric;

import io.jxplain.Setting;
import io.jxplain.internal.Checks;
import io.jxplain.explain.AttributionMatrix;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.sample.Perturbation;
import io.jxplain.random.RandomStreams;
import io.jxplain.sample.UniformBallPerturbation;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The distances behind max- and avg-sensitivity (Yeh et al. 2019, Definition 3.1): ‖φ(y) − φ(x)‖₂ for n points y
 * drawn around x (uniform in a ball of radius r, or any perturbation handed in), optionally divided by ‖φ(x)‖₂
 * (Captum's sensitivity_max does). With
 * common random numbers (the default) a random explainer uses the same seed at x and at every y, so the distance
 * measures how the explanation moves, not its Monte-Carlo noise.
 */
final class SensitivityDistances {
    /** Yeh et al.'s code: radius 0.2, 50 samples, L∞ ball. */
    static final Setting<Double> RADIUS = Setting.positive("radius", 0.2,
            "Radius of the L∞ ball the sensitivities draw from.").from("Yeh et al. 2019 Definition 3.1");
    static final Setting<Integer> SAMPLES = Setting.atLeast("sensitivity-samples", 50, 2,
            "Points drawn per max- or avg-sensitivity value.");

    final Perturbation neighbourhood;
    final int samples;
    final boolean relative;
    final boolean commonRandomNumbers;

    SensitivityDistances(Perturbation neighbourhood, int samples, boolean relative, boolean commonRandomNumbers) {
        if (neighbourhood == null) {
            throw new IllegalArgumentException("sensitivity needs a perturbation to draw the points y from");
        }
        SAMPLES.check(samples);
        this.neighbourhood = neighbourhood;
        this.samples = samples;
        this.relative = relative;
        this.commonRandomNumbers = commonRandomNumbers;
    }

    Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (neighbourhood instanceof UniformBallPerturbation ball) {
            p.put(RADIUS.name(), ball.radius());
            p.put(SAMPLES.name(), samples);
            p.put("norm", ball.norm().name().toLowerCase(java.util.Locale.ROOT));
        } else {
            p.put("perturbation", neighbourhood.name());
            p.putAll(neighbourhood.parameters());
            p.put(SAMPLES.name(), samples);
        }
        p.put("relative", relative);
        p.put("commonRandomNumbers", commonRandomNumbers);
        return p;
    }

    /** The n distances, and the model evaluations spent. */
    Result distances(Model model, Target target, Explainer explainer, double[] x, long seed) {
        target.validateFor(model);
        Checks.requireVector("x", x, model.inputSize());
        AttributionMatrix phi = attributions(model, target, explainer, x, neighbours(x, seed), seed,
                RandomStreams.childSeed(seed, 0));
        return fromAttributions(phi, 0);
    }

    /** The n points y around x for this seed. */
    DMatrixRMaj neighbours(double[] x, long seed) {
        DMatrixRMaj ys = new DMatrixRMaj(samples, x.length);
        neighbours(x, seed, ys.data, 0);
        return ys;
    }

    /** The same n points, written as rows of {@code out} from out[offset] on. */
    void neighbours(double[] x, long seed, double[] out, int offset) {
        neighbourhood.requireDimension(x.length, "x");
        neighbourhood.sample(x, samples, RandomStreams.stream(RandomStreams.childSeed(seed, 1)), out, offset);
    }

    /** The distances from φ(x) = row {@code first} of phi to φ(y) = rows first + 1 … first + n. */
    Result fromAttributions(AttributionMatrix phi, int first) {
        int d = phi.values().numCols;
        double[] v = phi.values().data;
        int x = first * d;
        double scale = 1.0;
        if (relative) {
            scale = norm2(v, x, d);
            if (scale == 0) {
                throw new IllegalArgumentException("relative sensitivity is undefined: the explanation at x is zero");
            }
        }
        // feature by feature across the n points: n independent sums, each in feature order (one point at a time
        // waited on each addition's latency: a sixth of max-sensitivity's time on a small network)
        double[] sq = new double[samples];
        for (int j = 0; j < d; j++) {
            double xj = v[x + j];
            for (int k = 0, y = x + d + j; k < samples; k++, y += d) {
                sq[k] += (v[y] - xj) * (v[y] - xj);
            }
        }
        long calls = phi.modelCalls()[first];
        for (int k = 0; k < samples; k++) {
            calls += phi.modelCalls()[first + k + 1];
            sq[k] = Math.sqrt(sq[k]) / scale;
        }
        return new Result(sq, calls);
    }

    /**
     * φ(x), then φ at every y. A deterministic explainer explains them all in one {@link Explainer#attributeRange}
     * (one model call for batchable methods, and no seed to hold fixed); a random one, each with its seed.
     */
    private AttributionMatrix attributions(Model model, Target target, Explainer explainer, double[] x, DMatrixRMaj ys,
                                           long seed, long explanationSeed) {
        int d = x.length;
        if (!explainer.isStochastic()) {
            DMatrixRMaj all = new DMatrixRMaj(samples + 1, d);
            System.arraycopy(x, 0, all.data, 0, d);
            System.arraycopy(ys.data, 0, all.data, d, samples * d);
            return explainer.attributeRange(model, target, all, 0, samples + 1, explanationSeed, 1);
        }
        List<Explanation> phi = new ArrayList<>(samples + 1);
        phi.add(explainer.explain(model, target, x, explanationSeed));
        for (int k = 0; k < samples; k++) {
            double[] y = Arrays.copyOfRange(ys.data, k * d, (k + 1) * d);
            phi.add(explainer.explain(model, target, y,
                    commonRandomNumbers ? explanationSeed : RandomStreams.childSeed(seed, k + 2)));
        }
        return AttributionMatrix.of(phi, d);
    }

    record Result(double[] distances, long modelCalls) {
    }

    /** ‖v[from … from + d)‖₂. */
    static double norm2(double[] v, int from, int d) {
        double s = 0;
        for (int j = from; j < from + d; j++) {
            s += v[j] * v[j];
        }
        return Math.sqrt(s);
    }
}
