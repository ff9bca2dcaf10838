package io.jxplain.kernel;

/**
 * Whether jxplain's SIMD kernels run: when the JVM was started with {@code --add-modules jdk.incubator.vector}
 * (bin/jxplain and the tests do this) and {@code -Djxplain.vector=false} is not set. Every SIMD kernel has a scalar twin
 * that performs exactly the same IEEE operations, so this switch changes speed, never a result.
 */
public final class Simd {
    /** Whether the SIMD kernels run: the vector module is present and {@code -Djxplain.vector=false} is not set. */
    public static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("jxplain.vector"))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Simd() {
    }
}
