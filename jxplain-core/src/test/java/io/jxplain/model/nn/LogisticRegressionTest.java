package io.jxplain.model.nn;

import io.jxplain.data.SimulatedData;
import io.jxplain.model.Accuracy;
import io.jxplain.data.TrainTestSplit;
import io.jxplain.testing.TrainedModels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogisticRegressionTest {
    @Test
    void findsTheBayesBoundaryOfTheSimulatedSet() {
        TrainTestSplit split = TrainedModels.simulatedSplit();
        Network lr = LogisticRegression.fit(split.train().features(), split.train().labels(), 2,
                LogisticRegression.defaults(3L));
        double train = Accuracy.of(lr, split.train().features(), split.train().labels());
        assertTrue(Math.abs(train - SimulatedData.bayesAccuracy()) <= 0.02, "train accuracy " + train);
        // The Bayes boundary is x₁ + x₂ = 0 (on standardised features, nearly so): the two weight differences match.
        // Over seeds the ratio spreads by about 0.08 (sd), so 0.2 is 2.5 standard deviations.
        var w = lr.layers().get(0).weights();
        double w1 = w.get(1, 0) - w.get(0, 0);
        double w2 = w.get(1, 1) - w.get(0, 1);
        assertEquals(1.0, w1 / w2, 0.2);
        assertEquals(1, lr.layers().size());
    }
}
