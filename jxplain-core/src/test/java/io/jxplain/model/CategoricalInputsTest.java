package io.jxplain.model;

import io.jxplain.explain.ExactShapley;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.KernelShap;
import io.jxplain.data.Background;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One feature per category, whatever the encoded model sees: text read in place, or one-hot columns grouped. */
class CategoricalInputsTest {
    /** y = 2·x + (3, −1, 0)·onehot(colour) + z, on inputs x, colour=a, colour=b, colour=c, z. */
    private static final Model ENCODED = Model.of(5, 1, OutputKind.REGRESSION, rows -> {
        double[][] out = new double[rows.length][1];
        for (int i = 0; i < rows.length; i++) {
            double[] r = rows[i];
            out[i][0] = 2 * r[0] + 3 * r[1] - r[2] + r[4];
        }
        return out;
    });

    @Test
    void aCodeBecomesItsOneHotInputsInPlace() {
        CategoricalInputs m = CategoricalInputs.inPlace(ENCODED, List.of("x", "colour", "z"),
                Map.of("colour", List.of("a", "b", "c")));
        assertEquals(3, m.inputSize());
        assertArrayEquals(new int[] {1}, m.categoricalInputs());
        DMatrixRMaj rows = DMatrixRMaj.wrap(2, 3, new double[] {1, 0, 5, 1, 1, 5});
        assertArrayEquals(new double[] {1, 1, 0, 0, 5, 1, 0, 1, 0, 5}, m.encode(rows).data, 0.0);
        assertArrayEquals(new double[] {10, 6}, m.predict(rows).data, 0.0);
        assertArrayEquals(rows.data, m.decode(m.encode(rows)).data, 0.0, "decode inverts encode");
        for (double bad : new double[] {0.5, -1, 3}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.predict(DMatrixRMaj.wrap(1, 3, new double[] {1, bad, 0})));
            assertTrue(e.getMessage().contains("feature 'colour'"), e.getMessage());
        }
        IllegalArgumentException gradient = assertThrows(IllegalArgumentException.class,
                () -> FiniteDifferences.of(m).backward(rows, new DMatrixRMaj(2, 1, true, 1, 1)));
        assertTrue(gradient.getMessage().contains("category codes"), gradient.getMessage());
    }

    @Test
    void oneHotColumnsGroupedAreOneFeaturePlacedAtTheirFirstColumn() {
        List<String> columns = List.of("x", "colour_a", "colour_b", "colour_c", "z");
        CategoricalInputs m = CategoricalInputs.grouped(ENCODED, columns,
                Map.of("colour", List.of("colour_a", "colour_b", "colour_c")));
        assertEquals(List.of("x", "colour", "z"), m.features());
        DMatrixRMaj encoded = DMatrixRMaj.wrap(1, 5, new double[] {1, 0, 0, 1, 2});
        assertArrayEquals(new double[] {1, 2, 2}, m.decode(encoded).data, 0.0);
        IllegalArgumentException twoHot = assertThrows(IllegalArgumentException.class,
                () -> m.decode(DMatrixRMaj.wrap(1, 5, new double[] {1, 1, 0, 1, 2})));
        assertTrue(twoHot.getMessage().contains("not one-hot"), twoHot.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CategoricalInputs.grouped(ENCODED, columns,
                Map.of("colour", List.of("colour_a", "colour_x"))));
    }

    /**
     * With a background, the exact Shapley value of the category is that of "x's colour" against the background's:
     * for this additive model, its effect minus the background's mean effect; KernelSHAP adds up the same.
     */
    @Test
    void shapleyValuesOfACategoryAreItsEffectAgainstTheBackground() {
        CategoricalInputs m = CategoricalInputs.inPlace(ENCODED, List.of("x", "colour", "z"),
                Map.of("colour", List.of("a", "b", "c")));
        DMatrixRMaj background = DMatrixRMaj.wrap(3, 3, new double[] {0, 0, 0, 1, 1, 1, 2, 2, -1});
        double[] x = {1, 1, 5};
        Target t = Target.output(0);
        Explanation exact = ExactShapley.builder().background(Background.of(background)).build()
                .explain(m, t, x, 0L);
        double meanEffect = (3 - 1 + 0) / 3.0;
        assertEquals(-1 - meanEffect, exact.attribution(1), 1e-12);
        Explanation kernel = KernelShap.builder().background(Background.of(background)).samples(64).build()
                .explain(m, t, x, 3L);
        double sum = kernel.diagnostics().get(Explanation.BASE_VALUE);
        for (int j = 0; j < 3; j++) {
            sum += kernel.attribution(j);
        }
        assertEquals(m.predict(DMatrixRMaj.wrap(1, 3, x.clone())).data[0], sum, 1e-12, "KernelSHAP adds up");
    }
}
