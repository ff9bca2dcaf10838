package io.jxplain.model;

/** What a model's raw outputs mean; decides how a {@link Target} reads them. */
public enum OutputKind {
    /** Unnormalised class scores; probabilities are their softmax. */
    LOGITS,
    /** Class probabilities that already sum to one. */
    PROBABILITIES,
    /** Real-valued regression outputs. */
    REGRESSION
}
