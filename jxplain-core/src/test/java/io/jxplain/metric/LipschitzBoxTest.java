package io.jxplain.metric;

import io.jxplain.explain.Gradient;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.sample.Perturbation;
import io.jxplain.testing.TrainedModels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lipschitz search's neighbourhood is handed in as a perturbation, like every other metric's. */
class LipschitzBoxTest {
    @Test
    void theBoxIsAPerturbationAndGivesTheValueOfItsHalfWidth() {
        Network net = TrainedModels.simulatedMlp();
        double[] x = TrainedModels.simulatedSplit().test().features().data.clone();
        double[] point = {x[0], x[1]};
        Estimate byBox = LocalLipschitzEstimate.builder().budget(15).within(Perturbation.uniformBox(0.3)).build()
                .evaluate(net, Target.probability(1), Gradient.builder().build(), point, 7L);
        Estimate byEpsilon = LocalLipschitzEstimate.builder().budget(15).epsilon(0.3).build()
                .evaluate(net, Target.probability(1), Gradient.builder().build(), point, 7L);
        assertEquals(byEpsilon.value(), byBox.value(), 0.0);
        assertTrue(byBox.value() > 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalLipschitzEstimate.builder().within(Perturbation.gaussian(0.1)).build());
        assertTrue(e.getMessage().contains("uniformBox"), e.getMessage());
    }
}
