package io.jxplain.cli.bench;

import io.jxplain.model.Model;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;

/**
 * One end-to-end benchmark: an explainer or a metric run over every row of a batch, with the Captum timing it is
 * compared with (method key, sample count, noise variance, as in ../shared/reference/timings_*.json), if any.
 */
public record BenchCase(String name, String kind, Integer samples, String captumMethod, Integer captumN,
                        Double captumSigma2, Work work) {
    /** Runs the case over all rows and returns every number it produced, flattened (to compare runs bit for bit). */
    @FunctionalInterface
    public interface Work {
        double[] run(Model model, Target target, DMatrixRMaj rows, long seed, int threads);
    }
}
