package io.jxplain.explain;

import io.jxplain.model.BatchedEvaluation;
import io.jxplain.model.Differentiable;
import io.jxplain.model.Model;
import io.jxplain.kernel.RunningMoments;
import io.jxplain.model.Target;
import io.jxplain.sample.GaussianPerturbation;
import io.jxplain.random.NormalDraws;
import io.jxplain.sample.Perturbation;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;

import java.util.function.IntFunction;
import java.util.random.RandomGenerator;

/**
 * SmoothGrad: the mean of ∇f(a) over n samples a ~ N(x, Σ) (Smilkov et al. 2017; Agarwal et al. 2021 §2.1), or
 * drawn from any other perturbation handed in ({@code SmoothGrad.builder().perturbation(p)}).
 * Standard errors are the per-feature sample standard deviation of the gradients over √n.
 * Memory is bounded by {@code maxRowsPerCall} rows whatever n.
 */
public final class SmoothGrad extends SamplingExplainer {
    private static final int SOBOL_REPLICATES = 8;
    private final VarianceReduction reduction;

    private SmoothGrad(Sampling sampling, VarianceReduction reduction) {
        super(sampling);
        this.reduction = reduction;
        if (reduction == VarianceReduction.SOBOL && sampling.samples() < 2 * SOBOL_REPLICATES) {
            throw new IllegalArgumentException("Sobol sampling runs " + SOBOL_REPLICATES + " replicates: it needs at least "
                    + 2 * SOBOL_REPLICATES + " samples, got " + sampling.samples());
        }
    }

    @Override
    public java.util.Map<String, Object> parameters() {
        java.util.Map<String, Object> p = super.parameters();
        if (reduction != VarianceReduction.NONE) {
            p.put("variance_reduction", reduction.name().toLowerCase(java.util.Locale.ROOT));
        }
        return p;
    }

    /** A builder with the sampling defaults (samples, σ², batch sizes) and plain Monte Carlo. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SmoothGrad}. */
    public static final class Builder extends Sampling.Builder<SmoothGrad, Builder> {
        private VarianceReduction reduction = VarianceReduction.NONE;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** How the samples are drawn (see {@link VarianceReduction}; plain Monte Carlo by default). */
        public Builder varianceReduction(VarianceReduction r) {
            this.reduction = r;
            return this;
        }

        @Override
        public SmoothGrad build() {
            return new SmoothGrad(sampling(), reduction);
        }
    }

    @Override
    public String name() {
        return "smoothgrad";
    }

    @Override
    Attribution attribute(Model model, Target target, double[] x, RandomGenerator rng) {
        Differentiable diff = requireDifferentiable(model);
        switch (reduction) {
            case ANTITHETIC:
                return antithetic(diff, target, x, rng);
            case SOBOL:
                return sobol(diff, target, x, rng);
            case CONTROL_VARIATE:
                return controlVariate(diff, target, x, rng);
            default:
                return plain(diff, target, x, rng);
        }
    }

    /** Plain sampling, one row: the same code as a block of rows ({@link #smoothed}). */
    private Attribution plain(Differentiable diff, Target target, double[] x, RandomGenerator rng) {
        return smoothed(diff, target, DMatrixRMaj.wrap(1, x.length, x), 0, 1, i -> rng)[0];
    }

    /** Plain sampling whose samples fit one model call batches instances ({@link #attributeRows}). */
    @Override
    int modelRowsPerInstance(int d) {
        boolean batchable = reduction == VarianceReduction.NONE && sampling.samples() <= sampling.maxRowsPerCall();
        return batchable ? sampling.samples() : 0;
    }

    @Override
    Attribution[] attributeRows(Model model, Target target, DMatrixRMaj rows, int from, int to,
                                java.util.function.IntToLongFunction seedOf) {
        return smoothed(requireDifferentiable(model), target, rows, from, to,
                i -> RandomStreams.stream(seedOf.applyAsLong(i)));
    }

