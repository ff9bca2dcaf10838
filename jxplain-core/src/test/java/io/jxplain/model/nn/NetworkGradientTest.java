package io.jxplain.model.nn;

import io.jxplain.model.OutputKind;
import io.jxplain.kernel.RunningMoments;
import io.jxplain.model.Target;
import io.jxplain.model.TargetGradients;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every input gradient of the built-in network against central finite differences (relative error ≤ 1e-6). */
class NetworkGradientTest {

    static Network randomNetwork(int[] sizes, Activation hidden, OutputKind kind, long seed) {
        RandomGenerator rng = RandomStreams.stream(seed);
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            DMatrixRMaj w = new DMatrixRMaj(sizes[l + 1], sizes[l]);
            for (int t = 0; t < w.data.length; t++) {
                w.data[t] = rng.nextGaussian() / Math.sqrt(sizes[l]);
            }
            double[] b = new double[sizes[l + 1]];
            for (int t = 0; t < b.length; t++) {
                b[t] = 0.3 * rng.nextGaussian();
            }
            boolean last = l + 2 == sizes.length;
            layers.add(new DenseLayer(w, b, last ? Activation.IDENTITY : hidden));
        }
        return new Network(layers, kind, 1.0);
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation a : Activation.values()) {
            cases.add(Arguments.of(a, OutputKind.LOGITS, Target.probability(1)));
            cases.add(Arguments.of(a, OutputKind.LOGITS, Target.logit(2)));
            cases.add(Arguments.of(a, OutputKind.PROBABILITIES, Target.probability(0)));
            cases.add(Arguments.of(a, OutputKind.REGRESSION, Target.output(1)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void aRowsValueAndGradientDoNotDependOnTheBatchItIsIn(Activation activation, OutputKind kind, Target target) {
        Network net = randomNetwork(new int[] {5, 7, 6, 3}, activation, kind, 4L);
        RandomGenerator rng = RandomStreams.stream(7L);
        int n = 333; // passes of 256 rows, kernel blocks of 64 rows and a padded tail
        DMatrixRMaj x = new DMatrixRMaj(n, 5);
        for (int t = 0; t < x.data.length; t++) {
            x.data[t] = rng.nextGaussian();
        }
        TargetGradients all = net.targetGradients(target, x);
        DMatrixRMaj outputs = net.predict(x);
        for (int i : new int[] {0, 5, 63, 64, 76, 255, 256, 332}) {
            DMatrixRMaj row = new DMatrixRMaj(1, 5);
            System.arraycopy(x.data, i * 5, row.data, 0, 5);
            TargetGradients alone = net.targetGradients(target, row);
            assertEquals(all.values()[i], alone.values()[0], 0.0, "value of row " + i);
            for (int k = 0; k < 3; k++) {
                assertEquals(outputs.get(i, k), net.predict(row).get(0, k), 0.0, "output of row " + i);
            }
            for (int j = 0; j < 5; j++) {
                assertEquals(all.gradients().get(i, j), alone.gradients().get(0, j), 0.0, "gradient of row " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void gradientMomentsEqualTheGradientsAddedRowByRow(Activation activation, OutputKind kind, Target target) {
        Network net = randomNetwork(new int[] {5, 7, 6, 3}, activation, kind, 4L);
        RandomGenerator rng = RandomStreams.stream(9L);
        // groups inside one pass, groups across passes of 256 rows, one group over two passes, single rows
        for (int groupSize : new int[] {100, 7, 300, 1}) {
            int groups = groupSize == 300 ? 2 : 5;
            DMatrixRMaj x = new DMatrixRMaj(groups * groupSize, 5);
            for (int t = 0; t < x.data.length; t++) {
                x.data[t] = 2 * rng.nextGaussian();
            }
            RunningMoments[] fused = new RunningMoments[groups];
            RunningMoments[] byRows = new RunningMoments[groups];
            for (int k = 0; k < groups; k++) {
                fused[k] = new RunningMoments(5);
                byRows[k] = new RunningMoments(5);
            }
            double[] values = net.targetGradientMoments(target, x, groupSize, fused);
            TargetGradients all = net.targetGradients(target, x);
            for (int r = 0; r < x.numRows; r++) {
                byRows[r / groupSize].add(all.gradients().data, r * 5);
            }
            assertArrayEquals(all.values(), values, 0.0);
            for (int k = 0; k < groups; k++) {
                assertEquals(groupSize, fused[k].count());
                assertArrayEquals(byRows[k].mean(), fused[k].mean(), 0.0, "group " + k + " of " + groupSize);
                if (groupSize > 1) {
                    assertArrayEquals(byRows[k].variance(), fused[k].variance(), 0.0, "group " + k + " of " + groupSize);
                }
            }
        }
        RunningMoments[] wrong = {new RunningMoments(5), new RunningMoments(5)};
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> net.targetGradientMoments(target, new DMatrixRMaj(7, 5), 3, wrong), "2 groups of 3 ≠ 7 rows");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void passesThatReuseWorkArraysGiveTheSameValuesAndNeverShareTheirResults(Activation activation, OutputKind kind,
                                                                          Target target) {
        Network net = randomNetwork(new int[] {5, 7, 6, 3}, activation, kind, 4L);
        RandomGenerator rng = RandomStreams.stream(8L);
        DMatrixRMaj small = new DMatrixRMaj(13, 5);
        DMatrixRMaj large = new DMatrixRMaj(300, 5);
        for (DMatrixRMaj m : List.of(small, large)) {
            for (int t = 0; t < m.data.length; t++) {
                m.data[t] = 3 * rng.nextGaussian();
            }
        }
        TargetGradients first = net.targetGradients(target, small);
        DMatrixRMaj firstOutputs = net.predict(small);
        double[] values = first.values().clone();
        double[] gradients = first.gradients().data.clone();
        double[] outputs = firstOutputs.data.clone();
        net.targetGradients(target, large); // the same thread's work arrays, now longer and full of other rows
        net.predict(large);
        TargetGradients again = net.targetGradients(target, small);
        assertArrayEquals(values, first.values(), 0.0, "a result was overwritten");
        assertArrayEquals(gradients, first.gradients().data, 0.0);
        assertArrayEquals(outputs, firstOutputs.data, 0.0);
        assertArrayEquals(values, again.values(), 0.0, "reused arrays changed a value");
        assertArrayEquals(gradients, again.gradients().data, 0.0);
        // and the same as a pass that allocates every array (the one training and relevance use)
        DMatrixRMaj seeds = new DMatrixRMaj(13, 3);
        double[] v = new double[13];
        Network.ForwardPass pass = net.forward(small);
        target.valuesAndSeeds(kind, pass.output(), v, seeds);
        assertArrayEquals(values, v, 0.0);
        assertArrayEquals(gradients, net.backward(pass, seeds, null, false).data, 0.0);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void gradientMatchesCentralDifferences(Activation activation, OutputKind kind, Target target) {
        Network net = randomNetwork(new int[] {5, 7, 6, 3}, activation, kind, 3L);
        RandomGenerator rng = RandomStreams.stream(99L);
        int n = 20;
        DMatrixRMaj x = new DMatrixRMaj(n, 5);
        for (int t = 0; t < x.data.length; t++) {
            x.data[t] = rng.nextGaussian();
        }
        TargetGradients tg = net.targetGradients(target, x);
        double h = 1e-5;
        for (int i = 0; i < n; i++) {
            double[] fd = new double[5];
            double errSq = 0;
            double normSq = 0;
            for (int j = 0; j < 5; j++) {
                DMatrixRMaj plus = row(x, i);
                DMatrixRMaj minus = row(x, i);
                plus.data[j] += h;
                minus.data[j] -= h;
                fd[j] = (value(net, target, plus) - value(net, target, minus)) / (2 * h);
                double g = tg.gradients().get(i, j);
                errSq += (fd[j] - g) * (fd[j] - g);
                normSq += g * g;
            }
            double rel = Math.sqrt(errSq) / Math.max(Math.sqrt(normSq), 1e-12);
            if (activation == Activation.RELU && normSq == 0) {
                continue; // a dead ReLU row: both are zero
            }
            assertTrue(rel <= 1e-6, "row " + i + ": relative error " + rel);
            assertEquals(value(net, target, row(x, i)), tg.values()[i], 1e-15);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backwardIsTheVectorJacobianProduct(Activation activation, OutputKind kind, Target ignored) {
        Network net = randomNetwork(new int[] {4, 6, 3}, activation, kind, 5L);
        RandomGenerator rng = RandomStreams.stream(8L);
        DMatrixRMaj x = new DMatrixRMaj(3, 4);
        DMatrixRMaj u = new DMatrixRMaj(3, 3);
        for (int t = 0; t < x.data.length; t++) {
            x.data[t] = rng.nextGaussian();
        }
        for (int t = 0; t < u.data.length; t++) {
            u.data[t] = rng.nextGaussian();
        }
        DMatrixRMaj vjp = net.backward(x, u);
        double h = 1e-5;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                DMatrixRMaj plus = row(x, i);
                DMatrixRMaj minus = row(x, i);
                plus.data[j] += h;
                minus.data[j] -= h;
                DMatrixRMaj op = net.predict(plus);
                DMatrixRMaj om = net.predict(minus);
                double fd = 0;
                for (int k = 0; k < 3; k++) {
                    fd += u.get(i, k) * (op.data[k] - om.data[k]) / (2 * h);
                }
                assertEquals(fd, vjp.get(i, j), 1e-6 * Math.max(1, Math.abs(fd)));
            }
        }
    }

    private static DMatrixRMaj row(DMatrixRMaj x, int i) {
        DMatrixRMaj r = new DMatrixRMaj(1, x.numCols);
        System.arraycopy(x.data, i * x.numCols, r.data, 0, x.numCols);
        return r;
    }

    private static double value(Network net, Target target, DMatrixRMaj row) {
        double[] v = new double[1];
        target.valuesAndSeeds(net.outputKind(), net.predict(row), v, null);
        return v[0];
    }
}
