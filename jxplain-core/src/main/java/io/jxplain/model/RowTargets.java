package io.jxplain.model;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.Locale;

/**
 * The explained scalar of each row: one {@link Target} for every row, or per row the class the model predicts
 * ({@code predicted}) or the row's label ({@code label}), read as a probability or a logit. A digit is then explained
 * for its own class, not every digit for class 0. Immutable.
 */
public final class RowTargets {
    /** Where a row's class comes from. */
    public enum Source {
        /** One target for every row. */
        FIXED,
        /** The class the model predicts for the row. */
        PREDICTED,
        /** The row's label in the data. */
        LABEL
    }

    private final Source source;
    private final Target fixed;     // FIXED
    private final Target.Kind kind; // PREDICTED, LABEL: probability or logit of the row's class
    private final int[] labels;     // LABEL, once the data are read (null before)

    private RowTargets(Source source, Target fixed, Target.Kind kind, int[] labels) {
        this.source = source;
        this.fixed = fixed;
        this.kind = kind;
        this.labels = labels;
    }

    /** The same target for every row. */
    public static RowTargets fixed(Target target) {
        return new RowTargets(Source.FIXED, target, target.kind(), null);
    }

    /** Each row's predicted class (the largest output), as a probability or a logit. */
    public static RowTargets predicted(Target.Kind kind) {
        return new RowTargets(Source.PREDICTED, null, classKind(kind), null);
    }

    /** Each row's labelled class, {@code labels[i]} for row i, as a probability or a logit. */
    public static RowTargets labels(Target.Kind kind, int[] labels) {
        return new RowTargets(Source.LABEL, null, classKind(kind), labels.clone());
    }

    private static Target.Kind classKind(Target.Kind kind) {
        if (kind == Target.Kind.OUTPUT) {
            throw new IllegalArgumentException("a per-row class is read as a probability or a logit, not as output");
        }
        return kind;
    }

