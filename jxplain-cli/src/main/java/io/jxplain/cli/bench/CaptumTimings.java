package io.jxplain.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * Captum's measured throughput (../shared/reference/timings_1thread.json: explanations per second, median over
 * repeats, "batched" = one Captum call over the whole test split, as Captum is normally used), or a file of the same
 * layout with another baseline named by its "label" (jxplain-bench/torch/torch_baseline.py: plain PyTorch, timed in
 * the same sitting).
 */
public final class CaptumTimings {
    private final JsonNode timings;
    private final int torchThreads;
    private final String label;

    private CaptumTimings(JsonNode root) {
        this.timings = root.get("timings");
        this.torchThreads = root.path("torch_threads").asInt(0);
        this.label = root.path("label").asText("Captum");
        if (timings == null || !timings.isArray()) {
            throw new IllegalArgumentException("not a Captum timings file: no \"timings\" array");
        }
    }

    public static CaptumTimings read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + ": Captum timings file not found");
        }
        try {
            return new CaptumTimings(new ObjectMapper().readTree(file.toFile()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw io.jxplain.io.InvalidJson.of(file.toString(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public int torchThreads() {
        return torchThreads;
    }

    /** What was measured: "Captum" unless the file says otherwise. */
    public String label() {
        return label;
    }

    /**
     * Explanations (or metric evaluations) per second of the batched run of {@code method} on {@code dataset}, with
     * sample count n and σ² where given; for the metrics, of saliency with Captum's stored settings (noise 0.1 and
     * 100 perturbations for infidelity). When several runs match, the best (Captum's most favourable figure).
     */
    public OptionalDouble lookup(String method, String dataset, Integer n, Double sigma2) {
        double best = -1;
        for (JsonNode t : timings) {
            if (!method.equals(t.path("method").asText()) || !dataset.equals(t.path("dataset").asText())
                    || !"batched".equals(t.path("mode").asText())) {
                continue;
            }
            if (n != null && t.has("n") && t.get("n").asInt() != n) {
                continue;
            }
            if (sigma2 != null && t.has("sigma2") && Math.abs(t.get("sigma2").asDouble() - sigma2) > 1e-12) {
                continue;
            }
            if (t.has("explainer") && !"saliency".equals(t.get("explainer").asText())) {
                continue;
            }
            if (method.equals("infidelity") && (t.path("n_perturb_samples").asInt() != 100
                    || Math.abs(t.path("noise_std").asDouble() - 0.1) > 1e-12)) {
                continue;
            }
            best = Math.max(best, t.path("explanations_per_s").asDouble());
        }
        return best > 0 ? OptionalDouble.of(best) : OptionalDouble.empty();
    }
}
