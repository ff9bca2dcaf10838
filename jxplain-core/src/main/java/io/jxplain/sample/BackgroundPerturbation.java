package io.jxplain.sample;

import io.jxplain.internal.Checks;
import org.ejml.data.DMatrixRMaj;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Multiple baselines (Yeh et al. 2019, §2.4; the "background" of SHAP): each neighbour is a row of a background
 * sample drawn uniformly, so I = x − x₀ with x₀ random among the rows.
 */
public final class BackgroundPerturbation implements Perturbation {
    private final DMatrixRMaj background;

    /** Neighbours drawn uniformly among {@code background}'s rows (at least one, finite). */
    public BackgroundPerturbation(DMatrixRMaj background) {
        if (background == null || background.numRows == 0) {
            throw new IllegalArgumentException("the background needs at least one row");
        }
        Checks.requireRows("background", background, background.numCols);
        this.background = background.copy();
    }

    @Override
    public int dimension() {
        return background.numCols;
    }

    @Override
    public void sample(double[] x, int n, RandomGenerator rng, DMatrixRMaj out) {
        int d = background.numCols;
        Checks.requireVector("x", x, d);
        out.reshape(n, d);
        for (int i = 0; i < n; i++) {
            int r = rng.nextInt(background.numRows);
            System.arraycopy(background.data, r * d, out.data, i * d, d);
        }
    }

    @Override
    public String name() {
        return "background";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("rows", background.numRows);
    }
}
