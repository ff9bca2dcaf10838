package io.jxplain.experiments.agarwal2021;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jxplain.data.DataFormatException;
import io.jxplain.experiments.Progress;
import io.jxplain.experiments.Statistics;
import io.jxplain.metric.NeighbourhoodRobustness;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkJson;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figures 2 and 3 on Captum's own networks, like for like: jxplain's curves on the networks, test points, σ², n grid
 * and neighbourhood that shared/reference used with Captum (README there), beside Captum's numbers. Both sides draw
 * SmoothGrad and C-LIME independently; C-LIME is Captum's ordinary least squares ({@code clime_torch}).
 *
 * @param dataset     the reference's data set folder ({@code simulated}, {@code breast_cancer})
 * @param jxplain     jxplain's curves at every test point of the reference
 * @param captum      Captum's: equivalence, robustness of SmoothGrad, robustness of C-LIME (no ‖SmoothGrad‖₁)
 */
public record CaptumComparison(String dataset, List<Integer> sampleSizes, double sigma2, CurveStatistics jxplain,
                               CurveStatistics captum) {
    /** The reference's data sets, each a folder with model.json, inputs.json and experiments.json. */
    public static final List<String> DATASETS = List.of("simulated", "breast_cancer");

    static List<CaptumComparison> compute(Path referenceDir, Agarwal2021Config config, Progress progress)
            throws IOException {
        List<CaptumComparison> out = new ArrayList<>();
        for (String dataset : DATASETS) {
            out.add(compute(referenceDir.resolve(dataset), dataset, config, progress));
        }
        return out;
    }

    private static CaptumComparison compute(Path dir, String dataset, Agarwal2021Config config, Progress progress)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        Network network = NetworkJson.read(dir.resolve("model.json")).network();
        DMatrixRMaj points = matrix(json.readTree(file(dir, "inputs.json").toFile()).get("X_test"), dir);
        JsonNode experiments = json.readTree(file(dir, "experiments.json").toFile());
        double sigma2 = experiments.get("sigma2").asDouble();
        JsonNode neighbours = experiments.get("figure3_neighbours");
        NeighbourhoodRobustness robustness = NeighbourhoodRobustness.builder().neighbours(neighbours.get("k").asInt())
                .variance(neighbours.get("sigma2").asDouble()).build();
        List<Integer> grid = new ArrayList<>();
        List<Statistics> equivalence = new ArrayList<>();
        for (JsonNode row : experiments.get("figure2")) {
            grid.add(row.get("n").asInt());
            equivalence.add(statistics(row.get("sg_vs_clime_torch"), "mean_l1", points.numRows));
        }
        List<Statistics> robustSg = new ArrayList<>();
        List<Statistics> robustCl = new ArrayList<>();
        JsonNode byN = experiments.get("figure3").get("by_n");
        for (int k = 0; k < grid.size(); k++) {
            JsonNode row = byN.get(k);
            if (row == null || row.get("n").asInt() != grid.get(k)) {
                throw new DataFormatException(dir.resolve("experiments.json") + ": figure3.by_n does not follow "
                        + "figure2's n grid " + grid);
            }
            robustSg.add(statistics(row.get("smoothgrad"), "mean_max_l1", points.numRows));
            robustCl.add(statistics(row.get("clime_torch"), "mean_max_l1", points.numRows));
        }
        CurveStatistics ours = CurveRun.measure("captum-reference " + dataset, network, points, points.numRows, grid,
                sigma2, robustness, config, progress);
        CurveStatistics theirs = new CurveStatistics(equivalence, robustSg, robustCl, List.of(), Double.NaN);
        return new CaptumComparison(dataset, List.copyOf(grid), sigma2, ours, theirs);
    }

    /** How many of Captum's standard errors and ours combined separate the two means. */
    static double z(Statistics ours, Statistics theirs) {
        return (ours.mean() - theirs.mean()) / Math.hypot(ours.standardError(), theirs.standardError());
    }

    private static Path file(Path dir, String name) {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new DataFormatException(f + ": not found; --captum-reference names the folder that holds "
                    + String.join("/ and ", DATASETS) + "/ (shared/reference)");
        }
        return f;
    }

    private static Statistics statistics(JsonNode node, String meanField, int points) {
        return new Statistics(node.get(meanField).asDouble(), node.get("sem").asDouble(), Double.NaN, Double.NaN,
                points);
    }

    private static DMatrixRMaj matrix(JsonNode rows, Path dir) {
        if (rows == null || !rows.isArray() || rows.isEmpty()) {
            throw new DataFormatException(dir.resolve("inputs.json") + ": X_test is missing or empty");
        }
        int d = rows.get(0).size();
        DMatrixRMaj m = new DMatrixRMaj(rows.size(), d);
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < d; j++) {
                m.set(i, j, rows.get(i).get(j).asDouble());
            }
        }
        return m;
    }
}
