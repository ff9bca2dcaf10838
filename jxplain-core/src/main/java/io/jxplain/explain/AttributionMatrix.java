package io.jxplain.explain;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * The attributions of many rows as one matrix (row i: row i's attributions) and the model evaluations each row took:
 * what a metric keeps of {@link Explainer#explainRange}, without an {@link Explanation} (its provenance and copies)
 * per row. A metric explaining a thousand perturbed points per call spent more time building explanations than
 * computing gradients.
 */
public record AttributionMatrix(DMatrixRMaj values, long[] modelCalls) {
    /** Refuses a matrix whose rows and model-call counts differ in number. */
    public AttributionMatrix {
        if (values.numRows != modelCalls.length) {
            throw new IllegalArgumentException(values.numRows + " rows of attributions but " + modelCalls.length
                    + " model-call counts");
        }
    }

    /** The values and model calls of explanations of d features each, in order. */
    public static AttributionMatrix of(List<Explanation> explanations, int d) {
        DMatrixRMaj values = new DMatrixRMaj(explanations.size(), d);
        long[] calls = new long[explanations.size()];
        for (int i = 0; i < calls.length; i++) {
            Explanation e = explanations.get(i);
            System.arraycopy(e.attributionsView(), 0, values.data, i * d, d);
            calls[i] = e.modelCalls();
        }
        return new AttributionMatrix(values, calls);
    }

    /** Number of rows explained. */
    public int rows() {
        return modelCalls.length;
    }
}
