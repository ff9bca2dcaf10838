package io.jxplain.theory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleSizeBoundsTest {

    @Test
    void proposition1() {
        // n ≥ C (∇f_max/ε)² ln(d/δ)
        assertEquals(100 * Math.log(2 / 0.05), SampleSizeBounds.smoothGrad(1, 0.1, 0.05, 2, 1), 1e-9);
        assertEquals(4 * SampleSizeBounds.smoothGrad(1, 0.1, 0.05, 2, 1),
                SampleSizeBounds.smoothGrad(1, 0.05, 0.05, 2, 1), 1e-9);
        assertEquals(3 * SampleSizeBounds.smoothGrad(2, 0.1, 0.05, 15, 1),
                SampleSizeBounds.smoothGrad(2, 0.1, 0.05, 15, 3), 1e-9);
    }

    @Test
    void theorem3() {
        // d=2, δ=0.05, ε=0.1, σ=1, ‖x‖=1: min(0.1, 0.1, 1, 1) = 0.1 ⇒ n ≥ 2·ln(40)/0.01
        assertEquals(2 * Math.log(40) / 0.01, SampleSizeBounds.continuousLime(2, 0.05, 0.1, 1, 1, 1), 1e-6);
        // ‖x‖ small: the ‖x‖ term binds
        assertEquals(2 * Math.log(40) / 1e-6, SampleSizeBounds.continuousLime(2, 0.05, 0.1, 1, 1e-3, 1), 1e-3);
        assertEquals(Double.POSITIVE_INFINITY, SampleSizeBounds.continuousLime(2, 0.05, 0.1, 1, 0, 1));
        assertTrue(SampleSizeBounds.continuousLime(15, 0.05, 0.1, 1, 3, 1)
                > SampleSizeBounds.continuousLime(2, 0.05, 0.1, 1, 3, 1));
    }

    @Test
    void invalidArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleSizeBounds.smoothGrad(1, 0.1, 1.5, 2, 1));
        assertTrue(e.getMessage().contains("delta"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SampleSizeBounds.continuousLime(2, 0.05, -1, 1, 1, 1));
    }
}
