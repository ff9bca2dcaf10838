package io.jxplain.cli.bench;

import io.jxplain.explain.Explanation;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.explain.VarianceReduction;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model calls each {@link VarianceReduction} scheme needs to reach a given accuracy: for sample sizes n = 16 … 4096,
 * the mean L1 distance over rows between SmoothGrad (σ² = 1) and a large-n limit; then, by log–log interpolation,
 * the calls at which each scheme reaches the error plain Monte Carlo has at a reference n. The saving is plain calls
 * over the scheme's: above 1 the scheme pays off.
 */
public final class VarianceReductionBench {
    /** One scheme's error curve and the calls it needs for the target error. */
    public record Curve(VarianceReduction scheme, int[] samples, long[] calls, double[] meanL1, double callsAtTarget) {
    }

    /** All schemes on one model, with the target error (plain Monte Carlo's at the reference n). */
    public record Result(double targetError, int referenceSamples, List<Curve> curves) {
        public double saving(VarianceReduction scheme) {
            double plain = curves.get(0).callsAtTarget();
            for (Curve c : curves) {
                if (c.scheme() == scheme) {
                    return plain / c.callsAtTarget();
                }
            }
            throw new IllegalArgumentException("no curve for " + scheme);
        }
    }

    private VarianceReductionBench() {
    }

    public static Result run(Model model, Target target, DMatrixRMaj rows, int[] samples, int referenceSamples,
                             int limitSamples, long seed, int threads) {
        List<Explanation> limit = SmoothGrad.builder().samples(limitSamples).build()
                .explainAll(model, target, rows, seed ^ 0x5DEECE66DL, threads);
        Map<VarianceReduction, double[]> errors = new LinkedHashMap<>();
        Map<VarianceReduction, long[]> calls = new LinkedHashMap<>();
        for (VarianceReduction r : VarianceReduction.values()) {
            double[] e = new double[samples.length];
            long[] c = new long[samples.length];
            for (int k = 0; k < samples.length; k++) {
                List<Explanation> ex = SmoothGrad.builder().samples(samples[k]).varianceReduction(r).build()
                        .explainAll(model, target, rows, seed, threads);
                for (int i = 0; i < ex.size(); i++) {
                    e[k] += ex.get(i).l1DistanceTo(limit.get(i)) / ex.size();
                    c[k] += ex.get(i).modelCalls();
                }
                c[k] /= ex.size();
            }
            errors.put(r, e);
            calls.put(r, c);
        }
        double[] plain = errors.get(VarianceReduction.NONE);
        double target0 = interpolate(samples, plain, referenceSamples);
        List<Curve> curves = new ArrayList<>();
        for (VarianceReduction r : VarianceReduction.values()) {
            curves.add(new Curve(r, samples.clone(), calls.get(r), errors.get(r), callsFor(calls.get(r), errors.get(r), target0)));
        }
        return new Result(target0, referenceSamples, curves);
    }

    /** log–log interpolation of the error at n. */
    private static double interpolate(int[] n, double[] error, int at) {
        for (int k = 1; k < n.length; k++) {
            if (n[k] >= at) {
                double t = (Math.log(at) - Math.log(n[k - 1])) / (Math.log(n[k]) - Math.log(n[k - 1]));
                return Math.exp(Math.log(error[k - 1]) + t * (Math.log(error[k]) - Math.log(error[k - 1])));
            }
        }
        return error[error.length - 1];
    }

    /** The calls at which the (log–log interpolated) error first falls to the target; ∞ if it never does. */
    private static double callsFor(long[] calls, double[] error, double target) {
        if (error[0] <= target) {
            return calls[0];
        }
        for (int k = 1; k < calls.length; k++) {
            if (error[k] <= target) {
                double t = (Math.log(target) - Math.log(error[k - 1])) / (Math.log(error[k]) - Math.log(error[k - 1]));
                return Math.exp(Math.log(calls[k - 1]) + t * (Math.log(calls[k]) - Math.log(calls[k - 1])));
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
