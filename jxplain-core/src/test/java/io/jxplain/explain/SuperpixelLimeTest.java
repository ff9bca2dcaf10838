package io.jxplain.explain;

import io.jxplain.model.ImageShape;
import io.jxplain.model.Model;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuperpixelLimeTest {
    private static final ImageShape SHAPE = new ImageShape(1, 8, 8);
    private static final Quickshift FINE = new Quickshift(1, 3, 1);

    /** Dark left half, bright right half, each with a gentle ramp so that hiding a superpixel changes it. */
    private static double[] halves() {
        double[] x = new double[64];
        for (int y = 0; y < 8; y++) {
            for (int c = 0; c < 8; c++) {
                x[y * 8 + c] = (c < 4 ? 0.1 : 0.85) + 0.01 * y;
            }
        }
        return x;
    }

    @Test
    void labIsScikitImagesForKnownColours() {
        assertArrayEquals(new double[]{0, 0, 0}, Quickshift.rgbToLab(new double[]{0, 0, 0}), 1e-12);
        double[] white = Quickshift.rgbToLab(new double[]{1, 1, 1});
        assertEquals(100, white[0], 1e-3);
        assertEquals(0, white[1], 0.01);
        assertEquals(0, white[2], 0.01);
        // sRGB mid grey 0.5 is L* = 53.389 (the CIE formula through sRGB's gamma)
        assertEquals(53.389, Quickshift.rgbToLab(new double[]{0.5, 0.5, 0.5})[0], 1e-3);
    }

    @Test
    void quickshiftNeverJoinsPixelsAcrossAnEdgeLongerThanItsMaxDistance() {
        int[] label = FINE.segment(halves(), SHAPE, RandomStreams.stream(1));
        Set<Integer> left = new HashSet<>();
        Set<Integer> right = new HashSet<>();
        for (int p = 0; p < 64; p++) {
            (p % 8 < 4 ? left : right).add(label[p]);
        }
        left.retainAll(right);
        assertTrue(left.isEmpty(), "a superpixel spans the edge: " + left);
        // with a far reach every pixel links up to the densest pixel of its side or beyond: one or two superpixels
        int[] coarse = Quickshift.LIME_DEFAULTS.segment(halves(), SHAPE, RandomStreams.stream(1));
        assertTrue(java.util.Arrays.stream(coarse).max().getAsInt() <= 1);
        assertArrayEquals(label, FINE.segment(halves(), SHAPE, RandomStreams.stream(1)), "same stream, same labels");
        assertThrows(IllegalArgumentException.class, () -> FINE.segment(new double[64], new ImageShape(2, 4, 8),
                RandomStreams.stream(1)));
        double[] notANumber = halves();
        notANumber[5] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FINE.segment(notANumber, SHAPE, RandomStreams.stream(1)));
        assertTrue(e.getMessage().contains("image"), e.getMessage());
        double[] nudged = halves(); // a perturbed image a little outside [0, 1] is segmented as scikit-image does
        nudged[0] = -0.05;
        nudged[63] = 1.05;
        assertEquals(64, FINE.segment(nudged, SHAPE, RandomStreams.stream(1)).length);
    }

    @Test
    void onALinearModelEachSuperpixelGetsWhatSwitchingItOffTakesAway() {
        double[] w = new double[64];
        for (int j = 0; j < 64; j++) {
            w[j] = Math.sin(1.7 * j) + (j % 8 < 4 ? 1 : -0.5);
        }
        Model linear = Model.of(64, 1, OutputKind.REGRESSION, rows -> {
            double[][] out = new double[rows.length][1];
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < 64; j++) {
                    out[i][0] += w[j] * rows[i][j];
                }
            }
            return out;
        });
        double[] x = halves();
        long seed = 7;
        SuperpixelLime lime = SuperpixelLime.builder().imageShape(SHAPE).segmentation(FINE).samples(2000).build();
        Explanation e = lime.explain(linear, Target.output(0), x, seed);
        // the explainer segments first, from the same stream
        int[] label = FINE.segment(x, SHAPE, RandomStreams.stream(seed));
        int k = java.util.Arrays.stream(label).max().getAsInt() + 1;
        assertEquals(k, e.diagnostics().get(SuperpixelLime.SUPERPIXELS), 0.0);
        double[] sum = new double[k];
        int[] count = new int[k];
        for (int p = 0; p < 64; p++) {
            sum[label[p]] += x[p];
            count[label[p]]++;
        }
        double[] effect = new double[k]; // f with superpixel s on minus off: Σ_{j∈s} w_j (x_j − mean_s)
        double largest = 0;
        for (int p = 0; p < 64; p++) {
            effect[label[p]] += w[p] * (x[p] - sum[label[p]] / count[label[p]]);
        }
        for (double v : effect) {
            largest = Math.max(largest, Math.abs(v));
        }
        // f is exactly linear in the on/off vector, so only the ridge penalty (α = 1 against a weighted Gram of
        // about 2000·0.5·0.25 per superpixel) moves the fit: a shrinkage of the order of 1%
        for (int p = 0; p < 64; p++) {
            assertEquals(effect[label[p]], e.attributions()[p], 0.03 * largest, "pixel " + p);
        }
        assertArrayEquals(e.attributions(), lime.explain(linear, Target.output(0), x, seed).attributions(), 0.0);
    }

    @Test
    void refusesAnImageOfTheWrongSize() {
        Model any = Model.of(10, 1, OutputKind.REGRESSION, rows -> new double[rows.length][1]);
        assertThrows(IllegalArgumentException.class,
                () -> SuperpixelLime.builder().imageShape(SHAPE).build()
                        .explain(any, Target.output(0), new double[10], 1));
    }
}
