package io.jxplain.model;

import java.util.Locale;

/** The element type an external model computes in; jxplain feeds it what the model declares. */
public enum NumericType {
    /** 32-bit IEEE floats (most ONNX and TorchScript exports). */
    FLOAT32(Math.ulp(1.0f)),
    /** 64-bit IEEE doubles, what jxplain computes in. */
    FLOAT64(Math.ulp(1.0));

    private final double machineEpsilon;

    NumericType(double machineEpsilon) {
        this.machineEpsilon = machineEpsilon;
    }

    /** 2⁻²³ or 2⁻⁵²: the spacing of representable numbers just above 1. */
    public double machineEpsilon() {
        return machineEpsilon;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
