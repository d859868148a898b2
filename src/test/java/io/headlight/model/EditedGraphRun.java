package io.headlight.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** One run of a session on a graph's declared inputs for one encoding, outside Headlight's own run path. */
final class EditedGraphRun {
    private EditedGraphRun() {
    }

    /**
     * @param extraInputs tensors fed beside the declared ones (Headlight's norms switch); closed by this call
     * @return the named float outputs, copied out
     */
    static Map<String, float[]> run(OrtSession session, List<String> declared, Encoding encoding,
                                    Map<String, OnnxTensor> extraInputs, List<String> outputs) throws OrtException {
        OrtEnvironment env = OrtRuntime.environment();
        Map<String, OnnxTensor> inputs = new HashMap<>(extraInputs);
        long[] shape = {1, encoding.length()};
        try {
            for (String name : declared) {
                long[] ids = switch (name) {
                    case "input_ids" -> encoding.inputIds();
                    case "attention_mask" -> encoding.attentionMask();
                    default -> encoding.typeIds();
                };
                inputs.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            }
            Map<String, float[]> values = new HashMap<>();
            try (OrtSession.Result result = session.run(inputs, new HashSet<>(outputs))) {
                for (String name : outputs) {
                    FloatBuffer buffer = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
                    float[] array = new float[buffer.remaining()];
                    buffer.get(array);
                    values.put(name, array);
                }
            }
            return values;
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
