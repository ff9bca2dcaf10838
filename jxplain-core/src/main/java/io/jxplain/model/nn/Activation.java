package io.jxplain.model.nn;

import io.jxplain.kernel.Kernels;
import java.util.Locale;

/** Elementwise activation of a dense layer, with its derivative and a bound on its slope. */
public enum Activation {
    /** elu(v) = v for v &gt; 0, α(eᵛ − 1) otherwise; α comes from the network (default 1). */
    ELU,
    /** relu(v) = max(v, 0). */
    RELU,
    /** tanh(v). */
    TANH,
    /** 1/(1 + e⁻ᵛ). */
    SIGMOID,
    /** v itself (a linear layer). */
    IDENTITY;

    /** a = act(z). */
    public double apply(double z, double eluAlpha) {
        switch (this) {
            case ELU: return z > 0 ? z : (Kernels.expNonPositive(z) - 1.0) * eluAlpha;
            case RELU: return z > 0 ? z : 0.0;
            case TANH: return Math.tanh(z);
            case SIGMOID: return 1.0 / (1.0 + Math.exp(-z));
            default: return z;
        }
    }

    /** act′(z), given also a = act(z) so no transcendental is recomputed. */
    double derivative(double z, double a, double eluAlpha) {
        switch (this) {
            case ELU: return z > 0 ? 1.0 : a + eluAlpha;
            case RELU: return z > 0 ? 1.0 : 0.0;
            case TANH: return 1.0 - a * a;
            case SIGMOID: return a * (1.0 - a);
            default: return 1.0;
        }
    }

    /** a[t] = act(z[t]) for t &lt; length; one switch per layer, not per element. */
    void applyAll(double[] z, double[] a, int length, double eluAlpha) {
        switch (this) {
            case ELU:
                Kernels.elu(z, a, length, eluAlpha); // one definition of the exponential for scalar and SIMD code
                break;
            case RELU:
                for (int t = 0; t < length; t++) {
                    a[t] = Math.max(z[t], 0.0);
                }
                break;
            case IDENTITY:
                System.arraycopy(z, 0, a, 0, length);
                break;
            default:
                for (int t = 0; t < length; t++) {
                    a[t] = apply(z[t], eluAlpha);
                }
        }
    }

    /** g[t] *= act′(z[t]) for t &lt; length, given a = act(z). */
    void scaleByDerivative(double[] g, double[] z, double[] a, int length, double eluAlpha) {
        switch (this) {
            case ELU:
                // For z ≤ 0, a = α(e^z − 1) ≤ 0 and act′ = a + α; for z > 0, a = z and act′ = 1: so with α = 1,
                // act′ = 1 + min(a, 0) everywhere, without a branch.
                if (eluAlpha == 1.0) {
                    for (int t = 0; t < length; t++) {
                        g[t] *= 1.0 + Math.min(a[t], 0.0);
                    }
                } else {
                    for (int t = 0; t < length; t++) {
                        g[t] *= z[t] > 0 ? 1.0 : a[t] + eluAlpha;
                    }
                }
                break;
            case RELU:
                for (int t = 0; t < length; t++) {
                    g[t] = z[t] > 0 ? g[t] : 0.0;
                }
                break;
            case IDENTITY:
                break;
            default:
                for (int t = 0; t < length; t++) {
                    g[t] *= derivative(z[t], a[t], eluAlpha);
                }
        }
    }

    /** sup |act′|: ELU max(1, α), sigmoid 1/4, the others 1. Used by the gradient-norm bound. */
    public double maxSlope(double eluAlpha) {
        switch (this) {
            case ELU: return Math.max(1.0, eluAlpha);
            case SIGMOID: return 0.25;
            default: return 1.0;
        }
    }

    /** The JSON and CLI spelling. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the JSON and CLI spelling; "none" and "linear" mean identity (as in the Captum reference files). */
    public static Activation parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "none":
            case "linear":
            case "identity": return IDENTITY;
            case "elu": return ELU;
            case "relu": return RELU;
            case "tanh": return TANH;
            case "sigmoid": return SIGMOID;
            default: throw new IllegalArgumentException(
                    "unknown activation '" + name + "'; expected one of elu, relu, tanh, sigmoid, identity");
        }
    }
}
