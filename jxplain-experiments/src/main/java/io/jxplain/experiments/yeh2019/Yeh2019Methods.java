package io.jxplain.experiments.yeh2019;

import io.jxplain.explain.Explainer;
import io.jxplain.explain.Gradient;
import io.jxplain.explain.GuidedBackprop;
import io.jxplain.explain.InfidelityOptimal;
import io.jxplain.explain.IntegratedGradients;
import io.jxplain.explain.KernelShap;
import io.jxplain.explain.Quadrature;
import io.jxplain.explain.Smoothed;
import io.jxplain.explain.TimesInput;
import io.jxplain.model.ImageShape;
import io.jxplain.sample.BaselinePerturbation;
import io.jxplain.sample.SquarePatchPerturbation;

import java.util.List;

/** The explanations of Yeh et al.'s Tables 1(a), 1(b) and 2, with the paper's MNIST numbers. */
final class Yeh2019Methods {
    private Yeh2019Methods() {
    }

    /** Yeh et al. §2.4's noisy baseline as their code draws it: x̃ = clip(0 + N(0, 0.2²), 0, 1) for every pixel. */
    static BaselinePerturbation noisyBaseline(ImageShape shape) {
        return BaselinePerturbation.noisy(new double[shape.size()], Yeh2019Config.NOISY_BASELINE_SIGMA).clippedTo(0, 1);
    }

    /** Square patches of sides 1 … 10 (at most the image's side) set to 0, uniformly over sides and positions. */
    static SquarePatchPerturbation squares(ImageShape shape) {
        int[] sides = new int[Math.min(Yeh2019Config.MAX_SQUARE_SIDE, Math.min(shape.height(), shape.width()))];
        for (int s = 0; s < sides.length; s++) {
            sides[s] = s + 1;
        }
        return SquarePatchPerturbation.zeros(shape, sides);
    }

    /** The Square explanation as the authors compute it: from every square (5 605 on MNIST), each once. */
    static Explainer square(ImageShape shape) {
        SquarePatchPerturbation all = squares(shape).exhaustive();
        return InfidelityOptimal.builder().perturbation(all).samples(all.count()).standardErrors(false).global(true)
                .build();
    }

    static Explainer grad() {
        return Gradient.builder().build();
    }

    /** The path-averaged gradient from 0, 10 left-Riemann steps (the authors' IG before the ×x of the global variant). */
    static Explainer localIg() {
        return IntegratedGradients.builder().steps(Yeh2019Config.IG_STEPS).quadrature(Quadrature.RIEMANN_LEFT)
                .pathAverage().build();
    }

    static Explainer sg(Explainer inner, Yeh2019Config c) {
        return Smoothed.builder(inner).samples(c.smoothingSamples()).uniform(Yeh2019Config.SMOOTHING_RADIUS).build();
    }

    /** Table 1(a): local explanations, noisy-baseline infidelity. Paper: SENS_MAX, INFD. */
    static List<YehMethod> local(Yeh2019Config c) {
        return List.of(
                new YehMethod("Grad", grad(), 0.86, 4.12),
                new YehMethod("Grad-SG", sg(grad(), c), 0.23, 1.84),
                new YehMethod("IG", localIg(), 0.77, 2.75),
                new YehMethod("IG-SG", sg(localIg(), c), 0.22, 1.52),
                new YehMethod("GBP", GuidedBackprop.builder().build(), 0.85, 4.13),
                new YehMethod("GBP-SG", sg(GuidedBackprop.builder().build(), c), 0.23, 1.84),
                new YehMethod("Noisy Baseline", InfidelityOptimal.builder().perturbation(noisyBaseline(c.images()
                        .shape())).samples(c.optimalSamples())
                        .standardErrors(false).build(), 0.35, 0.51));
    }

    /** Table 1(b): global explanations (× x), square-removal infidelity. Paper (MNIST): SENS_MAX, INFD. */
    static List<YehMethod> global(Yeh2019Config c) {
        return List.of(
                new YehMethod("Grad", TimesInput.builder(grad()).build(), 0.56, 2.38),
                new YehMethod("Grad-SG", sg(TimesInput.builder(grad()).build(), c), 0.28, 1.89),
                new YehMethod("IG", TimesInput.builder(localIg()).build(), 0.47, 1.88),
                new YehMethod("IG-SG", sg(TimesInput.builder(localIg()).build(), c), 0.26, 1.72),
                new YehMethod("GBP", TimesInput.builder(GuidedBackprop.builder().build()).build(), 0.58, 2.38),
                new YehMethod("GBP-SG", sg(TimesInput.builder(GuidedBackprop.builder().build())
                        .build(), c), 0.29, 1.88),
                new YehMethod("SHAP", KernelShap.builder().samples(c.shapSamples()).build(), 0.35, 1.20),
                new YehMethod("Square", square(c.images().shape()), 0.24, 0.46));
    }

    /** Table 2's explanations (the paper's, on ImageNet; here on the MNIST CNN), with the paper's Corr and Corr (abs). */
    static List<SanityMethod> sanity(Yeh2019Config c) {
        return List.of(
                new SanityMethod("Grad", TimesInput.builder(grad()).build(), 0.17, 0.57),
                new SanityMethod("Grad-SG", sg(TimesInput.builder(grad()).build(), c), 0.10, 0.62),
                new SanityMethod("IG", TimesInput.builder(localIg()).build(), 0.18, 0.61),
                new SanityMethod("IG-SG", sg(TimesInput.builder(localIg()).build(), c), 0.16, 0.62),
                new SanityMethod("Square", square(c.images().shape()), 0.13, 0.28));
    }
}
