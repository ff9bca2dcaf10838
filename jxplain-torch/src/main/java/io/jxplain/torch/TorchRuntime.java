package io.jxplain.torch;

/**
 * Sets DJL's PyTorch engine up before first use, without overriding what the user set with {@code -D}:
 * <ul>
 *   <li>{@code ai.djl.offline=true}: never download anything; the native library comes from the
 *       {@code pytorch-native-cpu} jar on the class path (DJL unpacks it once into {@code ~/.djl.ai/pytorch}, or
 *       into {@code $DJL_CACHE_DIR} / {@code -DDJL_CACHE_DIR=…} when set);</li>
 *   <li>{@code ai.djl.pytorch.num_threads=1} and {@code ai.djl.pytorch.num_interop_threads=1}: one PyTorch thread
 *       per call, since jxplain parallelises across instances; results then do not depend on the thread count.</li>
 * </ul>
 * These are read once, when the engine starts: set them on the command line ({@code JXPLAIN_JAVA_OPTS}) to change them.
 */
public final class TorchRuntime {
    private TorchRuntime() {
    }

    /** Applies the defaults above unless already set. */
    public static synchronized void prepare() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