    /**
     * SmoothGrad's one path: row i's n neighbours drawn from its stream, their gradients' mean and standard error.
     * When n fits one model call, every row's neighbours go in one gradient call (at most maxRowsPerCall rows each);
     * otherwise a row's neighbours are drawn and differentiated maxRowsPerCall at a time, continuing one sequence of
     * draws, so memory stays bounded and the values do not depend on the rows per call.
     */
    private Attribution[] smoothed(Differentiable diff, Target target, DMatrixRMaj rows, int from, int to,
                                   IntFunction<RandomGenerator> streamOf) {
        int d = rows.numCols;
        int n = sampling.samples();
        int perCall = sampling.maxRowsPerCall();
        Perturbation perturbation = sampling.perturbation(d);
        RunningMoments[] moments = new RunningMoments[to - from];
        for (int k = 0; k < moments.length; k++) {
            moments[k] = new RunningMoments(d);
        }
        double[] x = new double[d];
        if (n <= perCall) {
            DMatrixRMaj points = new DMatrixRMaj((to - from) * n, d);
            for (int i = from; i < to; i++) {
                System.arraycopy(rows.data, i * d, x, 0, d);
                new RowDraws(streamOf.apply(i)).draw(perturbation, x, n, points.data, (i - from) * n * d);
            }
            BatchedEvaluation.gradientMoments(diff, target, points, n, moments, perCall);
        } else {
            DMatrixRMaj chunk = new DMatrixRMaj(perCall, d);
            for (int i = from; i < to; i++) {
                System.arraycopy(rows.data, i * d, x, 0, d);
                RowDraws source = new RowDraws(streamOf.apply(i));
                for (int start = 0; start < n; start += perCall) {
                    int m = Math.min(perCall, n - start);
                    chunk.reshape(m, d);
                    source.draw(perturbation, x, m, chunk.data, 0);
                    BatchedEvaluation.gradientMoments(diff, target, chunk, m, new RunningMoments[] {moments[i - from]}, m);
                }
            }
        }
        Attribution[] out = new Attribution[to - from];
        for (int k = 0; k < moments.length; k++) {
            out[k] = new Attribution(moments[k].mean(), moments[k].standardErrors(), Double.NaN, n, n);
        }
        return out;
    }

    /**
     * One row's source of neighbours, continued across calls: a Gaussian draws from one sequence of normals, any other
     * perturbation from the stream itself.
     */
    private static final class RowDraws {
        private final RandomGenerator rng;
        private NormalDraws normals;

        RowDraws(RandomGenerator rng) {
            this.rng = rng;
        }

        /** n neighbours of x into out[offset …]. */
        void draw(Perturbation perturbation, double[] x, int n, double[] out, int offset) {
            if (perturbation instanceof GaussianPerturbation gaussian) {
                if (normals == null) {
                    normals = NormalDraws.from(rng);
                }
                gaussian.sample(x, n, normals, out, offset);
            } else {
                perturbation.sample(x, n, rng, out, offset);
            }
        }
    }

