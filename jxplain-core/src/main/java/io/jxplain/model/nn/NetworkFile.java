package io.jxplain.model.nn;

import java.util.List;
import java.util.Map;

/**
 * A network as stored on disk, with what is needed to apply it to raw data: the feature names it expects, the
 * target column it was trained on, and the input standardisation (x − mean) / scale fitted on the training split.
 * Every field but {@code network} may be empty; the provenance keeps its entries' order.
 */
public record NetworkFile(Network network, List<String> featureNames, String targetName,
                          double[] inputMean, double[] inputScale, Map<String, Object> provenance) {
    public NetworkFile {
        featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
        provenance = provenance == null ? Map.of() : io.jxplain.OrderedMaps.copyOf(provenance);
        int d = network.inputSize();
        if (!featureNames.isEmpty() && featureNames.size() != d) {
            throw new IllegalArgumentException("model file names " + featureNames.size() + " features but the network takes " + d);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String name : featureNames) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("the model names feature '" + name + "' twice, so which column it"
                        + " reads is ambiguous; retrain it from data whose column names are unique");
            }
        }
        if (targetName != null && seen.contains(targetName)) {
            throw new IllegalArgumentException("the model's target '" + targetName + "' is also one of its features");
        }
        if ((inputMean == null) != (inputScale == null)) {
            throw new IllegalArgumentException("standardisation needs both mean and scale");
        }
        if (inputMean != null && (inputMean.length != d || inputScale.length != d)) {
            throw new IllegalArgumentException("standardisation has " + inputMean.length + " means and "
                    + inputScale.length + " scales but the network takes " + d + " inputs");
        }
    }

    /** Just a network, with no metadata. */
    public static NetworkFile of(Network network) {
        return new NetworkFile(network, List.of(), null, null, null, Map.of());
    }

    public boolean hasStandardization() {
        return inputMean != null;
    }

    /** Reads a model file (the JSON format of {@link NetworkJson}). */
    public static NetworkFile load(java.nio.file.Path path) throws java.io.IOException {
        return NetworkJson.read(path);
    }

    /**
     * The model as it takes raw rows, the data's own columns: with saved statistics, each row is standardised first
     * and gradients come back in the raw units; without, the network itself. What to explain raw rows with;
     * {@link #network()} is the network in its standardised input space, on purpose.
     */
    public io.jxplain.model.Differentiable model() {
        return hasStandardization() ? new RawInputNetwork(network, inputMean, inputScale) : network;
    }
}
