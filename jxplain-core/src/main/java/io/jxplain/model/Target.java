package io.jxplain.model;

import org.ejml.data.DMatrixRMaj;

import java.util.Locale;

/**
 * Which scalar of a model's output is explained: a class probability, a logit, or a raw (regression) output.
 * Immutable; parse the CLI's spelling with {@link #parse(String)}.
 */
public final class Target {
    /** The three ways to read a scalar out of a model's outputs. */
    public enum Kind {
        /** A class probability: the output itself, or the softmax of logits. */
        PROBABILITY,
        /** A class logit, from a model whose outputs are logits. */
        LOGIT,
        /** An output as it is (regression). */
        OUTPUT
    }

    private final Kind kind;
    private final int index;

    private Target(Kind kind, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("target index must be ≥ 0, got " + index);
        }
        this.kind = kind;
        this.index = index;
    }

    /** Probability of class {@code c}: the softmax of a logit model, or the output itself of a probability model. */
    public static Target probability(int c) {
        return new Target(Kind.PROBABILITY, c);
    }

    /** Logit (unnormalised score) of class {@code c}; needs a model that outputs logits. */
    public static Target logit(int c) {
        return new Target(Kind.LOGIT, c);
    }

    /** Raw output {@code i}, whatever it means (a regression value, for instance). */
    public static Target output(int i) {
        return new Target(Kind.OUTPUT, i);
    }

    /** The target of {@code kind} at index {@code i}. */
    public static Target of(Kind kind, int i) {
        return new Target(kind, i);
    }

    /** Parses "probability:1", "logit:0", "output:0" (the CLI's {@code --target}). */
    public static Target parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("target must look like probability:1, logit:0 or output:0, got '" + text + "'");
        }
        int i;
        try {
            i = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target index must be an integer, got '" + parts[1] + "'");
        }
        switch (parts[0]) {
            case "probability": return probability(i);
            case "logit": return logit(i);
            case "output": return output(i);
            default: throw new IllegalArgumentException(
                    "target kind must be probability, logit or output, got '" + parts[0] + "'");
        }
    }

    /** How the scalar is read from the outputs. */
    public Kind kind() {
        return kind;
    }

    /** Which output (class) is read. */
    public int index() {
        return index;
    }

    /** Throws if this target cannot be read from {@code model}'s outputs. */
    public void validateFor(Model model) {
        if (index >= model.outputSize()) {
            throw new IllegalArgumentException("target " + this + " asks for output " + index + " but "
                    + model.describe() + " has " + model.outputSize() + " outputs");
        }
        OutputKind out = model.outputKind();
        if (kind == Kind.PROBABILITY && out == OutputKind.REGRESSION) {
            throw new IllegalArgumentException(model.describe() + " is a regression model; use target output:" + index);
        }
        if (kind == Kind.LOGIT && out != OutputKind.LOGITS) {
            throw new IllegalArgumentException(model.describe() + " outputs " + out.name().toLowerCase(Locale.ROOT)
                    + ", not logits; use target probability:" + index + " or output:" + index);
        }
    }

    /**
     * Reads the explained scalar of each row of {@code outputs} (n×k) into {@code values} and, when
     * {@code seeds} is not null, its gradient with respect to the outputs into {@code seeds} (n×k).
     */
    public void valuesAndSeeds(OutputKind outputKind, DMatrixRMaj outputs, double[] values, DMatrixRMaj seeds) {
        int n = outputs.numRows;
        int k = outputs.numCols;
        double[] o = outputs.data;
        boolean softmax = kind == Kind.PROBABILITY && outputKind == OutputKind.LOGITS;
        double[] exps = softmax ? new double[k] : null;
        if (seeds != null) {
            java.util.Arrays.fill(seeds.data, 0, n * k, 0.0);
        }
        for (int i = 0; i < n; i++) {
            int row = i * k;
            if (!softmax) {
                values[i] = o[row + index];
                if (seeds != null) {
                    seeds.data[row + index] = 1.0;
                }
                continue;
            }
            double sum = Softmax.shiftedExponentials(o, row, k, exps, 0);
            double pc = exps[index] / sum;
            values[i] = pc;
            if (seeds != null) {
                // ∂p_c/∂z_j = p_c(δ_cj − p_j); p_c is p_j at j = c (one division fewer per row, the same value)
                for (int j = 0; j < k; j++) {
                    seeds.data[row + j] = pc * (j == index ? 1.0 - pc : 0.0 - exps[j] / sum);
                }
            }
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Target t && t.kind == kind && t.index == index;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + index;
    }
}
