package io.jxplain.model;

import java.util.Arrays;

/** A model returned NaN or ±∞; names the offending input row so the problem can be reproduced. */
public final class NonFiniteOutputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient double[] input;

    /** {@code model} (described) returned {@code value} as its {@code what} at row {@code input}. */
    public NonFiniteOutputException(String model, String what, double value, double[] input) {
        super(model + " returned a non-finite " + what + " (" + value + ") for input row ["
                + io.jxplain.Names.shortList(Arrays.stream(input).boxed().toList()) + "]");
        this.input = input.clone();
    }

    /** The input row at which the model failed. */
    public double[] input() {
        return input.clone();
    }
}
