package io.jxplain.theory;

import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.model.nn.DenseLayer;
import io.jxplain.model.nn.Network;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

import java.util.List;

/**
 * An upper bound on sup_x ‖∇f(x)‖₂ for a built-in network: by the chain rule ∇f = J_headᵀ·W_Lᵀ·D_{L−1}·…·D_1·W_1
 * with diagonal D_l holding activation slopes, so ‖∇f‖ ≤ c_head · Π‖W_l‖₂ · Π sup|act_l′|. The spectral norms
 * come from EJML's SVD. c_head bounds the target's sensitivity to the last layer's output:
 * <ul>
 * <li>raw output or logit i: 1 for the last layer's row i (its norm is used instead of ‖W_L‖₂);</li>
 * <li>softmax probability p_c: ‖p_c(e_c − p)‖₂ ≤ √2·p_c(1 − p_c) ≤ √2/4, since Σ_{j≠c} p_j² ≤ (1 − p_c)².</li>
 * </ul>
 */
public final class GradientNormBound {
    private GradientNormBound() {
    }

    /** The bound for {@code network}'s explained scalar {@code target}. */
    public static double of(Network network, Target target) {
        target.validateFor(network);
        if (network.imageShape().isPresent()) {
            throw new IllegalArgumentException("the gradient-norm bound covers dense networks only; "
                    + network.describe() + " has convolution or pooling layers");
        }
        List<DenseLayer> layers = network.layers();
        int last = layers.size() - 1;
        double bound = 1.0;
        for (int l = 0; l < last; l++) {
            bound *= spectralNorm(layers.get(l).weights()) * layers.get(l).activation().maxSlope(network.eluAlpha());
        }
        DenseLayer top = layers.get(last);
        double topSlope = top.activation().maxSlope(network.eluAlpha());
        boolean probability = target.kind() == Target.Kind.PROBABILITY
                || network.outputKind() == OutputKind.PROBABILITIES;
        if (probability) {
            return bound * spectralNorm(top.weights()) * topSlope * Math.sqrt(2) / 4;
        }
        DMatrixRMaj row = new DMatrixRMaj(1, top.inputSize());
        for (int j = 0; j < top.inputSize(); j++) {
            row.data[j] = top.weights().get(target.index(), j);
        }
        return bound * spectralNorm(row) * topSlope;
    }

    /** Largest singular value. */
    public static double spectralNorm(DMatrixRMaj m) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false, false, true);
        if (!svd.decompose(m.copy())) {
            throw new IllegalStateException("SVD failed");
        }
        double max = 0;
        for (double s : svd.getSingularValues()) {
            max = Math.max(max, s);
        }
        return max;
    }
}
