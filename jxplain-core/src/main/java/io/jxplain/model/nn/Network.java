package io.jxplain.model.nn;

import io.jxplain.Checks;
import io.jxplain.model.Differentiable;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.model.TargetGradients;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A feed-forward network of dense layers, evaluated and differentiated a whole batch at a time
 * (reverse mode: one backward pass per batch gives every row's input gradient). Immutable.
 * With {@link OutputKind#PROBABILITIES} a softmax is applied after the last layer.
 */
public final class Network implements Differentiable {
    private final List<DenseLayer> layers;
    private final OutputKind outputKind;
    private final double eluAlpha;

    /** Copies the layers; checks that each layer's input size matches the previous layer's output size. */
    public Network(List<DenseLayer> layers, OutputKind outputKind, double eluAlpha) {
        this(copyAll(layers), outputKind, eluAlpha, true);
    }

    /** Shares the given layers (the trainer updates them in place). */
    Network(List<DenseLayer> layers, OutputKind outputKind, double eluAlpha, boolean validate) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inputSize() != layers.get(l - 1).outputSize()) {
                throw new IllegalArgumentException("layer " + l + " takes " + layers.get(l).inputSize()
                        + " inputs but layer " + (l - 1) + " gives " + layers.get(l - 1).outputSize());
            }
        }
        Checks.requirePositive("eluAlpha", eluAlpha);
        this.layers = List.copyOf(layers);
        this.outputKind = outputKind;
        this.eluAlpha = eluAlpha;
    }

    /** Reads a network from the JSON format documented in {@link NetworkJson}. */
    public static Network load(Path path) throws IOException {
        return NetworkJson.read(path).network();
    }

    private static List<DenseLayer> copyAll(List<DenseLayer> layers) {
        List<DenseLayer> copy = new ArrayList<>(layers.size());
        for (DenseLayer layer : layers) {
            copy.add(layer.copy());
        }
        return copy;
    }

    /** The layers (copies: the network stays immutable). */
    public List<DenseLayer> layers() {
        return copyAll(layers);
    }

    List<DenseLayer> sharedLayers() {
        return layers;
    }

    public double eluAlpha() {
        return eluAlpha;
    }

    @Override
    public int inputSize() {
        return layers.get(0).inputSize();
    }

    @Override
    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    @Override
    public OutputKind outputKind() {
        return outputKind;
    }

    @Override
    public String describe() {
        String sizes = inputSize() + "→" + layers.stream()
                .map(l -> l.outputSize() + (l.activation() == Activation.IDENTITY ? "" : " " + l.activation().jsonName()))
                .collect(Collectors.joining("→"));
        return "Network(" + sizes + ", " + outputKind.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj batch) {
        return forward(batch).output();
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj batch, DMatrixRMaj outputGradients) {
        return backward(forward(batch), outputGradients, null);
    }

    @Override
    public TargetGradients targetGradients(Target target, DMatrixRMaj batch) {
        ForwardPass pass = forward(batch);
        int n = batch.numRows;
        double[] values = new double[n];
        DMatrixRMaj seeds = new DMatrixRMaj(n, outputSize());
        target.valuesAndSeeds(outputKind, pass.output(), values, seeds);
        return new TargetGradients(values, backward(pass, seeds, null));
    }

    /** Pre-activations and activations of every layer, kept for the backward pass. */
    record ForwardPass(DMatrixRMaj input, DMatrixRMaj[] pre, DMatrixRMaj[] post, DMatrixRMaj output) {
    }

    ForwardPass forward(DMatrixRMaj batch) {
        if (batch.numCols != inputSize()) {
            throw new IllegalArgumentException("batch has " + batch.numCols + " columns but " + describe()
                    + " takes " + inputSize() + " inputs");
        }
        int n = batch.numRows;
        DMatrixRMaj[] pre = new DMatrixRMaj[layers.size()];
        DMatrixRMaj[] post = new DMatrixRMaj[layers.size()];
        DMatrixRMaj h = batch;
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            int out = layer.outputSize();
            DMatrixRMaj z = new DMatrixRMaj(n, out);
            CommonOps_DDRM.multTransB(h, layer.weights(), z); // z = h·Wᵀ, rows are instances
            DMatrixRMaj a = new DMatrixRMaj(n, out);
            double[] b = layer.bias();
            Activation act = layer.activation();
            for (int i = 0; i < n; i++) {
                int row = i * out;
                for (int j = 0; j < out; j++) {
                    double v = z.data[row + j] + b[j];
                    z.data[row + j] = v;
                    a.data[row + j] = act.apply(v, eluAlpha);
                }
            }
            pre[l] = z;
            post[l] = a;
            h = a;
        }
        DMatrixRMaj output = outputKind == OutputKind.PROBABILITIES ? softmaxRows(h) : h;
        return new ForwardPass(batch, pre, post, output);
    }

    /**
     * Reverse mode: from ∂L/∂output (n×k) to ∂L/∂input (n×d). When {@code parameterGradients} is given,
     * also accumulates ∂L/∂W and ∂L/∂b of every layer into it (used by training).
     */
    DMatrixRMaj backward(ForwardPass pass, DMatrixRMaj outputGradients, DenseLayer[] parameterGradients) {
        int n = pass.input().numRows;
        if (outputGradients.numRows != n || outputGradients.numCols != outputSize()) {
            throw new IllegalArgumentException("output gradients must be " + n + "×" + outputSize() + ", got "
                    + outputGradients.numRows + "×" + outputGradients.numCols);
        }
        DMatrixRMaj g = outputKind == OutputKind.PROBABILITIES
                ? softmaxBackward(pass.output(), outputGradients)
                : outputGradients.copy();
        for (int l = layers.size() - 1; l >= 0; l--) {
            DenseLayer layer = layers.get(l);
            Activation act = layer.activation();
            double[] z = pass.pre()[l].data;
            double[] a = pass.post()[l].data;
            int size = n * layer.outputSize();
            for (int t = 0; t < size; t++) {
                g.data[t] *= act.derivative(z[t], a[t], eluAlpha);
            }
            if (parameterGradients != null) {
                DMatrixRMaj h = l == 0 ? pass.input() : pass.post()[l - 1];
                DenseLayer acc = parameterGradients[l];
                CommonOps_DDRM.multAddTransA(g, h, acc.weights()); // ∂L/∂W += gᵀ·h
                int out = layer.outputSize();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < out; j++) {
                        acc.bias()[j] += g.data[i * out + j];
                    }
                }
            }
            DMatrixRMaj next = new DMatrixRMaj(n, layer.inputSize());
            CommonOps_DDRM.mult(g, layer.weights(), next); // ∂L/∂h = g·W
            g = next;
        }
        return g;
    }

    private static DMatrixRMaj softmaxRows(DMatrixRMaj logits) {
        int n = logits.numRows;
        int k = logits.numCols;
        DMatrixRMaj p = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits.data[i * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double e = Math.exp(logits.data[i * k + j] - max);
                p.data[i * k + j] = e;
                sum += e;
            }
            for (int j = 0; j < k; j++) {
                p.data[i * k + j] /= sum;
            }
        }
        return p;
    }

    // ∂L/∂z = p ⊙ (∂L/∂p − ⟨∂L/∂p, p⟩), the softmax Jacobian applied row by row
    private static DMatrixRMaj softmaxBackward(DMatrixRMaj p, DMatrixRMaj gp) {
        int n = p.numRows;
        int k = p.numCols;
        DMatrixRMaj gz = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            double dot = 0;
            for (int j = 0; j < k; j++) {
                dot += gp.data[i * k + j] * p.data[i * k + j];
            }
            for (int j = 0; j < k; j++) {
                gz.data[i * k + j] = p.data[i * k + j] * (gp.data[i * k + j] - dot);
            }
        }
        return gz;
    }
}
