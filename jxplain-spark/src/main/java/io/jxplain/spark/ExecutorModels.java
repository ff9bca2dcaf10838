package io.jxplain.spark;

import io.jxplain.model.Model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One open model per executor JVM and {@link ModelSource#cacheKey()}: tasks of the same job (and later jobs with the
 * same model) share it, since built-in networks, ONNX sessions and TorchScript modules are all safe to call from
 * several threads. They live as long as the executor.
 */
final class ExecutorModels {
    private static final Map<String, Model> OPEN = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    static Model get(ModelSource source) {
        return OPEN.computeIfAbsent(source.cacheKey(), k -> source.open());
    }
}
