package io.jxplain.cli.bench;

import io.jxplain.explain.ClosedFormSmoothGrad;
import io.jxplain.explain.ContinuousLime;
import io.jxplain.explain.ExactShapley;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.Gradient;
import io.jxplain.explain.GradientTimesInput;
import io.jxplain.explain.IntegratedGradients;
import io.jxplain.explain.KernelShap;
import io.jxplain.explain.Lime;
import io.jxplain.explain.Occlusion;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.explain.TreeShap;
import io.jxplain.metric.Estimate;
import io.jxplain.metric.Infidelity;
import io.jxplain.metric.MaxSensitivity;
import io.jxplain.metric.Metric;
import io.jxplain.model.Target;
import io.jxplain.model.tree.TreeEnsemble;
import io.jxplain.sample.GaussianPerturbation;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The cases of {@code jxplain bench}: every explainer at the paper's settings (n = 100 and 1000 samples, σ² = 1) and
 * the two metrics Captum also has, each mapped to the Captum measurement with the same method and settings; C-LIME
 * and tabular LIME also to the lime package's (marcotcr) run configured as C-LIME.
 */
public final class BenchCases {
    private BenchCases() {
    }

    /** @param sampleCounts the n for sampling methods (the paper's 100 and 1000; fewer for a smoke run) */
    public static List<BenchCase> all(int d, List<Integer> sampleCounts) {
        List<BenchCase> cases = new ArrayList<>();
        cases.add(explainer("gradient", null, Gradient.builder().build(), "saliency", null, null));
        cases.add(explainer("gradient-x-input", null, GradientTimesInput.builder()
                .build(), "input_x_gradient", null, null));
        cases.add(explainer("integrated-gradients", 50, IntegratedGradients.builder().build(), "ig_gausslegendre", null, null));
        cases.add(explainer("occlusion", null, Occlusion.builder().build(), "feature_ablation", null, null));
        if (d <= ExactShapley.MAX_FEATURES) {
            cases.add(explainer("shapley-exact", null, ExactShapley.builder().build(), "shapley_exact", null, null));
        }
        for (int n : sampleCounts) {
            cases.add(explainer("smoothgrad", n, SmoothGrad.builder().samples(n).sigma2(1.0).build(), "smoothgrad", n, 1.0));
            cases.add(explainer("clime", n, ContinuousLime.builder().samples(n).sigma2(1.0).build(),
                    "clime_captum_limebase", n, 1.0));
            // the same C-LIME against the lime package configured as C-LIME (Gaussian samples, no discretisation)
            cases.add(explainer("clime-vs-lime", n, ContinuousLime.builder().samples(n).sigma2(1.0).build(),
                    "lime_marcotcr", n, 1.0));
            cases.add(explainer("closed-form", n, ClosedFormSmoothGrad.builder().samples(n).sigma2(1.0).build(),
                    null, null, null));
            // tabular LIME with the lime package's defaults (quartile bins of the rows explained, 10 features) against
            // the same lime run: a conservative pairing, since that run skipped lime's discretisation
            cases.add(explainer("lime", n, rows -> Lime.builder().training(rows).samples(n)
                    .build(), "lime_marcotcr", n, 1.0));
        }
        int coalitions = sampleCounts.contains(100) || sampleCounts.contains(1000) ? 200 : sampleCounts.get(0);
        cases.add(explainer("kernel-shap", coalitions, KernelShap.builder().samples(coalitions)
                .build(), "kernel_shap", coalitions, null));
        cases.add(treeShap(d));
        // Captum's infidelity: I ~ N(0, 0.1²I), 100 perturbations, of saliency; sensitivity_max: r = 0.02, 10 points
        cases.add(metric("infidelity(gradient)", 100, Infidelity.builder()
                .perturbation(GaussianPerturbation.isotropic(d, 0.01)).samples(100).build(),
                "infidelity"));
        cases.add(metric("max-sensitivity(gradient)", 10, MaxSensitivity.builder().radius(0.02).samples(10)
                .build(), "sensitivity_max"));
        return cases;
    }

    private static BenchCase explainer(String name, Integer samples, Explainer e, String captum, Integer captumN,
                                       Double sigma2) {
        return explainer(name, samples, rows -> e, captum, captumN, sigma2);
    }

    /** An explainer built from the rows to explain (inside the timing), e.g. LIME's training statistics. */
    private static BenchCase explainer(String name, Integer samples, Function<DMatrixRMaj, Explainer> build,
                                       String captum, Integer captumN, Double sigma2) {
        return new BenchCase(name, "explainer", samples, captum, captumN, sigma2, (model, target, rows, seed, threads) -> {
            List<Explanation> out = build.apply(rows).explainAll(model, target, rows, seed, threads);
            double[] flat = new double[out.size() * rows.numCols];
            for (int i = 0; i < out.size(); i++) {
                System.arraycopy(out.get(i).attributions(), 0, flat, i * rows.numCols, rows.numCols);
            }
            return flat;
        });
    }

    /**
     * TreeSHAP on a model of its own, the rows the same: a seeded random ensemble of 100 trees of depth 6 over the
     * rows' features (the size its throughput goal is set for), explained at its output.
     */
    private static BenchCase treeShap(int d) {
        TreeEnsemble trees = io.jxplain.model.tree.RandomTrees.ensemble(100, 6, d, 5L);
        return new BenchCase("tree-shap", "explainer", null, null, null, null, (model, target, rows, seed, threads) -> {
            List<Explanation> out = TreeShap.builder().build().explainAll(trees, Target.output(0), rows, seed, threads);
            double[] flat = new double[out.size() * rows.numCols];
            for (int i = 0; i < out.size(); i++) {
                System.arraycopy(out.get(i).attributions(), 0, flat, i * rows.numCols, rows.numCols);
            }
            return flat;
        });
    }

    private static BenchCase metric(String name, Integer samples, Metric m, String captum) {
        return new BenchCase(name, "metric", samples, captum, null, null, (model, target, rows, seed, threads) -> {
            List<Estimate> out = m.evaluateAll(model, target, Gradient.builder().build(), rows, seed, threads);
            double[] flat = new double[out.size()];
            for (int i = 0; i < flat.length; i++) {
                flat[i] = out.get(i).value();
            }
            return flat;
        });
    }
}
