package io.jxplain.experiments.alvarez2018;

import io.jxplain.explain.Explainer;

/** One method's local Lipschitz estimates (Eq. 1) over the points, with each point's maximising neighbour. */
public record RobustnessScores(String label, Explainer explainer, double[] lipschitz, double[][] argmax) {
    public double median() {
        return io.jxplain.experiments.Statistics.median(lipschitz);
    }
}
