package io.jxplain.testing;

import io.jxplain.model.Model;
import io.jxplain.model.OutputKind;
import org.ejml.data.DMatrixRMaj;

/** Hides a model's gradients: what an ONNX model or a remote service looks like to jxplain. */
public final class BlackBox implements Model {
    private final Model inner;

    public BlackBox(Model inner) {
        this.inner = inner;
    }

    @Override
    public int inputSize() {
        return inner.inputSize();
    }

    @Override
    public int outputSize() {
        return inner.outputSize();
    }

    @Override
    public OutputKind outputKind() {
        return inner.outputKind();
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj batch) {
        return inner.predict(batch);
    }

    @Override
    public String describe() {
        return "black box of " + inner.describe();
    }
}
