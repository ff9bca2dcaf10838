package io.jxplain.model.nn;

import io.jxplain.data.Dataset;
import io.jxplain.data.SimulatedData;
import io.jxplain.data.TrainTestSplit;
import io.jxplain.model.Accuracy;
import io.jxplain.model.OutputKind;
import io.jxplain.random.RandomStreams;
import io.jxplain.testing.TrainedModels;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkTrainerTest {

    @Test
    void thePapersMlpReachesTheBayesAccuracyOnTheSimulatedSet() {
        TrainTestSplit split = TrainedModels.simulatedSplit();
        Network net = TrainedModels.simulatedMlp();
        double bayes = SimulatedData.bayesAccuracy();
        assertEquals(0.9214, bayes, 1e-4);
        // The test split has 200 points: the accuracy's standard error is √(p(1−p)/200) ≈ 0.019, so "within 2 points
        // of Bayes" is checked on the 800 training points (SE ≈ 0.0095) and loosely (3 SE) on the test split.
        double train = Accuracy.of(net, split.train().features(), split.train().labels());
        double test = Accuracy.of(net, split.test().features(), split.test().labels());
        assertTrue(Math.abs(train - bayes) <= 0.02, "train accuracy " + train);
        assertTrue(Math.abs(test - bayes) <= 3 * Math.sqrt(bayes * (1 - bayes) / 200), "test accuracy " + test);
        assertEquals(OutputKind.LOGITS, net.outputKind());
    }

    @Test
    void sameSeedSameNetworkDifferentSeedDifferentNetwork() {
        Dataset data = SimulatedData.generate(200, 1L);
        TrainingConfig config = TrainingConfig.paperDefaults().withEpochs(3);
        Network a = NetworkTrainer.train(data.features(), data.targets(), 2, config);
        Network b = NetworkTrainer.train(data.features(), data.targets(), 2, config);
        Network c = NetworkTrainer.train(data.features(), data.targets(), 2, config.withSeed(2L));
        DMatrixRMaj x = data.features();
        assertArrayEquals(a.predict(x).data, b.predict(x).data, 0.0);
        assertTrue(Math.abs(a.predict(x).data[0] - c.predict(x).data[0]) > 1e-9);
    }

    @Test
    void maxStepsStopsPartWayAndAStepLimitOfWholeEpochsChangesNothing() {
        Dataset data = SimulatedData.generate(200, 1L); // batch 32: 7 steps per epoch
        TrainingConfig twoEpochs = TrainingConfig.paperDefaults().withEpochs(2);
        DMatrixRMaj x = data.features();
        double[] full = NetworkTrainer.train(x, data.targets(), 2, twoEpochs).predict(x).data;
        double[] limitAtEnd = NetworkTrainer.train(x, data.targets(), 2, twoEpochs.withMaxSteps(14)).predict(x).data;
        assertArrayEquals(full, limitAtEnd, 0.0, "a limit at the last step is no limit");
        double[] nine = NetworkTrainer.train(x, data.targets(), 2, twoEpochs.withMaxSteps(9)).predict(x).data;
        double[] nineOfMany = NetworkTrainer.train(x, data.targets(), 2,
                twoEpochs.withEpochs(50).withMaxSteps(9)).predict(x).data;
        assertArrayEquals(nine, nineOfMany, 0.0, "9 steps are the same 9 steps however many epochs are allowed");
        double[] ten = NetworkTrainer.train(x, data.targets(), 2, twoEpochs.withMaxSteps(10)).predict(x).data;
        assertTrue(Math.abs(nine[0] - ten[0]) > 1e-12, "one more step moves the network");
        assertTrue(Math.abs(nine[0] - full[0]) > 1e-12, "9 of 14 steps is not the whole training");
        assertThrows(IllegalArgumentException.class, () -> twoEpochs.withMaxSteps(-1));
    }

    @Test
    void meanSquaredErrorFitsALinearFunction() {
        RandomGenerator rng = RandomStreams.stream(4L);
        int n = 400;
        DMatrixRMaj x = new DMatrixRMaj(n, 2);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x.data[2 * i] = rng.nextGaussian();
            x.data[2 * i + 1] = rng.nextGaussian();
            y[i] = 2 * x.data[2 * i] - x.data[2 * i + 1] + 0.5;
        }
        TrainingConfig config = TrainingConfig.paperDefaults().withHidden(List.of()).withLoss(Loss.MSE).withEpochs(200);
        Network net = NetworkTrainer.train(x, y, 0, config);
        assertEquals(OutputKind.REGRESSION, net.outputKind());
        DMatrixRMaj w = net.layers().get(0).weights();
        assertEquals(2.0, w.get(0, 0), 1e-2);
        assertEquals(-1.0, w.get(0, 1), 1e-2);
        assertEquals(0.5, net.layers().get(0).bias()[0], 1e-2);
    }

    @Test
    void badLabelsAreRejectedNamingTheRow() {
        DMatrixRMaj x = new DMatrixRMaj(3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkTrainer.train(x, new double[] {0, 1, 2.5}, 2, TrainingConfig.paperDefaults()));
        assertTrue(e.getMessage().contains("row 2"), e.getMessage());
        x.data[1] = Double.NaN;
        assertThrows(IllegalArgumentException.class,
                () -> NetworkTrainer.train(x, new double[] {0, 1, 1}, 2, TrainingConfig.paperDefaults()));
    }
}
