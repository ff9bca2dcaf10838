package io.jxplain.cli;

import io.jxplain.model.FiniteDifferences;
import io.jxplain.model.Model;
import io.jxplain.model.tree.TreeEnsemble;
import io.jxplain.onnx.OnnxModel;
import org.ejml.data.DMatrixRMaj;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * tree-shap on an ONNX model: its ONNX-ML tree ensemble rebuilt in Java ({@link OnnxModel#treeEnsemble}, checked
 * against ONNX Runtime), which every method of the run then explains, so that their values stay comparable.
 */
final class OnnxTreesInJava {
    private OnnxTreesInJava() {
    }

    /** Whether {@code model} (as explainers see it) is an ONNX graph whose trees jxplain rebuilds. */
    static boolean rebuilds(Model model) {
        Model inner = model instanceof FiniteDifferences fd ? fd.model() : model;
        return inner instanceof OnnxModel onnx && onnx.treeEnsembleProblem().isEmpty();
    }

    /**
     * The run with the trees rebuilt when a method is tree-shap and the model an ONNX tree ensemble; else
     * {@code loaded} as it is. Covers, when the file has none, are counted from {@code --background}'s rows if given,
     * else from the explained rows.
     */
    static ModelDataOptions.Loaded ifTreeShap(List<String> methods, ModelDataOptions input,
                                              ModelDataOptions.Loaded loaded, ReferenceDataOptions reference,
                                              PrintWriter err) {
        boolean treeShap = methods.stream().anyMatch(m -> m.toLowerCase(Locale.ROOT).startsWith("tree-shap"));
        if (!treeShap || !(loaded.opened().model() instanceof OnnxModel onnx) || onnx.treeOperators().isEmpty()) {
            return loaded;
        }
        DMatrixRMaj coverRows = reference.treeCoverRows(loaded, input.external, err);
        TreeEnsemble trees;
        try {
            trees = onnx.treeEnsemble(coverRows == null ? loaded.rows() : coverRows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--method tree-shap: " + e.getMessage()
                    + "; shapley-exact and kernel-shap explain it as a black box", e);
        }
        err.println("jxplain: note: tree-shap runs on " + trees.describe() + ", rebuilt from the graph in Java and"
                + " checked against ONNX Runtime" + (onnx.treeCoversInFile() ? "" : "; covers counted from "
                + (coverRows == null ? "the --data rows (--background gives others)" : "--background")));
        return input.withExplained(loaded, trees);
    }
}
