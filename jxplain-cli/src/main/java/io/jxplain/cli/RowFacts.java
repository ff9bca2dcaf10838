package io.jxplain.cli;

import io.jxplain.model.Model;
import io.jxplain.model.OutputKind;
import io.jxplain.model.RowTargets;
import io.jxplain.model.Target;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * What an output states about a block of explained rows beside their explanations: the value each explains, f(x);
 * each row's id (from --id-column; null without one); the class each explains when the target is per row (null for a
 * fixed target, which the provenance states once); and the class a classifier predicts (null for regression).
 */
record RowFacts(double[] explained, List<String> ids, int[] explainedClass, int[] predictedClass,
                java.util.Map<String, String[]> categories) {
    /** The facts of rows [from, to), explained for {@code targets}, named by {@code ids} (null: by position). */
    static RowFacts of(Model model, RowTargets targets, Target[] rowTargets, DMatrixRMaj rows, int from, int to,
                       List<String> ids) {
        int[] explainedClass = null;
        if (!targets.isFixed()) {
            explainedClass = new int[rowTargets.length];
            for (int i = 0; i < rowTargets.length; i++) {
                explainedClass[i] = rowTargets[i].index();
            }
        }
        boolean classifier = model.outputKind() != OutputKind.REGRESSION && model.outputSize() >= 2;
        // explained for their predicted class, the rows' targets already are their predictions: no second model call
        int[] predicted = !classifier ? null : targets.source() == RowTargets.Source.PREDICTED ? explainedClass
                : RowTargets.predictedClasses(model, rows, from, to);
        return new RowFacts(RowTargets.values(model, rowTargets, rows, from, to),
                ids == null ? null : ids.subList(from, to), explainedClass, predicted, categories(model, rows, from, to));
    }

    /** Each categorical feature's level in rows [from, to), by the feature's name; empty for a model without. */
    private static java.util.Map<String, String[]> categories(Model model, DMatrixRMaj rows, int from, int to) {
        java.util.Map<String, String[]> out = new java.util.LinkedHashMap<>();
        if (model instanceof io.jxplain.model.CategoricalInputs c) {
            for (int j : c.categoricalInputs()) {
                String name = c.features().get(j);
                List<String> levels = c.levels().get(name);
                String[] named = new String[to - from];
                for (int i = from; i < to; i++) {
                    named[i - from] = levels.get((int) rows.get(i, j)); // the data were read as codes of these levels
                }
                out.put(name, named);
            }
        }
        return out;
    }

    /** Row i's id: its id column's text, or its position {@code firstRow + i}. */
    String id(int firstRow, int i) {
        return ids == null ? Integer.toString(firstRow + i) : ids.get(i);
    }
}
