package io.jxplain.experiments.alvarez2018;

import io.jxplain.experiments.data.CompasData;
import io.jxplain.data.Dataset;
import io.jxplain.data.StandardizedSplit;
import io.jxplain.metric.DiscreteLipschitz;
import io.jxplain.model.Accuracy;
import io.jxplain.model.nn.LogisticRegression;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.TrainingConfig;
import org.ejml.data.DMatrixRMaj;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 4 of Alvarez-Melis &amp; Jaakkola 2018 (§3.2): logistic regression on COMPAS (one-hot categories, standardised
 * on the training split), LIME and SHAP explanations ({@link TabularExplainers}) of every test point (10%: ~620, the paper's "~600"), and the
 * discrete Lipschitz estimate (Eq. 2) with ε = 0.1 over the test fold: per point, and the worst pair.
 */
final class CompasRobustness {
    /** What one run found: accuracy, the standardised test rows, and per method the Eq. 2 result. */
    record Result(double testAccuracy, List<String> features, DMatrixRMaj testRows,
                  Map<String, DiscreteLipschitz.Result> byMethod) {
    }

    private CompasRobustness() {
    }

    static Result run(Path file, double epsilon, int epochs, int samples, int shapBackground, long seed, int threads) {
        Dataset data = CompasData.load(file);
        StandardizedSplit split = StandardizedSplit.of(data, 0.9, seed);
        Dataset train = split.split().train();
        Dataset test = split.split().test();
        TrainingConfig config = LogisticRegression.defaults(seed).withEpochs(epochs);
        Network model = LogisticRegression.fit(train.features(), train.labels(), 2, config);
        double accuracy = Accuracy.of(model, test.features(), test.labels());
        Map<String, DiscreteLipschitz.Result> results = new LinkedHashMap<>();
        for (TabularExplainers.Variant v : TabularExplainers.of(train.features(), samples, samples, shapBackground, seed)) {
            results.put(v.label(), DiscreteLipschitz.builder().epsilon(epsilon).build()
                    .evaluate(model, Target.probability(1), v.explainer(),
                    test.features(), test.labels(), seed, threads));
        }
        return new Result(accuracy, data.featureNames(), test.features(), results);
    }
}
