package io.jxplain.metric;

import io.jxplain.Setting;
import io.jxplain.internal.Checks;
import io.jxplain.Version;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.Provenance;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.sample.Perturbation;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Infidelity (Yeh et al. 2019, Definition 2.1): E_I[(Iᵀφ(x) − (f(x) − f(x − I)))²], by Monte Carlo over n
 * perturbations I = x − x̃ with x̃ drawn from a {@link Perturbation}. With {@code normalize}, φ is first scaled by the
 * β that minimises the sample infidelity, β = Σ(Iᵀφ)(Δf)/Σ(Iᵀφ)² (Yeh et al.'s code; Captum's normalize=True).
 * The standard error is that of the mean of the n squared errors (for the normalised value, β is treated as fixed).
 */
public final class Infidelity implements Metric {
    /** Monte-Carlo perturbations per infidelity value. */
    public static final Setting<Integer> SAMPLES = Setting.atLeast("infidelity-samples", 100, 2,
            "Monte-Carlo perturbations per infidelity value.").from("Yeh et al. 2019 Definition 2.1");
    /** Whether each explanation is first scaled by its infidelity-optimal factor (Captum's {@code normalize=True}). */
    public static final Setting<Boolean> NORMALIZE = Setting.flag("normalize",
            "Scale each explanation by its infidelity-optimal factor first (Captum's normalize=True).");

    private final Perturbation perturbation;
    private final int samples;
    private final boolean normalize;
    private final int maxRowsPerCall;
    private final boolean global;
    private volatile Map<String, Object> parameters;
    private volatile ProvenanceParameters lastProvenance; // the provenance parameters of the last explainer seen

    private Infidelity(Perturbation perturbation, int samples, boolean normalize, int maxRowsPerCall, boolean global) {
        if (perturbation == null) {
            throw new IllegalArgumentException("infidelity needs a perturbation: call perturbation(p)");
        }
        SAMPLES.check(samples);
        BatchedEvaluation.MAX_ROWS_PER_CALL.check(maxRowsPerCall);
        this.perturbation = perturbation;
        this.samples = samples;
        this.normalize = normalize;
        this.maxRowsPerCall = maxRowsPerCall;
        this.global = global;
    }

    /** A builder of infidelity; the perturbation I is required ({@link Builder#perturbation}). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Infidelity}. */
    public static final class Builder {
        private Perturbation perturbation;
        private int samples = SAMPLES.defaultValue();
        private boolean normalize = NORMALIZE.defaultValue();
        private boolean global;
        private int maxRowsPerCall = BatchedEvaluation.MAX_ROWS_PER_CALL.defaultValue();

        private Builder() {
        }

        /** The perturbations I = x − x̃ the explanation is tested against. */
        public Builder perturbation(Perturbation p) {
            this.perturbation = p;
            return this;
        }

        /** Monte-Carlo perturbations per value. */
        public Builder samples(int n) {
            this.samples = n;
            return this;
        }

        /** Each explanation first scaled by its infidelity-optimal factor (Captum's normalize=True); off by default. */
        public Builder normalized(boolean on) {
            this.normalize = on;
            return this;
        }

        /**
         * For global explanations φ ⊙ (x − x₀) of removal perturbations (Yeh et al. §2.5, square removal): Iᵀφ
         * becomes the sum of φ over the features the perturbation changed, since (x − x₀) is already inside φ.
         */
        public Builder forGlobalExplanations(boolean on) {
            this.global = on;
            return this;
        }

        /** At most this many rows per model call. */
        public Builder maxRowsPerCall(int rows) {
            this.maxRowsPerCall = rows;
            return this;
        }

        /** The metric; refuses a builder without a perturbation. */
        public Infidelity build() {
            return new Infidelity(perturbation, samples, normalize, maxRowsPerCall, global);
        }
    }

    @Override
    public String name() {
        return "infidelity";
    }

