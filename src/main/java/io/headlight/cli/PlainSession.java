package io.headlight.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.headlight.model.Encoding;
import io.headlight.model.HeadlightException;
import io.headlight.model.OrtRuntime;

import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The bench's baseline: ONNX Runtime on the model's unmodified bytes, asked only for its normal output, the
 * way an application that just wants embeddings would run it.
 */
final class PlainSession implements AutoCloseable {
    private final OrtEnvironment environment = OrtRuntime.environment();
    private final OrtSession session;

    PlainSession(Path onnxFile) throws HeadlightException {
        try (OrtSession.SessionOptions options = OrtRuntime.sessionOptions()) {
            session = environment.createSession(Files.readAllBytes(onnxFile), options);
        } catch (IOException | OrtException e) {
            throw new HeadlightException("Cannot open " + onnxFile.getFileName() + " for the plain run: "
                    + e.getMessage(), e);
        }
    }

    /** Runs the model and copies its first output out, as a caller of the plain model would. */
    float[] run(Encoding encoding) throws HeadlightException {
        long[] shape = {1, encoding.length()};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (String name : session.getInputNames()) {
                long[] values = switch (name) {
                    case "input_ids" -> encoding.inputIds();
                    case "attention_mask" -> encoding.attentionMask();
                    default -> encoding.typeIds();
                };
                inputs.put(name, OnnxTensor.createTensor(environment, LongBuffer.wrap(values), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxValue first = result.get(0);
                return ((OnnxTensor) first).getFloatBuffer().array();
            }
        } catch (OrtException e) {
            throw new HeadlightException("The plain run failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing: nothing useful to do about a failure
        }
    }
}
