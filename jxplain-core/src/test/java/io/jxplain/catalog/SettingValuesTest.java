package io.jxplain.catalog;

import io.jxplain.Setting;
import io.jxplain.explain.IntegratedGradients;
import io.jxplain.explain.KernelShap;
import io.jxplain.explain.Lime;
import io.jxplain.explain.Quadrature;
import io.jxplain.explain.Sampling;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingValuesTest {
    @Test
    void aSettingNotChosenReadsAsItsOwnDefaultAndAChosenOneAsTheValueUnderEveryDefault() {
        SettingValues none = SettingValues.defaults();
        assertSame(KernelShap.SAMPLES.defaultValue(), none.get(KernelShap.SAMPLES));
        assertEquals(200, none.get(KernelShap.SAMPLES));
        assertEquals(5000, none.get(Lime.SAMPLES));
        SettingValues chosen = none.with(Sampling.SAMPLES, 30);
        assertEquals(30, chosen.get(KernelShap.SAMPLES), "one name, one value");
        assertEquals(30, chosen.get(Lime.SAMPLES));
        assertFalse(none.isChosen(Sampling.SAMPLES), "values are immutable");
    }

    @Test
    void textIsParsedAndCheckedByTheSettingAndUnknownNamesAreErrors() {
        SettingValues v = SettingValues.defaults().withText("integrated-gradients",
                Map.of("steps", "7", "rule", "Riemann-Left"), List.of(IntegratedGradients.STEPS, IntegratedGradients.RULE));
        assertEquals(7, v.get(IntegratedGradients.STEPS));
        assertEquals(Quadrature.RIEMANN_LEFT, v.get(IntegratedGradients.RULE));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> SettingValues.defaults()
                .withText("lime", Map.of("stpes", "3"), List.of(Lime.FEATURES)));
        assertEquals("lime does not take option stpes; it takes: features", unknown.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> SettingValues.defaults()
                .withText("ig", Map.of("steps", "0"), List.of(IntegratedGradients.STEPS)));
        assertEquals("steps must be an integer ≥ 1, got 0", range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SettingValues.defaults().with(Sampling.SIGMA2, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SettingValues.defaults()
                .withText("ig", Map.of("rule", "simpson"), List.of(IntegratedGradients.RULE)));
    }

    @Test
    void theWordForUnsetClearsAValueAndEnumsReadBackAsTheyAreWritten() {
        SettingValues width = SettingValues.defaults().withText("lime", Map.of("kernel-width", "0.5"),
                List.of(Lime.KERNEL_WIDTH));
        assertEquals(0.5, width.get(Lime.KERNEL_WIDTH));
        assertNull(width.withText("lime", Map.of("kernel-width", "auto"), List.of(Lime.KERNEL_WIDTH))
                .get(Lime.KERNEL_WIDTH));
        assertEquals("highest-weights", Lime.SELECTION.text(Lime.Selection.HIGHEST_WEIGHTS));
        assertEquals(Lime.Selection.HIGHEST_WEIGHTS, Lime.SELECTION.parse("highest-weights"));
        assertEquals("riemann-left", IntegratedGradients.RULE.text(Quadrature.RIEMANN_LEFT));
    }

    @Test
    void aDefaultOutsideItsRangeCannotBeDeclared() {
        assertThrows(IllegalStateException.class, () -> Setting.atLeast("n", 0, 1, "a count"));
        assertTrue(Sampling.SAMPLES.withDefault(7).toString().contains("default 7"));
    }

    @Test
    void valuesTravelAsBytes() throws IOException, ClassNotFoundException {
        SettingValues v = SettingValues.defaults().with(Sampling.SAMPLES, 9).with(IntegratedGradients.RULE,
                Quadrature.RIEMANN_MIDDLE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(v);
        }
        SettingValues back = (SettingValues) new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))
                .readObject();
        assertEquals(9, back.get(Sampling.SAMPLES));
        assertEquals(Quadrature.RIEMANN_MIDDLE, back.get(IntegratedGradients.RULE));
    }
}