    /** Pairs x ± Lz; the n/2 pair means are independent, so they carry the standard error. */
    private Attribution antithetic(Differentiable diff, Target target, double[] x, RandomGenerator rng) {
        int d = x.length;
        int pairs = (sampling.samples() + 1) / 2;
        GaussianPerturbation perturbation = sampling.gaussian(d, "antithetic sampling");
        RunningMoments acc = new RunningMoments(d);
        int perCall = Math.max(1, sampling.maxRowsPerCall() / 2);
        double[] z = new double[d];
        double[] minus = new double[d];
        double[] pairMean = new double[d];
        for (int start = 0; start < pairs; start += perCall) {
            int m = Math.min(perCall, pairs - start);
            DMatrixRMaj rows = new DMatrixRMaj(2 * m, d);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < d; j++) {
                    z[j] = rng.nextGaussian();
                    minus[j] = -z[j];
                }
                perturbation.fromStandardNormal(x, z, rows.data, (2 * i) * d);
                perturbation.fromStandardNormal(x, minus, rows.data, (2 * i + 1) * d);
            }
            double[] g = BatchedEvaluation.gradients(diff, target, rows, 2 * m).gradients().data;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < d; j++) {
                    pairMean[j] = 0.5 * (g[(2 * i) * d + j] + g[(2 * i + 1) * d + j]);
                }
                acc.add(pairMean, 0);
            }
        }
        return new Attribution(acc.mean(), acc.standardErrors(), Double.NaN, 2L * pairs, 2 * pairs);
    }

    /** Randomly shifted Sobol points through Φ⁻¹; the replicate means are independent. */
    private Attribution sobol(Differentiable diff, Target target, double[] x, RandomGenerator rng) {
        int d = x.length;
        if (d > 1000) {
            throw new IllegalArgumentException("Sobol sampling supports up to 1000 features, the model has " + d);
        }
        int perReplicate = sampling.samples() / SOBOL_REPLICATES;
        GaussianPerturbation perturbation = sampling.gaussian(d, "Sobol sampling");
        RunningMoments replicates = new RunningMoments(d);
        double[] z = new double[d];
        double[] shift = new double[d];
        for (int r = 0; r < SOBOL_REPLICATES; r++) {
            for (int j = 0; j < d; j++) {
                shift[j] = rng.nextDouble();
            }
            org.hipparchus.random.SobolSequenceGenerator sobol = new org.hipparchus.random.SobolSequenceGenerator(d);
            DMatrixRMaj rows = new DMatrixRMaj(perReplicate, d);
            for (int i = 0; i < perReplicate; i++) {
                double[] u = sobol.nextVector();
                for (int j = 0; j < d; j++) {
                    double v = u[j] + shift[j];
                    v -= Math.floor(v);
                    v = Math.min(Math.max(v, 1e-16), 1 - 1e-16); // Φ⁻¹ is infinite at 0 and 1
                    z[j] = Math.sqrt(2) * org.hipparchus.special.Erf.erfInv(2 * v - 1); // Φ⁻¹(v)
                }
                perturbation.fromStandardNormal(x, z, rows.data, i * d);
            }
            double[] g = BatchedEvaluation.gradients(diff, target, rows, sampling.maxRowsPerCall()).gradients().data;
            double[] mean = new double[d];
            for (int i = 0; i < perReplicate; i++) {
                for (int j = 0; j < d; j++) {
                    mean[j] += g[i * d + j] / perReplicate;
                }
            }
            replicates.add(mean, 0);
        }
        return new Attribution(replicates.mean(), replicates.standardErrors(), Double.NaN,
                (long) perReplicate * SOBOL_REPLICATES, perReplicate * SOBOL_REPLICATES);
    }

    /**
     * ḡ − c·(ḡ − s̄) per feature, with s = Σ⁻¹ε·(f(x + ε) − f(x)) (mean ∇-smoothed too, by Stein's lemma) and
     * c = Cov(g, g − s)/Var(g − s) from the same draws.
     */
    private Attribution controlVariate(Differentiable diff, Target target, double[] x, RandomGenerator rng) {
        int d = x.length;
        int n = sampling.samples();
        GaussianPerturbation perturbation = sampling.gaussian(d, "the Stein control variate");
        DMatrixRMaj rows = perturbation.sample(x, n, rng);
        var all = BatchedEvaluation.gradients(diff, target, rows, sampling.maxRowsPerCall());
        double f0 = BatchedEvaluation.values(diff, target, DMatrixRMaj.wrap(1, d, x.clone()), 1)[0];
        double[] g = all.gradients().data;
        double[] y = new double[n * d]; // g − s, mean zero
        double[] eps = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                eps[j] = rows.data[i * d + j] - x[j];
            }
            perturbation.solveInPlace(eps);
            double df = all.values()[i] - f0;
            for (int j = 0; j < d; j++) {
                y[i * d + j] = g[i * d + j] - eps[j] * df;
            }
        }
        double[] estimate = new double[d];
        double[] se = new double[d];
        for (int j = 0; j < d; j++) {
            double mg = 0;
            double my = 0;
            for (int i = 0; i < n; i++) {
                mg += g[i * d + j] / n;
                my += y[i * d + j] / n;
            }
            double cov = 0;
            double var = 0;
            for (int i = 0; i < n; i++) {
                cov += (g[i * d + j] - mg) * (y[i * d + j] - my);
                var += (y[i * d + j] - my) * (y[i * d + j] - my);
            }
            double c = var > 0 ? cov / var : 0.0;
            double mean = 0;
            double m2 = 0;
            for (int i = 0; i < n; i++) {
                double t = g[i * d + j] - c * y[i * d + j];
                double delta = t - mean;
                mean += delta / (i + 1);
                m2 += delta * (t - mean);
            }
            estimate[j] = mean; // = ḡ − c·ȳ
            se[j] = Math.sqrt(m2 / (n - 1) / n);
        }
        return new Attribution(estimate, se, Double.NaN, n + 1L, n);
    }
}
