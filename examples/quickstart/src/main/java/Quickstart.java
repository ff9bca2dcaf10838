import io.jxplain.data.CsvDatasetReader;
import io.jxplain.data.Dataset;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.KernelShap;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.metric.Infidelity;
import io.jxplain.metric.MaxSensitivity;
import io.jxplain.metric.Metric;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.model.nn.NetworkFile;
import io.jxplain.sample.GaussianPerturbation;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Explains a CSV with a saved model, by two explainers, and measures both. Args: MODEL.json DATA.csv LABEL */
public class Quickstart {
    public static void main(String[] args) throws Exception {
        Model model = NetworkFile.load(Path.of(args[0])).model(); // takes raw rows: standardises as it was trained
        Dataset data = CsvDatasetReader.read(Path.of(args[1]), args[2], System.err::println);
        Target target = Target.probability(1);
        List<Explainer> explainers = List.of(SmoothGrad.builder().samples(200).sigma2(0.1).build(),
                KernelShap.builder().samples(200).build());
        List<Metric> metrics = List.of(Infidelity.builder()
                .perturbation(GaussianPerturbation.isotropic(data.dimension(), 0.01)).build(),
                MaxSensitivity.builder().radius(0.02).samples(10).build());
        for (Explainer explainer : explainers) {
            List<Explanation> all = explainer.explainAll(model, target, data.features(), 42L);
            System.out.println(explainer.name() + " row 0: " + Arrays.toString(all.get(0).attributions()));
            for (Metric metric : metrics) {
                double mean = metric.evaluateAll(model, target, explainer, data.features(), 42L, 2).stream()
                        .mapToDouble(e -> e.value()).average().orElseThrow();
                System.out.println(explainer.name() + " " + metric.name() + " mean " + mean);
            }
        }
    }
}
