package io.jxplain.model;

import org.ejml.data.DMatrixRMaj;

import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Tells, for a model file that does not say, whether its k > 1 outputs are probabilities or logits: it evaluates the
 * model on a fixed set of standard-normal inputs and calls the outputs probabilities when every row lies in [0, 1]
 * and sums to 1. Logits essentially never do on random inputs; a one-output model is read as regression (its
 * probability and raw output are then the same number anyway). The probe is seeded, so the decision is repeatable.
 */
public final class OutputKindProbe {
    static final int ROWS = 16;
    private static final long SEED = 0x6a78706cL;

    private OutputKindProbe() {
    }

    /** The kind read off {@code predict} (n×d inputs → n×k outputs) for a model with {@code inputSize} inputs. */
    public static OutputKind detect(UnaryOperator<DMatrixRMaj> predict, int inputSize, int outputSize) {
        if (outputSize == 1) {
            return OutputKind.REGRESSION;
        }
        SplittableRandom rng = new SplittableRandom(SEED);
        DMatrixRMaj probe = new DMatrixRMaj(ROWS, inputSize);
        for (int i = 0; i < probe.data.length; i++) {
            probe.data[i] = rng.nextGaussian();
        }
        DMatrixRMaj out = predict.apply(probe);
        return looksLikeProbabilities(out) ? OutputKind.PROBABILITIES : OutputKind.LOGITS;
    }

    /** Every row in [0, 1] and summing to 1 within float32 round-off. */
    static boolean looksLikeProbabilities(DMatrixRMaj outputs) {
        int k = outputs.numCols;
        double tolerance = 1e-5 * k;
        for (int i = 0; i < outputs.numRows; i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double p = outputs.get(i, j);
                if (!(p >= 0 && p <= 1)) {
                    return false;
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > tolerance) {
                return false;
            }
        }
        return true;
    }
}
