package io.jxplain.experiments;

import io.jxplain.internal.Checks;
import io.jxplain.model.Model;
import io.jxplain.model.OutputKind;
import org.ejml.data.DMatrixRMaj;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A random forest trained with Tribuo (Apache-2.0), as a jxplain black-box {@link Model}: the class probabilities
 * averaged over the trees (scikit-learn's rule), or the trees' mean for regression. As in scikit-learn's defaults,
 * trees grow until their leaves are pure (Tribuo's minimum child weight 1) and each split looks at √d features
 * (classification) or d/3 (regression, R's randomForest default: Tribuo's forests require a fraction below 1); each
 * tree sees a bootstrap sample.
 */
public final class RandomForest implements Model {
    /** Tribuo logs every tree it builds at INFO through java.util.logging; kept referenced so the level holds. */
    private static final java.util.logging.Logger TRIBUO_LOG = quiet();

    private final org.tribuo.Model<?> forest;
    private final int d;
    private final int outputs;
    private final boolean regression;
    private final String[] names;

    private RandomForest(org.tribuo.Model<?> forest, int d, int outputs, boolean regression) {
        this.forest = forest;
        this.d = d;
        this.outputs = outputs;
        this.regression = regression;
        this.names = featureNames(d);
    }

    /** A classifier on rows {@code x} with labels 0..classes−1. */
    public static RandomForest classifier(DMatrixRMaj x, int[] labels, int classes, int trees, long seed) {
        Checks.requirePositive("trees", trees);
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = dataset(x, factory, i -> new Label(String.valueOf(labels[i])));
        float fraction = (float) (Math.ceil(Math.sqrt(x.numCols)) / x.numCols);
        CARTClassificationTrainer tree = new CARTClassificationTrainer(Integer.MAX_VALUE, 1f, 0f, fraction,
                new GiniIndex(), seed);
        var trainer = new RandomForestTrainer<>(tree, new FullyWeightedVotingCombiner(), trees, seed);
        return new RandomForest(trainer.train(data), x.numCols, classes, false);
    }

    /** A regressor on rows {@code x} with targets {@code y}. */
    public static RandomForest regressor(DMatrixRMaj x, double[] y, int trees, long seed) {
        Checks.requirePositive("trees", trees);
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = dataset(x, factory, i -> new Regressor("y", y[i]));
        float fraction = (float) (Math.max(1, x.numCols / 3) / (double) x.numCols);
        CARTRegressionTrainer tree = new CARTRegressionTrainer(Integer.MAX_VALUE, 1f, 0f, fraction, false,
                new MeanSquaredError(), seed);
        var trainer = new RandomForestTrainer<>(tree, new AveragingCombiner(), trees, seed);
        return new RandomForest(trainer.train(data), x.numCols, 1, true);
    }

    @Override
    public int inputSize() {
        return d;
    }

    @Override
    public int outputSize() {
        return outputs;
    }

    @Override
    public OutputKind outputKind() {
        return regression ? OutputKind.REGRESSION : OutputKind.PROBABILITIES;
    }

    /** Tribuo predicts example by example. */
    @Override
    public boolean rowsIndependentOfBatch() {
        return true;
    }

    @Override
    public String describe() {
        return "random forest (" + d + "→" + outputs + (regression ? ", regression" : ", probabilities") + ")";
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public DMatrixRMaj predict(DMatrixRMaj batch) {
        Checks.requireRows("batch", batch, d);
        List<Example> examples = new ArrayList<>(batch.numRows);
        Output<?> unknown = regression ? RegressionFactory.UNKNOWN_REGRESSOR : LabelFactory.UNKNOWN_LABEL;
        for (int i = 0; i < batch.numRows; i++) {
            double[] row = java.util.Arrays.copyOfRange(batch.data, i * d, (i + 1) * d);
            examples.add(new ArrayExample(unknown, names, row));
        }
        List<Prediction> predictions = ((org.tribuo.Model) forest).predict((Iterable) examples);
        DMatrixRMaj out = new DMatrixRMaj(batch.numRows, outputs);
        for (int i = 0; i < batch.numRows; i++) {
            Prediction p = predictions.get(i);
            if (regression) {
                out.set(i, 0, ((Regressor) p.getOutput()).getValues()[0]);
            } else {
                var scores = (java.util.Map<String, Label>) p.getOutputScores();
                for (int c = 0; c < outputs; c++) {
                    Label l = scores.get(String.valueOf(c));
                    out.set(i, c, l == null ? 0 : l.getScore());
                }
            }
        }
        return out;
    }

    private static <T extends Output<T>> MutableDataset<T> dataset(DMatrixRMaj x, OutputFactory<T> factory,
                                                                   Function<Integer, T> output) {
        MutableDataset<T> data = new MutableDataset<>(new SimpleDataSourceProvenance("jxplain rows", factory), factory);
        String[] names = featureNames(x.numCols);
        for (int i = 0; i < x.numRows; i++) {
            double[] row = java.util.Arrays.copyOfRange(x.data, i * x.numCols, (i + 1) * x.numCols);
            data.add(new ArrayExample<>(output.apply(i), names, row));
        }
        return data;
    }

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.tribuo");
        log.setLevel(java.util.logging.Level.WARNING);
        return log;
    }

    /** Zero-padded, so Tribuo's sorted feature order is the column order. */
    private static String[] featureNames(int d) {
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = String.format(java.util.Locale.ROOT, "x%05d", j);
        }
        return names;
    }
}
