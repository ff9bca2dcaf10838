package io.jxplain.explain;

import io.jxplain.Setting;
import io.jxplain.internal.Checks;
import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.sample.BaselinePerturbation;
import io.jxplain.sample.Draws;
import io.jxplain.sample.Perturbation;
import io.jxplain.sample.SquarePatchPerturbation;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The explanation with the smallest infidelity for a given perturbation (Yeh et al. 2019, Proposition 2.1):
 * φ* = E[IIᵀ]⁻¹·E[I·(f(x) − f(x − I))], estimated black-box from n draws I = x − x̃ by the least-squares core
 * (no intercept). When the draws span fewer than d directions (a fixed baseline spans one) the minimum-norm
 * solution is returned, as the paper's pinv, without standard errors. A perturbation's infinite-weight neighbour
 * ({@link Perturbation#constraintNeighbour}, the Shapley kernel's) becomes an exact constraint. Ready-made:
 * {@link Builder#noisyBaseline} (§2.4).
 * With {@link Builder#global}, φ* is multiplied by (x − x₀) (§2.5).
 */
public final class InfidelityOptimal extends BaseExplainer {
    /** Perturbations per explanation. */
    public static final Setting<Integer> SAMPLES = Sampling.SAMPLES.withDefault(1000);
    /** Multiply by (x − baseline): the global variant of Yeh et al. 2019 §2.5. */
    public static final Setting<Boolean> GLOBAL = Setting.flag("global",
            "The global variant, multiplied by (x − 0).").from("Yeh et al. 2019 §2.5");
    /** Side lengths of the removed squares of square removal. */
    public static final Setting<int[]> SIDES = Setting.integers("sides", new int[] {4}, 1,
            "Side lengths of the removed squares, e.g. 3,5.").from("Yeh et al. 2019 §2.4");

    private final Function<Model, Perturbation> perturbation; // built for the explained model
    private final String perturbationName;
    private final Map<String, Object> perturbationParameters;
    private final int samples;
    private final boolean global;
    private final double[] globalBaseline; // null: zeros
    private final int maxRowsPerCall;
    private final boolean standardErrors;

    private InfidelityOptimal(Function<Model, Perturbation> perturbation, String perturbationName,
                              Map<String, Object> perturbationParameters, int samples, boolean global,
                              double[] globalBaseline, int maxRowsPerCall, boolean standardErrors) {
        this.standardErrors = standardErrors;
        SAMPLES.check(samples);
        this.perturbation = perturbation;
        this.perturbationName = perturbationName;
        this.perturbationParameters = perturbationParameters;
        this.samples = samples;
        this.global = global;
        this.globalBaseline = globalBaseline;
        this.maxRowsPerCall = maxRowsPerCall;
    }

    /**
     * A builder; choose the perturbation the explanation is optimal for ({@link Builder#perturbation},
     * {@link Builder#noisyBaseline}, {@link Builder#squareRemoval}) before {@link Builder#build}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link InfidelityOptimal}. */
    public static final class Builder {
        private Function<Model, Perturbation> perturbation;
        private String perturbationName;
        private Map<String, Object> perturbationParameters;
        private boolean globalByDefault;
        private Boolean global; // null: the perturbation's own default
        private double[] globalBaseline;
        private int samples = SAMPLES.defaultValue();
        private int maxRowsPerCall = BatchedEvaluation.MAX_ROWS_PER_CALL.defaultValue();
        private boolean standardErrors = true;

        private Builder() {
        }

        private Builder kind(Function<Model, Perturbation> p, String name, Map<String, Object> parameters,
                             boolean isGlobal) {
            this.perturbation = p;
            this.perturbationName = name;
            this.perturbationParameters = parameters;
            this.globalByDefault = isGlobal;
            return this;
        }

        /** The explanation with the smallest infidelity under perturbation {@code p}. */
        public Builder perturbation(Perturbation p) {
            if (p == null) {
                throw new IllegalArgumentException("the infidelity-optimal explanation needs a perturbation");
            }
            return kind(model -> {
                p.requireDimension(model.inputSize(), "the model's input");
                return p;
            }, p.name(), p.parameters(), false);
        }

        /** Yeh et al.'s "Noisy Baseline": I = x − (x₀ + ε), ε ~ N(0, σ²I), baseline x₀ = 0, in any dimension. */
        public Builder noisyBaseline(double sigma) {
            BaselinePerturbation.noisy(new double[1], sigma); // validates σ now
            return kind(model -> BaselinePerturbation.noisy(new double[model.inputSize()], sigma), "noisy-baseline",
                    io.jxplain.internal.OrderedMaps.of("sigma", sigma, "baseline", "zeros"), false);
        }

        /** The noisy baseline with the noise of an isotropic Gaussian (e.g. {@code Perturbation.gaussian(σ²)}). */
        public Builder noisyBaseline(io.jxplain.sample.GaussianPerturbation noise) {
            return noisyBaseline(noise.sigma());
        }

        /**
         * Yeh et al.'s "Square" explanation (§2.4, global as in their §5): optimal for square patches of the given
         * sides set to zero, times x. Needs an image model. Patches span fewer directions than pixels, so this is the
         * pinv solution.
         */
        public Builder squareRemoval(int... sides) {
            int[] copy = sides.clone();
            return kind(model -> SquarePatchPerturbation.zeros(model.imageShape().orElseThrow(
                    () -> new IllegalArgumentException("square removal needs an image model; " + model.describe()
                            + " takes a flat vector")), copy), "square-removal",
                    io.jxplain.internal.OrderedMaps.of("sides", java.util.Arrays.stream(copy).boxed().toList(),
                            "baseline", "zeros"), true);
        }

        /** Perturbations per explanation. */
        public Builder samples(int n) {
            SAMPLES.check(n);
            this.samples = n;
            return this;
        }

        /** The global variant with baseline 0, φ*·x elementwise (on by default only for square removal). */
        public Builder global(boolean on) {
            this.global = on;
            this.globalBaseline = null;
            return this;
        }

        /** The global variant with baseline {@code x0}: φ*·(x − x₀) elementwise. */
        public Builder global(double[] x0) {
            Checks.requireFinite("baseline", x0);
            this.global = true;
            this.globalBaseline = x0.clone();
            return this;
        }

        /**
         * Whether to report the robust standard errors (on by default): with hundreds of features (images) they cost
         * as much as the fit itself. Off applies to unconstrained fits only; a constrained one (Shapley kernel) still
         * reports them.
         */
        public Builder standardErrors(boolean on) {
            this.standardErrors = on;
            return this;
        }

        /** At most this many rows per model call. */
        public Builder maxRowsPerCall(int rows) {
            BatchedEvaluation.MAX_ROWS_PER_CALL.check(rows);
            this.maxRowsPerCall = rows;
            return this;
        }

        /** The explainer; refuses a builder without a perturbation. */
        public InfidelityOptimal build() {
            if (perturbation == null) {
                throw new IllegalArgumentException("the infidelity-optimal explanation needs a perturbation: call"
                        + " perturbation(p), noisyBaseline(sigma) or squareRemoval(sides) first");
            }
            return new InfidelityOptimal(perturbation, perturbationName, perturbationParameters, samples,
                    global == null ? globalByDefault : global, globalBaseline, maxRowsPerCall, standardErrors);
        }
    }

    @Override
    public String name() {
        return "infidelity-optimal";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("perturbation", perturbationName);
        p.putAll(perturbationParameters);
        p.put(SAMPLES.name(), samples);
        p.put(GLOBAL.name(), global);
        if (!standardErrors) {
            p.put("standard_errors", false);
        }
        return p;
    }

    @Override
    public boolean isStochastic() {
        return true;
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        int d = x.length;
        Perturbation p = perturbation.apply(model);
        Draws draws = p.draw(x, samples, rng);
        double[] anchor = p.constraintNeighbour(x);
        int extra = anchor == null ? 1 : 2;
        DMatrixRMaj rows = new DMatrixRMaj(samples + extra, d);
        System.arraycopy(draws.neighbours().data, 0, rows.data, 0, samples * d);
        System.arraycopy(x, 0, rows.data, samples * d, d);
        if (anchor != null) {
            System.arraycopy(anchor, 0, rows.data, (samples + 1) * d, d);
        }
        double[] f = BatchedEvaluation.values(model, target, rows, maxRowsPerCall);
        DMatrixRMaj design = new DMatrixRMaj(samples, d);
        double[] change = new double[samples];
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < d; j++) {
                design.data[i * d + j] = x[j] - draws.neighbours().data[i * d + j]; // I = x − x̃
            }
            change[i] = f[samples] - f[i];
        }
        // A feature no draw perturbs (e.g. a black pixel removed to a black baseline) is not identified: the minimum-norm
        // solution gives it 0, so it is dropped before solving, which keeps the problem small and often full rank.
        int[] kept = perturbedFeatures(design);
        DMatrixRMaj reduced = LeastSquares.columns(design, kept);
        double[] phi = new double[d];
        double[] se = new double[d];
        Arrays.fill(se, Double.NaN);
        if (kept.length > 0) {
            LeastSquares.Problem problem = LeastSquares.of(reduced, change).weights(draws.weights());
            if (!standardErrors) {
                problem = problem.coefficientsOnly();
            }
            if (anchor != null) {
                double[] c = new double[kept.length];
                for (int k = 0; k < kept.length; k++) {
                    c[k] = x[kept[k]] - anchor[kept[k]];
                }
                problem = problem.subjectTo(c, f[samples] - f[samples + 1]);
            }
            Surrogate fit = Surrogate.fit(problem, kept, d, Surrogate.Singular.MINIMUM_NORM);
            phi = fit.coefficients();
            se = fit.standardErrors();
        }
        if (global) {
            double[] x0 = globalBaseline == null ? new double[d] : globalBaseline;
            Checks.requireVector("baseline", x0, d);
            for (int j = 0; j < d; j++) {
                phi[j] *= x[j] - x0[j];
                se[j] *= Math.abs(x[j] - x0[j]);
            }
        }
        return new Attribution(phi, se, Double.NaN, (long) samples + extra, samples);
    }

    /** The columns that are non-zero in at least one row. */
    private static int[] perturbedFeatures(DMatrixRMaj design) {
        int n = design.numRows;
        int d = design.numCols;
        boolean[] used = new boolean[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                used[j] |= design.data[i * d + j] != 0;
            }
        }
        int count = 0;
        for (boolean u : used) {
            count += u ? 1 : 0;
        }
        int[] kept = new int[count];
        for (int j = 0, k = 0; j < d; j++) {
            if (used[j]) {
                kept[k++] = j;
            }
        }
        return kept;
    }

    @Override
    long rowsHeldPerInstance(int d) {
        return Math.max(modelRowsPerInstance(d), samples);
    }
}
