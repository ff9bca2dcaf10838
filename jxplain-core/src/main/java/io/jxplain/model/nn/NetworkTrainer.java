package io.jxplain.model.nn;

import io.jxplain.Checks;
import io.jxplain.model.OutputKind;
import io.jxplain.sample.RandomStreams;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Mini-batch training with Adam (Kingma &amp; Ba 2015; β₁ = 0.9, β₂ = 0.999, ε = 1e-8 as in PyTorch).
 * Written by hand because the JVM's deep-learning libraries bring native engines; the built-in network is
 * small and pure Java, and its backward pass is the one the explainers use. Same seed, same network.
 */
public final class NetworkTrainer {
    /** Called after every epoch with the epoch (1-based) and its mean training loss. */
    public interface EpochListener {
        void epochDone(int epoch, double meanLoss);
    }

    private NetworkTrainer() {
    }

    public static Network train(DMatrixRMaj features, double[] targets, int classes, TrainingConfig config) {
        return train(features, targets, classes, config, (e, l) -> { });
    }

    /**
     * @param classes number of classes for cross-entropy (labels 0..classes−1); ignored for MSE
     */
    public static Network train(DMatrixRMaj features, double[] targets, int classes, TrainingConfig config,
                                EpochListener listener) {
        int d = features.numCols;
        Checks.requireRows("training features", features, d);
        int n = features.numRows;
        if (targets.length != n) {
            throw new IllegalArgumentException("training targets have " + targets.length + " entries for " + n + " rows");
        }
        Checks.requireFinite("training targets", targets);
        boolean classification = config.loss() == Loss.CROSS_ENTROPY;
        int outputs = classification ? classes : 1;
        if (classification) {
            if (classes < 2) {
                throw new IllegalArgumentException("classification needs at least 2 classes, got " + classes);
            }
            for (int i = 0; i < n; i++) {
                double t = targets[i];
                if (t != Math.rint(t) || t < 0 || t >= classes) {
                    throw new IllegalArgumentException("label of training row " + i + " is " + t
                            + "; labels must be integers 0.." + (classes - 1));
                }
            }
        }
        RandomGenerator rng = RandomStreams.stream(config.seed());
        List<DenseLayer> layers = initialise(d, config, outputs, rng);
        Network net = new Network(layers, classification ? OutputKind.LOGITS : OutputKind.REGRESSION, 1.0, false);
        Adam adam = new Adam(layers, config.learningRate());

        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            shuffle(order, rng);
            double lossSum = 0;
            for (int start = 0; start < n; start += config.batchSize()) {
                int end = Math.min(n, start + config.batchSize());
                int m = end - start;
                DMatrixRMaj x = new DMatrixRMaj(m, d);
                double[] t = new double[m];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(features.data, order[start + i] * d, x.data, i * d, d);
                    t[i] = targets[order[start + i]];
                }
                Network.ForwardPass pass = net.forward(x);
                DMatrixRMaj grad = new DMatrixRMaj(m, outputs);
                lossSum += classification
                        ? crossEntropy(pass.output(), t, grad)
                        : meanSquaredError(pass.output(), t, grad);
                DenseLayer[] paramGrads = zerosLike(layers);
                net.backward(pass, grad, paramGrads, false);
                adam.step(layers, paramGrads, config.l2());
            }
            listener.epochDone(epoch, lossSum / n);
        }
        return new Network(layers, net.outputKind(), 1.0);
    }

    /** PyTorch's default for nn.Linear: W and b uniform in ±1/√fan_in. */
    private static List<DenseLayer> initialise(int d, TrainingConfig config, int outputs, RandomGenerator rng) {
        List<DenseLayer> layers = new ArrayList<>();
        int in = d;
        List<Integer> sizes = new ArrayList<>(config.hidden());
        sizes.add(outputs);
        for (int l = 0; l < sizes.size(); l++) {
            int out = sizes.get(l);
            double bound = 1.0 / Math.sqrt(in);
            DMatrixRMaj w = new DMatrixRMaj(out, in);
            for (int t = 0; t < w.data.length; t++) {
                w.data[t] = rng.nextDouble(-bound, bound);
            }
            double[] b = new double[out];
            for (int t = 0; t < out; t++) {
                b[t] = rng.nextDouble(-bound, bound);
            }
            boolean last = l == sizes.size() - 1;
            layers.add(new DenseLayer(w, b, last ? Activation.IDENTITY : config.activation()));
            in = out;
        }
        return layers;
    }

    /** Sum over the batch of −log softmax(z)[t]; writes ∂(mean loss)/∂z into grad. */
    private static double crossEntropy(DMatrixRMaj logits, double[] t, DMatrixRMaj grad) {
        int m = logits.numRows;
        int k = logits.numCols;
        double total = 0;
        for (int i = 0; i < m; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits.data[i * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logits.data[i * k + j] - max);
            }
            int label = (int) t[i];
            total += -(logits.data[i * k + label] - max - Math.log(sum));
            for (int j = 0; j < k; j++) {
                double p = Math.exp(logits.data[i * k + j] - max) / sum;
                grad.data[i * k + j] = (p - (j == label ? 1.0 : 0.0)) / m;
            }
        }
        return total;
    }

    private static double meanSquaredError(DMatrixRMaj y, double[] t, DMatrixRMaj grad) {
        int m = y.numRows;
        double total = 0;
        for (int i = 0; i < m; i++) {
            double r = y.data[i] - t[i];
            total += r * r;
            grad.data[i] = 2 * r / m;
        }
        return total;
    }

    private static DenseLayer[] zerosLike(List<DenseLayer> layers) {
        DenseLayer[] z = new DenseLayer[layers.size()];
        for (int l = 0; l < z.length; l++) {
            DenseLayer layer = layers.get(l);
            z[l] = new DenseLayer(new DMatrixRMaj(layer.outputSize(), layer.inputSize()),
                    new double[layer.outputSize()], layer.activation());
        }
        return z;
    }

    private static void shuffle(int[] a, RandomGenerator rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /** Adam's moment estimates, one pair per parameter array, updated in place. */
    private static final class Adam {
        private static final double BETA1 = 0.9;
        private static final double BETA2 = 0.999;
        private static final double EPS = 1e-8;
        private final double lr;
        private final double[][] m;
        private final double[][] v;
        private int step;

        Adam(List<DenseLayer> layers, double lr) {
            this.lr = lr;
            m = new double[layers.size() * 2][];
            v = new double[layers.size() * 2][];
            for (int l = 0; l < layers.size(); l++) {
                m[2 * l] = new double[layers.get(l).weights().data.length];
                v[2 * l] = new double[layers.get(l).weights().data.length];
                m[2 * l + 1] = new double[layers.get(l).bias().length];
                v[2 * l + 1] = new double[layers.get(l).bias().length];
            }
        }

        void step(List<DenseLayer> layers, DenseLayer[] grads, double l2) {
            step++;
            double c1 = 1 - Math.pow(BETA1, step);
            double c2 = 1 - Math.pow(BETA2, step);
            for (int l = 0; l < layers.size(); l++) {
                update(layers.get(l).weights().data, grads[l].weights().data, m[2 * l], v[2 * l], c1, c2, l2);
                update(layers.get(l).bias(), grads[l].bias(), m[2 * l + 1], v[2 * l + 1], c1, c2, 0.0);
            }
        }

        private void update(double[] p, double[] g, double[] m1, double[] m2, double c1, double c2, double l2) {
            for (int i = 0; i < p.length; i++) {
                double gi = g[i] + l2 * p[i];
                m1[i] = BETA1 * m1[i] + (1 - BETA1) * gi;
                m2[i] = BETA2 * m2[i] + (1 - BETA2) * gi * gi;
                p[i] -= lr * (m1[i] / c1) / (Math.sqrt(m2[i] / c2) + EPS);
            }
        }
    }
}
