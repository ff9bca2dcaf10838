package io.jxplain.experiments.yeh2019;

import io.jxplain.explain.Explainer;

/** A column of Yeh et al.'s Table 2: the explanation and the paper's rank correlations, signed and of |φ|. */
public record SanityMethod(String label, Explainer explainer, double paperCorrelation, double paperAbsCorrelation) {
}
