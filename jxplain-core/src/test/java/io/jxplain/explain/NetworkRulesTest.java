package io.jxplain.explain;

import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Activation;
import io.jxplain.model.nn.DenseLayer;
import io.jxplain.model.nn.Network;
import io.jxplain.random.RandomStreams;
import io.jxplain.testing.TrainedModels;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guided backprop and ε-LRP against hand computations on small networks. */
class NetworkRulesTest {
    private final RandomGenerator rng = RandomStreams.stream(21L);
    private final DMatrixRMaj w1 = random(5, 3);
    private final double[] b1 = {0.1, -0.2, 0.05, 0.3, -0.1};
    private final DMatrixRMaj w2 = random(1, 5);
    private final double[] x = {0.4, -0.7, 1.1};

    private DMatrixRMaj random(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int t = 0; t < m.data.length; t++) {
            m.data[t] = rng.nextGaussian();
        }
        return m;
    }

    private Network relu(double[] bias1, double bias2) {
        return new Network(List.of(new DenseLayer(w1, bias1, Activation.RELU),
                new DenseLayer(w2, new double[] {bias2}, Activation.IDENTITY)), OutputKind.REGRESSION, 1.0);
    }

    @Test
    void guidedBackpropCutsNegativeSignalsAtTheRelu() {
        Network net = relu(b1, 0.2);
        double[] expected = new double[3];
        double[] plain = new double[3];
        for (int j = 0; j < 5; j++) {
            double z = b1[j];
            for (int k = 0; k < 3; k++) {
                z += w1.get(j, k) * x[k];
            }
            double g = z > 0 ? w2.get(0, j) : 0.0;
            for (int k = 0; k < 3; k++) {
                expected[k] += Math.max(g, 0) * w1.get(j, k);
                plain[k] += g * w1.get(j, k);
            }
        }
        assertArrayEquals(expected, GuidedBackprop.builder().build().explain(net, Target.output(0), x, 0L)
                .attributions(), 1e-12);
        assertArrayEquals(plain, Gradient.builder().build().explain(net, Target.output(0), x, 0L)
                .attributions(), 1e-12);
        boolean differs = false;
        for (int k = 0; k < 3; k++) {
            differs |= Math.abs(expected[k] - plain[k]) > 1e-9;
        }
        assertTrue(differs, "the example has a negative signal to cut");
    }

    @Test
    void onANetworkWithoutReluGuidedBackpropIsTheGradient() {
        Network elu = TrainedModels.simulatedMlp();
        double[] point = TrainedModels.simulatedSplit().test().row(1);
        assertArrayEquals(Gradient.builder().build().explain(elu, Target.probability(1), point, 0L).attributions(),
                GuidedBackprop.builder().build().explain(elu, Target.probability(1), point, 0L).attributions(), 0.0);
    }

    @Test
    void lrpConservesTheOutputWithoutBiasesAndIsGradientTimesInputForALinearModel() {
        Network net = relu(new double[5], 0.0);
        double out = net.predict(DMatrixRMaj.wrap(1, 3, x.clone())).data[0];
        double[] r = EpsilonLrp.builder().epsilon(0).build().explain(net, Target.output(0), x, 0L).attributions();
        assertEquals(out, r[0] + r[1] + r[2], 1e-12);
        Network linear = new Network(List.of(new DenseLayer(random(2, 3), new double[2], Activation.IDENTITY)),
                OutputKind.LOGITS, 1.0);
        double[] lrp = EpsilonLrp.builder().epsilon(0).build().explain(linear, Target.logit(1), x, 0L).attributions();
        double[] gxi = GradientTimesInput.builder().build().explain(linear, Target.logit(1), x, 0L).attributions();
        assertArrayEquals(gxi, lrp, 1e-12);
        // a larger ε absorbs relevance: the total shrinks towards 0
        double[] damped = EpsilonLrp.builder().epsilon(10).build().explain(net, Target.output(0), x, 0L).attributions();
        assertTrue(Math.abs(damped[0] + damped[1] + damped[2]) < Math.abs(out));
    }
}
