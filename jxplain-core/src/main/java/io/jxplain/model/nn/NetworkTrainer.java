package io.jxplain.model.nn;

import io.jxplain.internal.Checks;
import io.jxplain.model.OutputKind;
import io.jxplain.random.RandomStreams;
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
        /** Epoch {@code epoch} (from 1) ended with this mean loss per row. */
        void epochDone(int epoch, double meanLoss);
    }

    private NetworkTrainer() {
    }

    /** Trains the configured network from its seed, without reporting epochs. */
    public static Network train(DMatrixRMaj features, double[] targets, int classes, TrainingConfig config) {
        return train(features, targets, classes, config, (e, l) -> { });
    }

    /**
     * @param classes number of classes for cross-entropy (labels 0..classes−1); ignored for MSE
     */
    public static Network train(DMatrixRMaj features, double[] targets, int classes, TrainingConfig config,
                                EpochListener listener) {
        boolean classification = config.loss() == Loss.CROSS_ENTROPY;
        if (classification && classes < 2) {
            throw new IllegalArgumentException("classification needs at least 2 classes, got " + classes);
        }
        int outputs = classification ? classes : 1;
        RandomGenerator rng = RandomStreams.stream(config.seed());
        Network initial = initialise(features.numCols, config, outputs,
                classification ? OutputKind.LOGITS : OutputKind.REGRESSION, rng);
        return fit(shared(initial), features, targets, config, rng, listener);
    }

    /**
     * Trains a copy of {@code architecture} (its weights are the starting point, e.g. from {@link NetworkBuilder}):
     * the way to train an image network. Cross-entropy needs labels 0..outputs−1; MSE a single output.
     */
    public static Network train(Network architecture, DMatrixRMaj features, double[] targets, TrainingConfig config,
                                EpochListener listener) {
        return fit(shared(architecture), features, targets, config, RandomStreams.stream(config.seed()), listener);
    }

    /** A network over copies of the layers, shared with it so that training updates them in place. */
    private static Network shared(Network net) {
        return new Network(net.imageLayers(), net.layers(), net.outputKind(), net.eluAlpha(), false);
    }

    private static Network fit(Network net, DMatrixRMaj features, double[] targets, TrainingConfig config,
                               RandomGenerator rng, EpochListener listener) {
        int d = net.inputSize();
        Checks.requireRows("training features", features, d);
        int n = features.numRows;
        if (targets.length != n) {
            throw new IllegalArgumentException("training targets have " + targets.length + " entries for " + n + " rows");
        }
        Checks.requireFinite("training targets", targets);
        boolean classification = config.loss() == Loss.CROSS_ENTROPY;
        int outputs = net.outputSize();
        if (classification) {
            if (net.outputKind() == OutputKind.PROBABILITIES) {
                throw new IllegalArgumentException("train a network with logit outputs; a softmax head is applied by the loss");
            }
            for (int i = 0; i < n; i++) {
                double t = targets[i];
                if (t != Math.rint(t) || t < 0 || t >= outputs) {
                    throw new IllegalArgumentException("label of training row " + i + " is " + t
                            + "; labels must be integers 0.." + (outputs - 1));
                }
            }
        } else if (outputs != 1) {
            throw new IllegalArgumentException("regression (MSE) needs a network with one output, this one has " + outputs);
        }
        List<double[]> parameters = net.sharedParameters();
        Adam adam = new Adam(parameters, config.learningRate());

        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long stepsLeft = config.maxSteps() == TrainingConfig.ALL_STEPS ? Long.MAX_VALUE : config.maxSteps();
        for (int epoch = 1; epoch <= config.epochs() && stepsLeft > 0; epoch++) {
            shuffle(order, rng);
            double lossSum = 0;
            for (int start = 0; start < n && stepsLeft > 0; start += config.batchSize(), stepsLeft--) {
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
                List<double[]> gradients = zerosLike(parameters);
                net.backward(pass, grad, gradients, false);
                adam.step(parameters, gradients, config.l2());
            }
            listener.epochDone(epoch, lossSum / n);
        }
        return new Network(net.sharedImageLayers(), net.sharedLayers(), net.outputKind(), net.eluAlpha());
    }

    /** The configured MLP, initialised as PyTorch's nn.Linear (see {@link NetworkBuilder}). */
    private static Network initialise(int d, TrainingConfig config, int outputs, OutputKind kind, RandomGenerator rng) {
        NetworkBuilder builder = NetworkBuilder.tabular(d);
        for (int units : config.hidden()) {
            builder.dense(units, config.activation());
        }
        return builder.dense(outputs, Activation.IDENTITY).build(kind, rng);
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

    private static List<double[]> zerosLike(List<double[]> parameters) {
        List<double[]> z = new ArrayList<>(parameters.size());
        for (double[] p : parameters) {
            z.add(new double[p.length]);
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

        Adam(List<double[]> parameters, double lr) {
            this.lr = lr;
            m = new double[parameters.size()][];
            v = new double[parameters.size()][];
            for (int p = 0; p < parameters.size(); p++) {
                m[p] = new double[parameters.get(p).length];
                v[p] = new double[parameters.get(p).length];
            }
        }

        /** Parameters come in pairs (weights, bias); the L2 penalty applies to weights only. */
        void step(List<double[]> parameters, List<double[]> grads, double l2) {
            step++;
            double c1 = 1 - Math.pow(BETA1, step);
            double c2 = 1 - Math.pow(BETA2, step);
            for (int p = 0; p < parameters.size(); p++) {
                update(parameters.get(p), grads.get(p), m[p], v[p], c1, c2, p % 2 == 0 ? l2 : 0.0);
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
