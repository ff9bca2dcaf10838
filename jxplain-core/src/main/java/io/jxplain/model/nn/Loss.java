package io.jxplain.model.nn;

/** Training loss; decides the trained network's {@link io.jxplain.model.OutputKind}. */
public enum Loss {
    /** Softmax cross-entropy on class labels 0..k−1; the network outputs logits. */
    CROSS_ENTROPY,
    /** Mean squared error on a real target; the network has one regression output. */
    MSE
}
