package io.jxplain.torch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

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

    /**
     * What to do when PyTorch's native library cannot be loaded: the CLI jar leaves it out (it would pass 100 MB), so
     * a TorchScript model needs it beside the jar; the message names the artifact of the version DJL expects.
     */
    static String nativeLibraryMissing(String cause) {
        String version = pytorchVersion();
        return "PyTorch's native library " + version + " could not be loaded (" + cause + "). TorchScript models need"
                + " it beside jxplain: put ai.djl.pytorch:pytorch-native-cpu:" + version + ":linux-x86_64 (a jar on"
                + " Maven Central) on the class path (bin/jxplain adds lib/torch/*.jar, where the torch archive unpacks it, or"
                + " jxplain-cli/target/torch/*.jar in a source checkout), or set"
                + " PYTORCH_LIBRARY_PATH to a libtorch " + version + " directory, or let DJL download it into"
                + " ~/.djl.ai: java -Dai.djl.offline=false (JXPLAIN_JAVA_OPTS=-Dai.djl.offline=false for bin/jxplain)";
    }

    /** The libtorch version DJL's PyTorch engine was built for, from the engine's own properties file. */
    private static String pytorchVersion() {
        Properties properties = new Properties();
        try (InputStream in = TorchRuntime.class.getResourceAsStream("/pytorch-engine.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "(version unknown)";
        }
        return properties.getProperty("pytorch_version", "(version unknown)");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
