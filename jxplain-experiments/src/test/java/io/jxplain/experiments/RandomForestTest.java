package io.jxplain.experiments;

import io.jxplain.internal.Parallel;
import io.jxplain.model.Accuracy;
import io.jxplain.model.OutputKind;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomForestTest {
    private static DMatrixRMaj rows(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, 3);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextGaussian();
        }
        return x;
    }

    @Test
    void classifierLearnsAnAxisAlignedBoundaryAndReturnsProbabilities() {
        DMatrixRMaj train = rows(400, 1);
        DMatrixRMaj test = rows(400, 2);
        int[] y = new int[400];
        int[] yTest = new int[400];
        for (int i = 0; i < 400; i++) {
            y[i] = train.get(i, 0) > 0.3 ? 1 : 0;
            yTest[i] = test.get(i, 0) > 0.3 ? 1 : 0;
        }
        RandomForest forest = RandomForest.classifier(train, y, 2, 20, 7L);
        assertEquals(OutputKind.PROBABILITIES, forest.outputKind());
        double accuracy = Accuracy.of(forest, test, yTest);
        assertTrue(accuracy > 0.93, "test accuracy " + accuracy);
        DMatrixRMaj p = forest.predict(test);
        for (int i = 0; i < p.numRows; i++) {
            assertEquals(1.0, p.get(i, 0) + p.get(i, 1), 1e-6);
            assertTrue(p.get(i, 0) >= 0 && p.get(i, 1) >= 0);
        }
        RandomForest again = RandomForest.classifier(train, y, 2, 20, 7L);
        assertArrayEquals(p.data, again.predict(test).data, 0.0, "same seed, same forest");
    }

    @Test
    void regressorFitsASmoothFunctionAndPredictsTheSameFromManyThreads() {
        DMatrixRMaj train = rows(500, 3);
        DMatrixRMaj test = rows(200, 4);
        double[] y = new double[500];
        for (int i = 0; i < 500; i++) {
            y[i] = 2 * train.get(i, 0) + train.get(i, 1);
        }
        RandomForest forest = RandomForest.regressor(train, y, 30, 9L);
        DMatrixRMaj out = forest.predict(test);
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < 200; i++) {
            double truth = 2 * test.get(i, 0) + test.get(i, 1);
            sse += Math.pow(truth - out.get(i, 0), 2);
            sst += truth * truth;
        }
        assertTrue(1 - sse / sst > 0.8, "R² " + (1 - sse / sst));
        double[][] parallel = new double[200][];
        Parallel.forEachIndex(0, 200, 2, i -> parallel[i] = forest.predict(
                DMatrixRMaj.wrap(1, 3, new double[] {test.get(i, 0), test.get(i, 1), test.get(i, 2)})).data);
        for (int i = 0; i < 200; i++) {
            assertEquals(out.get(i, 0), parallel[i][0], 0.0);
        }
    }
}