    /**
     * Parses the CLI's {@code --target}: a fixed target ({@link Target#parse}: probability:1, logit:0, output:0), or
     * {@code predicted} / {@code label} (the class's probability), or {@code logit:predicted} / {@code logit:label}.
     * A label target gets its labels with {@link #withLabels}.
     */
    public static RowTargets parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        String[] parts = t.split(":");
        String which = parts[parts.length - 1];
        if (!which.equals("predicted") && !which.equals("label")) {
            return fixed(Target.parse(text));
        }
        Target.Kind kind = Target.Kind.PROBABILITY;
        if (parts.length == 2) {
            kind = switch (parts[0]) {
                case "probability" -> Target.Kind.PROBABILITY;
                case "logit" -> Target.Kind.LOGIT;
                default -> throw new IllegalArgumentException("a per-row class is read as probability:" + which
                        + " or logit:" + which + ", got '" + text + "'");
            };
        } else if (parts.length > 2) {
            throw new IllegalArgumentException("target must look like probability:1, predicted or logit:label, got '"
                    + text + "'");
        }
        return which.equals("predicted") ? predicted(kind) : new RowTargets(Source.LABEL, null, kind, null);
    }

    /** Where each row's class comes from. */
    public Source source() {
        return source;
    }

    /** Whether every row has the same target, {@link #fixed()}. */
    public boolean isFixed() {
        return source == Source.FIXED;
    }

    /** The one target of every row; throws for per-row targets. */
    public Target fixed() {
        if (fixed == null) {
            throw new IllegalStateException(this + " is a per-row target");
        }
        return fixed;
    }

    /** Whether the labels are still to come ({@link #withLabels}). */
    public boolean needsLabels() {
        return source == Source.LABEL && labels == null;
    }

    /** A label target with the rows' labels (row i's class is {@code labels[i]}). */
    public RowTargets withLabels(int[] rowLabels) {
        if (source != Source.LABEL) {
            throw new IllegalStateException(this + " does not read labels");
        }
        return new RowTargets(Source.LABEL, null, kind, rowLabels.clone());
    }

    /** Throws if a row's target cannot be read from {@code model}'s outputs (a label with no such class, say). */
    public void validateFor(Model model, int rows) {
        if (isFixed()) {
            fixed.validateFor(model);
            return;
        }
        if (model.outputKind() == OutputKind.REGRESSION) {
            throw new IllegalArgumentException("target " + this + " needs a classifier; " + model.describe()
                    + " is a regression model (use output:0)");
        }
        if (model.outputSize() < 2) {
            throw new IllegalArgumentException("target " + this + " chooses among a model's classes, but "
                    + model.describe() + " has one output (explain it with probability:0)");
        }
        Target.of(kind, 0).validateFor(model);
        if (source == Source.LABEL) {
            if (labels == null) {
                throw new IllegalStateException("target " + this + " has no labels yet");
            }
            if (labels.length != rows) {
                throw new IllegalArgumentException(labels.length + " labels for " + rows + " rows");
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= model.outputSize()) {
                    throw new IllegalArgumentException("row " + i + " is labelled " + labels[i] + " but "
                            + model.describe() + " has classes 0.." + (model.outputSize() - 1));
                }
            }
        }
    }

    /** Each row's target among rows [from, to) of {@code rows}: the predicted class costs one model call. */
    public Target[] of(Model model, DMatrixRMaj rows, int from, int to) {
        Target[] out = new Target[to - from];
        if (isFixed()) {
            Arrays.fill(out, fixed);
            return out;
        }
        int[] classes = source == Source.LABEL ? Arrays.copyOfRange(labels, from, to) : predictedClasses(model, rows, from, to);
        for (int i = 0; i < out.length; i++) {
            out[i] = Target.of(kind, classes[i]);
        }
        return out;
    }

    /**
     * The positions of {@code targets} grouped by target, in order of first appearance: rows that share a target
     * are explained (and evaluated) together.
     */
    public static java.util.Map<Target, int[]> groups(Target[] targets) {
        java.util.Map<Target, java.util.List<Integer>> lists = new java.util.LinkedHashMap<>();
        for (int i = 0; i < targets.length; i++) {
            lists.computeIfAbsent(targets[i], t -> new java.util.ArrayList<>()).add(i);
        }
        java.util.Map<Target, int[]> out = new java.util.LinkedHashMap<>();
        lists.forEach((t, l) -> out.put(t, l.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /** f(x) of each of rows [from, to), row i's value of its own target {@code targets[i − from]}. */
    public static double[] values(Model model, Target[] targets, DMatrixRMaj rows, int from, int to) {
        double[] out = new double[to - from];
        int d = rows.numCols;
        for (java.util.Map.Entry<Target, int[]> group : groups(targets).entrySet()) {
            int[] members = group.getValue();
            DMatrixRMaj part = new DMatrixRMaj(members.length, d);
            for (int k = 0; k < members.length; k++) {
                System.arraycopy(rows.data, (from + members[k]) * d, part.data, k * d, d);
            }
            double[] v = BatchedEvaluation.values(model, group.getKey(), part, BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL);
            for (int k = 0; k < members.length; k++) {
                out[members[k]] = v[k];
            }
        }
        return out;
    }

    /** The class each of rows [from, to) is predicted to be: its largest output (first on a tie). */
    public static int[] predictedClasses(Model model, DMatrixRMaj rows, int from, int to) {
        if (model.outputKind() == OutputKind.REGRESSION) {
            throw new IllegalArgumentException(model.describe() + " is a regression model: it predicts no class");
        }
        int[] classes = new int[to - from];
        int max = BatchedEvaluation.DEFAULT_MAX_ROWS_PER_CALL;
        for (int start = from; start < to; start += max) {
            int end = Math.min(to, start + max);
            DMatrixRMaj out = model.predict(org.ejml.dense.row.CommonOps_DDRM.extract(rows, start, end, 0, rows.numCols));
            int k = out.numCols;
            for (int i = 0; i < end - start; i++) {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (out.data[i * k + c] > out.data[i * k + best]) {
                        best = c;
                    }
                }
                classes[start - from + i] = best;
            }
        }
        return classes;
    }

    @Override
    public String toString() {
        return isFixed() ? fixed.toString()
                : kind.name().toLowerCase(Locale.ROOT) + ":" + source.name().toLowerCase(Locale.ROOT);
    }
}
