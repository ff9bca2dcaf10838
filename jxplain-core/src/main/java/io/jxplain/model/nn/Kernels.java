package io.jxplain.model.nn;

/**
 * Which kernels run: the SIMD ones ({@link VectorKernels}) when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (bin/jxplain does this) and {@code -Djxplain.vector=false} is not set;
 * the plain-Java ones otherwise. Decided once, at class initialisation.
 */
final class Kernels {
    static final boolean VECTOR = !"false".equalsIgnoreCase(System.getProperty("jxplain.vector"))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Kernels() {
    }
}
