package io.jxplain.sample;

import io.jxplain.internal.Checks;
import io.jxplain.model.ImageShape;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Yeh et al. 2019's "Square Removal" perturbation (§2.4): a square patch of the image, of a side drawn uniformly from
 * the given lengths and a position drawn uniformly among all where it fits, is set to the baseline in every channel
 * (I = mask ⊙ (x − x₀)). Removing whole patches respects the image's spatial structure, where random pixels would not.
 */
public final class SquarePatchPerturbation implements Perturbation {
    private final ImageShape shape;
    private final int[] sides;
    private final double[] baseline;
    private final boolean exhaustive;

    private SquarePatchPerturbation(ImageShape shape, int[] sides, double[] baseline) {
        this(shape, sides, baseline, false);
    }

    private SquarePatchPerturbation(ImageShape shape, int[] sides, double[] baseline, boolean exhaustive) {
        this.exhaustive = exhaustive;
        if (sides.length == 0) {
            throw new IllegalArgumentException("square patches need at least one side length");
        }
        for (int s : sides) {
            if (s < 1 || s > Math.min(shape.height(), shape.width())) {
                throw new IllegalArgumentException("a square side must lie in 1.." + Math.min(shape.height(), shape.width())
                        + " for images of shape " + shape + ", got " + s);
            }
        }
        Checks.requireVector("baseline", baseline, shape.size());
        Checks.requireFinite("baseline", baseline);
        this.shape = shape;
        this.sides = sides.clone();
        this.baseline = baseline.clone();
    }

    /** Patches set to zero. */
    public static SquarePatchPerturbation zeros(ImageShape shape, int... sides) {
        return new SquarePatchPerturbation(shape, sides, new double[shape.size()]);
    }

    /** Patches set to {@code baseline}'s values. */
    public static SquarePatchPerturbation withBaseline(ImageShape shape, double[] baseline, int... sides) {
        return new SquarePatchPerturbation(shape, sides, baseline);
    }

    /**
     * Every square of every side at every position, in order, instead of random ones: draw i is square i mod
     * {@link #count()}, so {@code count()} draws give the whole design, as Yeh et al.'s code uses (full rank when a side
     * of 1 is included, where random squares may miss pixels).
     */
    public SquarePatchPerturbation exhaustive() {
        return new SquarePatchPerturbation(shape, sides, baseline, true);
    }

    /** How many distinct squares there are: Σ over sides s of (H − s + 1)(W − s + 1). */
    public int count() {
        int c = 0;
        for (int s : sides) {
            c += (shape.height() - s + 1) * (shape.width() - s + 1);
        }
        return c;
    }

    @Override
    public int dimension() {
        return shape.size();
    }

    @Override
    public void sample(double[] x, int n, RandomGenerator rng, DMatrixRMaj out) {
        int d = shape.size();
        Checks.requireVector("x", x, d);
        out.reshape(n, d);
        int total = count();
        for (int i = 0; i < n; i++) {
            int side;
            int top;
            int left;
            if (exhaustive) {
                int k = i % total;
                int s = 0;
                while (k >= (shape.height() - sides[s] + 1) * (shape.width() - sides[s] + 1)) {
                    k -= (shape.height() - sides[s] + 1) * (shape.width() - sides[s] + 1);
                    s++;
                }
                side = sides[s];
                top = k / (shape.width() - side + 1);
                left = k % (shape.width() - side + 1);
            } else {
                side = sides[rng.nextInt(sides.length)];
                top = rng.nextInt(shape.height() - side + 1);
                left = rng.nextInt(shape.width() - side + 1);
            }
            System.arraycopy(x, 0, out.data, i * d, d);
            for (int c = 0; c < shape.channels(); c++) {
                for (int y = top; y < top + side; y++) {
                    int start = shape.index(c, y, left);
                    System.arraycopy(baseline, start, out.data, i * d + start, side);
                }
            }
        }
    }

    @Override
    public String name() {
        return "square-patch";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("image", shape.toString());
        p.put("sides", java.util.Arrays.stream(sides).boxed().toList());
        if (exhaustive) {
            p.put("exhaustive", true);
        }
        return p;
    }
}
