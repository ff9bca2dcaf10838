package io.jxplain.experiments.yeh2019;

import io.jxplain.explain.Explainer;

/** A row of Yeh et al.'s tables: the paper's label, the explainer that computes it, and the paper's numbers (NaN: none). */
public record YehMethod(String label, Explainer explainer, double paperSensitivity, double paperInfidelity) {
}
