package io.jxplain.testing;

import io.jxplain.model.Differentiable;
import io.jxplain.model.ImageShape;
import io.jxplain.model.OutputKind;
import org.ejml.data.DMatrixRMaj;

import java.util.Optional;

/**
 * A scalar regression model given by a formula and its gradient: the analytic test functions of the theory
 * tests (ridge functions, linear functions), with an exact gradient for the gradient methods.
 */
public final class FunctionModel implements Differentiable {
    /** f and ∇f of one input. */
    public interface Formula {
        double value(double[] a);

        void gradient(double[] a, double[] out);
    }

    private final int d;
    private final Formula formula;
    private final String name;
    private final ImageShape imageShape; // null: a flat input

    public FunctionModel(int d, String name, Formula formula) {
        this(d, name, formula, null);
    }

    private FunctionModel(int d, String name, Formula formula, ImageShape imageShape) {
        this.d = d;
        this.name = name;
        this.formula = formula;
        this.imageShape = imageShape;
    }

    /** f(a) = 1 where a₀ > 0, else 0 (gradient 0 almost everywhere): a model only feature 0 matters to. */
    public static FunctionModel stepOnFirst(int d) {
        return new FunctionModel(d, "step on x0", new Formula() {
            @Override
            public double value(double[] a) {
                return a[0] > 0 ? 1.0 : 0.0;
            }

            @Override
            public void gradient(double[] a, double[] out) {
                java.util.Arrays.fill(out, 0);
            }
        });
    }

    /** f(a), as the formula gives it. */
    public double value(double[] a) {
        return formula.value(a);
    }

    /** The same function, declared to take images of the given shape. */
    public FunctionModel withImageShape(ImageShape shape) {
        if (shape.size() != d) {
            throw new IllegalArgumentException("shape " + shape + " has " + shape.size() + " values, the model takes " + d);
        }
        return new FunctionModel(d, name, formula, shape);
    }

    @Override
    public Optional<ImageShape> imageShape() {
        return Optional.ofNullable(imageShape);
    }

    /** f(a) = sin(wᵀa); its expected gradient under N(x, σ²I) is w·cos(wᵀx)·exp(−σ²‖w‖²/2). */
    public static FunctionModel sinRidge(double[] w) {
        return new FunctionModel(w.length, "sin(wᵀa)", new Formula() {
            @Override
            public double value(double[] a) {
                return Math.sin(dot(w, a));
            }

            @Override
            public void gradient(double[] a, double[] out) {
                double c = Math.cos(dot(w, a));
                for (int j = 0; j < w.length; j++) {
                    out[j] = w[j] * c;
                }
            }
        });
    }

    /** The closed-form SmoothGrad of {@link #sinRidge} under N(x, σ²I): E∇f = w·cos(wᵀx)·exp(−σ²‖w‖²/2). */
    public static double[] sinRidgeSmoothGrad(double[] w, double[] x, double sigma2) {
        return sinRidgeExpectedGradient(w, x, sigma2 * dot(w, w));
    }

    /**
     * Under N(x, Σ), wᵀa ~ N(wᵀx, wᵀΣw) and E cos(wᵀa) = cos(wᵀx)·exp(−wᵀΣw/2): E∇f = w·cos(wᵀx)·exp(−wᵀΣw/2).
     */
    public static double[] sinRidgeExpectedGradient(double[] w, double[] x, double quadraticForm) {
        double damp = Math.exp(-quadraticForm / 2) * Math.cos(dot(w, x));
        double[] g = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            g[j] = w[j] * damp;
        }
        return g;
    }

    /** f(a) = θᵀa + b. */
    public static FunctionModel linear(double[] theta, double b) {
        return new FunctionModel(theta.length, "linear", new Formula() {
            @Override
            public double value(double[] a) {
                return dot(theta, a) + b;
            }

            @Override
            public void gradient(double[] a, double[] out) {
                System.arraycopy(theta, 0, out, 0, theta.length);
            }
        });
    }

    /** f(a) = ½aᵀAa for a symmetric A; ∇f = Aa, so the gradient's Lipschitz constant is ‖A‖₂. */
    public static FunctionModel quadratic(double[][] a) {
        int d = a.length;
        return new FunctionModel(d, "½xᵀAx", new Formula() {
            @Override
            public double value(double[] x) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        s += 0.5 * x[i] * a[i][j] * x[j];
                    }
                }
                return s;
            }

            @Override
            public void gradient(double[] x, double[] out) {
                for (int i = 0; i < d; i++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += a[i][j] * x[j];
                    }
                    out[i] = s;
                }
            }
        });
    }

    /** αf + βg, with gradient α∇f + β∇g. */
    public static FunctionModel combine(double alpha, FunctionModel f, double beta, FunctionModel g) {
        return new FunctionModel(f.d, alpha + "·" + f.name + " + " + beta + "·" + g.name, new Formula() {
            private final double[] tmp = new double[f.d];

            @Override
            public double value(double[] a) {
                return alpha * f.formula.value(a) + beta * g.formula.value(a);
            }

            @Override
            public synchronized void gradient(double[] a, double[] out) {
                f.formula.gradient(a, out);
                g.formula.gradient(a, tmp);
                for (int j = 0; j < out.length; j++) {
                    out[j] = alpha * out[j] + beta * tmp[j];
                }
            }
        });
    }

    public static double dot(double[] u, double[] v) {
        double s = 0;
        for (int j = 0; j < u.length; j++) {
            s += u[j] * v[j];
        }
        return s;
    }

    @Override
    public int inputSize() {
        return d;
    }

    @Override
    public int outputSize() {
        return 1;
    }

    @Override
    public OutputKind outputKind() {
        return OutputKind.REGRESSION;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj batch) {
        DMatrixRMaj out = new DMatrixRMaj(batch.numRows, 1);
        double[] a = new double[d];
        for (int i = 0; i < batch.numRows; i++) {
            System.arraycopy(batch.data, i * d, a, 0, d);
            out.data[i] = formula.value(a);
        }
        return out;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj batch, DMatrixRMaj outputGradients) {
        DMatrixRMaj out = new DMatrixRMaj(batch.numRows, d);
        double[] a = new double[d];
        double[] g = new double[d];
        for (int i = 0; i < batch.numRows; i++) {
            System.arraycopy(batch.data, i * d, a, 0, d);
            formula.gradient(a, g);
            for (int j = 0; j < d; j++) {
                out.data[i * d + j] = g[j] * outputGradients.data[i];
            }
        }
        return out;
    }
}