    /** A copy (callers add to it); built once, since every estimate's provenance asks for it. */
    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = parameters;
        if (p == null) {
            p = new LinkedHashMap<>();
            p.put("perturbation", perturbation.name());
            p.putAll(perturbation.parameters());
            p.put(SAMPLES.name(), samples);
            p.put(NORMALIZE.name(), normalize);
            if (global) {
                p.put("global", true);
            }
            p = java.util.Collections.unmodifiableMap(p);
            parameters = p; // a benign race: every thread builds the same map
        }
        return new LinkedHashMap<>(p);
    }

    @Override
    public Estimate evaluate(Model model, Target target, Explainer explainer, double[] x, long seed) {
        Explanation phi = explainer.explain(model, target, x, RandomStreams.childSeed(seed, 0));
        return evaluate(model, target, phi, x, seed);
    }

    /** The infidelity of a given explanation of x (e.g. one computed elsewhere). */
    public Estimate evaluate(Model model, Target target, Explanation phi, double[] x, long seed) {
        target.validateFor(model);
        Checks.requireVector("x", x, model.inputSize());
        perturbation.requireDimension(x.length, "x");
        int d = x.length;
        DMatrixRMaj points = pointsAndX(x, seed);
        double fx;
        double[] ft; // f at the perturbed points, in its first `samples` entries
        if (model.rowsIndependentOfBatch()) { // f(x) rides along with the neighbours: one model call, same values
            ft = BatchedEvaluation.values(model, target, points, maxRowsPerCall);
            fx = ft[samples];
        } else {
            fx = BatchedEvaluation.values(model, target, DMatrixRMaj.wrap(1, d, x.clone()), 1)[0];
            points.reshape(samples, d, true);
            ft = BatchedEvaluation.values(model, target, points, maxRowsPerCall);
        }
        return estimate(model, target, phi, x, points.data, ft, 0, fx, seed);
    }

    /**
     * A model whose rows do not depend on their batch evaluates the perturbed points of a block of instances
     * ({@link InstanceBlocks}: up to 64, at most 4 096 rows) in one call, and a deterministic explainer explains them
     * in one {@link Explainer#explainRange}: the same values as one instance at a time.
     */
    @Override
    public List<Estimate> evaluateRange(Model model, Target target, Explainer explainer, DMatrixRMaj rows, int from,
                                        int to, long seed, int threads) {
        if (!model.rowsIndependentOfBatch()) {
            return Metric.super.evaluateRange(model, target, explainer, rows, from, to, seed, threads);
        }
        InstanceBlocks.requireRange(rows, from, to);
        target.validateFor(model);
        Checks.requireFiniteRows("rows", rows, from, to, model.inputSize());
        perturbation.requireDimension(rows.numCols, "each row");
        Estimate[] out = new Estimate[to - from];
        InstanceBlocks.forEach(from, to, threads, samples + 1, (first, last) -> {
            int d = rows.numCols;
            int perInstance = samples + 1;
            List<Explanation> phis = explainer.isStochastic() ? null
                    : explainer.explainRange(model, target, rows, first, last, seed, 1);
            DMatrixRMaj points = new DMatrixRMaj((last - first) * perInstance, d); // each: its points, then x
            double[][] xs = new double[last - first][];
            for (int i = first; i < last; i++) {
                xs[i - first] = Arrays.copyOfRange(rows.data, i * d, (i + 1) * d);
                pointsAndX(xs[i - first], RandomStreams.childSeed(seed, i), points.data, (i - first) * perInstance * d);
            }
            double[] f = BatchedEvaluation.values(model, target, points, maxRowsPerCall);
            for (int i = first; i < last; i++) {
                long rowSeed = RandomStreams.childSeed(seed, i);
                double[] x = xs[i - first];
                Explanation phi = phis != null ? phis.get(i - first)
                        : explainer.explain(model, target, x, RandomStreams.childSeed(rowSeed, 0));
                int at = (i - first) * perInstance;
                out[i - from] = estimate(model, target, phi, x, points.data, f, at, f[at + samples], rowSeed);
            }
        });
        return List.of(out);
    }

    /** The perturbed points of x for this seed, then x itself: (samples + 1) × d (sample = draw().neighbours()). */
    private DMatrixRMaj pointsAndX(double[] x, long seed) {
        DMatrixRMaj points = new DMatrixRMaj(samples + 1, x.length);
        pointsAndX(x, seed, points.data, 0);
        return points;
    }

    /** {@link #pointsAndX(double[], long)} written as samples + 1 rows of {@code out} from out[offset] on. */
    private void pointsAndX(double[] x, long seed, double[] out, int offset) {
        perturbation.sample(x, samples, RandomStreams.stream(RandomStreams.childSeed(seed, 1)), out, offset);
        System.arraycopy(x, 0, out, offset + samples * x.length, x.length);
    }

    /** The estimate from the perturbed points (rows first … of {@code points}), f there (ft[first …]), and f(x). */
    private Estimate estimate(Model model, Target target, Explanation phi, double[] x, double[] points, double[] ft,
                              int first, double fx, long seed) {
        int d = x.length;
        double[] a = phi.attributions();
        double[] projection = new double[samples];
        double[] change = new double[samples];
        int i = 0;
        if (!global) { // four samples at a time: four independent sums, each in the order of the loop below
            for (; i + 3 < samples; i += 4) {
                int r0 = (first + i) * d;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int j = 0; j < d; j++) {
                    s0 += (x[j] - points[r0 + j]) * a[j];
                    s1 += (x[j] - points[r0 + d + j]) * a[j];
                    s2 += (x[j] - points[r0 + 2 * d + j]) * a[j];
                    s3 += (x[j] - points[r0 + 3 * d + j]) * a[j];
                }
                projection[i] = s0;
                projection[i + 1] = s1;
                projection[i + 2] = s2;
                projection[i + 3] = s3;
            }
        }
        for (; i < samples; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double removed = x[j] - points[(first + i) * d + j];
                s += global ? (removed != 0 ? a[j] : 0.0) : removed * a[j]; // Iᵀφ with I = x − x̃
            }
            projection[i] = s;
        }
        for (int k = 0; k < samples; k++) {
            change[k] = fx - ft[first + k];
        }
        double beta = 1.0;
        if (normalize) {
            double num = 0;
            double den = 0;
            for (int k = 0; k < samples; k++) {
                num += projection[k] * change[k];
                den += projection[k] * projection[k];
            }
            beta = den > 0 ? num / den : 0.0;
        }
        double mean = 0;
        double m2 = 0;
        for (int k = 0; k < samples; k++) {
            double r = beta * projection[k] - change[k];
            double t = r * r;
            double delta = t - mean;
            mean += delta / (k + 1);
            m2 += delta * (t - mean);
        }
        double se = Math.sqrt(m2 / (samples - 1) / samples);
        Provenance p = new Provenance(name(), parametersWith(phi.provenance().method()), model.describe(),
                target.toString(), seed, samples, Version.get());
        return new Estimate(mean, se, samples + 1 + phi.modelCalls(), p);
    }

    /** The parameters and the explainer's name: built once per explainer, not once per estimate. */
    private Map<String, Object> parametersWith(String explainer) {
        ProvenanceParameters last = lastProvenance;
        if (last == null || !last.explainer().equals(explainer)) {
            Map<String, Object> p = new LinkedHashMap<>(parameters());
            p.put("explainer", explainer);
            last = new ProvenanceParameters(explainer, io.jxplain.internal.OrderedMaps.copyOf(p));
            lastProvenance = last; // a benign race: every thread builds the same map
        }
        return last.parameters();
    }

    private record ProvenanceParameters(String explainer, Map<String, Object> parameters) {
    }
}
