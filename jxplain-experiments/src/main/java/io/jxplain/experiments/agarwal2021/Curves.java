package io.jxplain.experiments.agarwal2021;

import io.jxplain.experiments.Statistics;

import java.util.List;

/**
 * One (data set, model, σ²) run: for every n of the grid, statistics over test points of the SmoothGrad–C-LIME
 * L1 distance (Figure 2), of the robustness distances of each method (Figure 3), and of ‖SmoothGrad‖₁ (to put the
 * distances on a relative scale).
 */
public record Curves(String label, TrainedModel model, double sigma2, List<Integer> sampleSizes,
                     List<Statistics> equivalence, List<Statistics> robustnessSmoothGrad,
                     List<Statistics> robustnessClime, List<Statistics> smoothGradNorm, double medianInputNorm) {

    public double[] n() {
        return sampleSizes.stream().mapToDouble(Integer::doubleValue).toArray();
    }

    public static double[] means(List<Statistics> s) {
        return s.stream().mapToDouble(Statistics::mean).toArray();
    }

    /** Smallest n of the grid whose mean SmoothGrad–C-LIME distance is below ε, or −1 if none is. */
    public int firstNBelow(double epsilon) {
        for (int k = 0; k < sampleSizes.size(); k++) {
            if (equivalence.get(k).mean() < epsilon) {
                return sampleSizes.get(k);
            }
        }
        return -1;
    }
}
