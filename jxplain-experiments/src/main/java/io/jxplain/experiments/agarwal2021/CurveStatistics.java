package io.jxplain.experiments.agarwal2021;

import io.jxplain.experiments.Statistics;

import java.util.List;

/**
 * The curves of one network over its test points, one entry per n: the SmoothGrad–C-LIME L1 distance, each
 * method's robustness distance, ‖SmoothGrad‖₁ (empty where a source does not give it), and the median ‖x‖ of the
 * points (NaN where unknown).
 */
public record CurveStatistics(List<Statistics> equivalence, List<Statistics> robustnessSmoothGrad,
                              List<Statistics> robustnessClime, List<Statistics> smoothGradNorm,
                              double medianInputNorm) {
}
