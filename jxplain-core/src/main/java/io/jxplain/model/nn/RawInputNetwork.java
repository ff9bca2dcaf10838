package io.jxplain.model.nn;

import io.jxplain.model.Differentiable;
import io.jxplain.model.ImageShape;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.model.TargetGradients;
import org.ejml.data.DMatrixRMaj;

import java.util.Optional;

/**
 * A network trained on standardised inputs, as it takes raw rows: each row is standardised with the statistics saved
 * with it, (x − mean)/scale, then passed through; input gradients are the network's divided by the scale (chain
 * rule), so explanations are in the raw data's units.
 */
final class RawInputNetwork implements Differentiable {
    private final Network network;
    private final double[] mean;
    private final double[] scale;

    RawInputNetwork(Network network, double[] mean, double[] scale) {
        this.network = network;
        this.mean = mean.clone();
        this.scale = scale.clone();
    }

    /** (x − mean)/scale, as data.Standardization computes it; not called from here, since data sits above model. */
    private DMatrixRMaj standardised(DMatrixRMaj batch) {
        int d = mean.length;
        if (batch.numCols != d) {
            throw new IllegalArgumentException(describe() + " takes " + d + " features per row, got " + batch.numCols);
        }
        DMatrixRMaj z = new DMatrixRMaj(batch.numRows, d);
        for (int i = 0; i < batch.numRows; i++) {
            for (int j = 0; j < d; j++) {
                z.data[i * d + j] = (batch.data[i * d + j] - mean[j]) / scale[j];
            }
        }
        return z;
    }

    /** ∂f/∂x = ∂f/∂z / scale, column by column, in place. */
    private DMatrixRMaj rawGradients(DMatrixRMaj g) {
        int d = mean.length;
        for (int i = 0; i < g.numRows; i++) {
            for (int j = 0; j < d; j++) {
                g.data[i * d + j] /= scale[j];
            }
        }
        return g;
    }

    @Override
    public int inputSize() {
        return network.inputSize();
    }

    @Override
    public int outputSize() {
        return network.outputSize();
    }

    @Override
    public OutputKind outputKind() {
        return network.outputKind();
    }

    @Override
    public Optional<ImageShape> imageShape() {
        return network.imageShape();
    }

    @Override
    public boolean rowsIndependentOfBatch() {
        return network.rowsIndependentOfBatch();
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj batch) {
        return network.predict(standardised(batch));
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj batch, DMatrixRMaj outputGradients) {
        return rawGradients(network.backward(standardised(batch), outputGradients));
    }

    @Override
    public TargetGradients targetGradients(Target target, DMatrixRMaj batch) {
        TargetGradients tg = network.targetGradients(target, standardised(batch));
        return new TargetGradients(tg.values(), rawGradients(tg.gradients()));
    }

    @Override
    public String describe() {
        return network.describe() + " on raw inputs (standardised with its saved statistics)";
    }
}
