package io.jxplain.model.nn;

import java.util.List;
import java.util.Map;

/**
 * A network as stored on disk, with what is needed to apply it to raw data: the feature names it expects, the
 * target column it was trained on, the input standardisation (x − mean) / scale fitted on the training split, and
 * the features that hold categories (each with its levels, seen by the network as one input per level, in the
 * feature's place). Every field but {@code network} may be empty; the provenance keeps its entries' order.
 */
public record NetworkFile(Network network, List<String> featureNames, String targetName,
                          double[] inputMean, double[] inputScale, Map<String, Object> provenance,
                          Map<String, List<String>> categories) {
    /**
     * Copies the lists and maps; refuses names or categories that do not fit the network's inputs, a name given
     * twice, or a target that is also a feature.
     */
    public NetworkFile {
        featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
        provenance = provenance == null ? Map.of() : io.jxplain.internal.OrderedMaps.copyOf(provenance);
        categories = categories == null ? Map.of() : io.jxplain.internal.OrderedMaps.copyOf(categories);
        int d = network.inputSize();
        int width = featureNames.size();
        for (Map.Entry<String, List<String>> c : categories.entrySet()) {
            if (!featureNames.contains(c.getKey())) {
                throw new IllegalArgumentException("the model's categorical feature '" + c.getKey() + "' is not one of"
                        + " its features " + featureNames);
            }
            if (c.getValue().isEmpty()) {
                throw new IllegalArgumentException("the model's categorical feature '" + c.getKey() + "' has no levels");
            }
            width += c.getValue().size() - 1;
        }
        if (!featureNames.isEmpty() && width != d) {
            throw new IllegalArgumentException("model file names " + featureNames.size() + " features"
                    + (categories.isEmpty() ? "" : " (" + width + " inputs with its categories one-hot)")
                    + " but the network takes " + d);
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

    /** A network file without categorical features. */
    public NetworkFile(Network network, List<String> featureNames, String targetName, double[] inputMean,
                       double[] inputScale, Map<String, Object> provenance) {
        this(network, featureNames, targetName, inputMean, inputScale, provenance, Map.of());
    }

    /** Just a network, with no metadata. */
    public static NetworkFile of(Network network) {
        return new NetworkFile(network, List.of(), null, null, null, Map.of());
    }

    /** Whether the file carries the standardisation its network was trained after. */
    public boolean hasStandardization() {
        return inputMean != null;
    }

    /** Reads a model file (the JSON format of {@link NetworkJson}). */
    public static NetworkFile load(java.nio.file.Path path) throws java.io.IOException {
        return NetworkJson.read(path);
    }

    /**
     * The model as it takes raw rows, the data's own columns: with saved statistics, each row is standardised first
     * and gradients come back in the raw units; without, the network itself; with categories, each categorical
     * feature's code is one-hot encoded first ({@link io.jxplain.model.CategoricalInputs}: no gradients then). What to
     * explain raw rows with; {@link #network()} is the network in its standardised input space, on purpose.
     */
    public io.jxplain.model.Model model() {
        io.jxplain.model.Model raw = hasStandardization() ? new RawInputNetwork(network, inputMean, inputScale) : network;
        return categories.isEmpty() ? raw : io.jxplain.model.CategoricalInputs.inPlace(raw, featureNames, categories);
    }

    /** Whether some features hold categories, which {@link #model()} encodes. */
    public boolean hasCategories() {
        return !categories.isEmpty();
    }
}
