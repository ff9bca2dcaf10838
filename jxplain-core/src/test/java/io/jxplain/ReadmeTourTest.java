package io.jxplain;

import io.jxplain.data.Dataset;
import io.jxplain.data.SimulatedData;
import io.jxplain.data.StandardizedSplit;
import io.jxplain.data.TrainTestSplit;
import io.jxplain.explain.ClosedFormSmoothGrad;
import io.jxplain.explain.ContinuousLime;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkTrainer;
import io.jxplain.model.nn.TrainingConfig;
import io.jxplain.theory.GradientNormBound;
import io.jxplain.theory.SmoothGradLipschitz;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's library tour, kept compiling and true. */
class ReadmeTourTest {
    @Test
    void theTourRuns() {
        // --- README tour starts
        Dataset data = SimulatedData.generate(1000, 42L);
        TrainTestSplit split = StandardizedSplit.of(data, 0.8, 42L).split();     // 80/20, standardised on train
        Network model = NetworkTrainer.train(split.train().features(), split.train().targets(), 2,
                TrainingConfig.paperDefaults());

        Target target = Target.probability(1);
        double[] x = split.test().row(0);
        Explainer sg = SmoothGrad.builder().samples(1000).sigma2(1.0).build();
        Explainer clime = ContinuousLime.builder().samples(1000).sigma2(1.0).build();
        Explanation a = sg.explain(model, target, x, 42L);      // attributions(), standardErrors(), provenance()
        Explanation b = clime.explain(model, target, x, 42L);
        double l1 = a.l1DistanceTo(b);                          // small: both estimate Σ⁻¹·cov(a, f(a))

        // Black-box models: the same limit from function values only (Theorem 1).
        Explanation c = ClosedFormSmoothGrad.builder().samples(1000).build().explain(model, target, x, 42L);

        // Every row, in parallel; identical to one-by-one whatever the thread count.
        List<Explanation> all = sg.explainAll(model, target, split.test().features(), 42L);

        // Theorem 2, corrected: how far can SmoothGrad move when x moves by r?
        double lipschitz = SmoothGradLipschitz.corrected(GradientNormBound.of(model, target), Math.sqrt(1.0));
        // --- README tour ends

        assertEquals(200, all.size());
        double noise = 0; // 4 standard errors of the difference, summed over features
        for (int j = 0; j < 2; j++) {
            noise += 4 * Math.hypot(a.standardErrors()[j], b.standardErrors()[j]);
        }
        assertTrue(l1 <= noise, "l1 " + l1 + " vs " + noise);
        assertEquals(2, c.size());
        assertTrue(lipschitz > 0);
        assertEquals("smoothgrad", a.provenance().method());
    }
}
