package io.headlight.model;

import ai.onnxruntime.OnnxTensor;

import java.util.LinkedHashMap;
import java.util.Map;

/** Named ONNX Runtime tensors that are closed together, so no native value outlives a run. */
final class NativeValues implements AutoCloseable {
    private final Map<String, OnnxTensor> tensors = new LinkedHashMap<>();

    void put(String name, OnnxTensor tensor) {
        OnnxTensor previous = tensors.put(name, tensor);
        if (previous != null) {
            previous.close();
        }
    }

    Map<String, OnnxTensor> asMap() {
        return tensors;
    }

    @Override
    public void close() {
        for (OnnxTensor tensor : tensors.values()) {
            tensor.close();
        }
        tensors.clear();
    }
}
