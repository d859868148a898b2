package io.headlight.model.conformance;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.headlight.model.AttentionModel;
import io.headlight.model.HeadlightException;
import io.headlight.model.ModelSource;
import io.headlight.model.OrtRuntime;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forms real tools write that ONNX Runtime's CPU provider cannot run: Headlight refuses them with one line that
 * names the real reason (the runtime), never blaming the model's validity.
 */
class UnrunnableFormsTest {
    /**
     * The bundled model cast to bfloat16 throughout: ONNX Runtime 1.29's CPU provider has no bfloat16 kernel for
     * most operators (Sub, MatMul, Add...), so even a plain session refuses it. Should a later ONNX Runtime run
     * it, the first assertion fails and bfloat16 belongs in the conformance suite instead.
     */
    @ParameterizedTest
    @ValueSource(strings = {"all-MiniLM-L6-v2", "bge-small-zh-v1.5"})
    void bfloat16GraphIsRefusedForTheRuntimesMissingKernels(String id, @TempDir Path dir) throws Exception {
        ModelSource original = ModelSource.resolve(id);
        ModelProto bfloat16 = ModelVariants.bfloat16(ModelVariants.load(original.onnxFile()));
        OrtException plain = assertThrows(OrtException.class, () -> {
            try (OrtSession.SessionOptions options = OrtRuntime.sessionOptions()) {
                OrtRuntime.environment().createSession(bfloat16.toByteArray(), options).close();
            }
        });
        assertTrue(plain.getMessage().contains("Could not find an implementation"), plain.getMessage());

        Path folder = ModelVariants.folder(dir, "bf16", bfloat16, original.tokenizerFile());
        HeadlightException e = assertThrows(HeadlightException.class,
                () -> AttentionModel.open(ModelSource.resolve(folder.toString())).close());
        String reason = e.getMessage();
        assertFalse(reason.contains("\n"), reason);
        assertTrue(reason.contains("it is a bfloat16 graph and ONNX Runtime has no bfloat16 kernel for "), reason);
        assertTrue(reason.endsWith("export or convert the model in float32 or float16"), reason);
        assertFalse(reason.contains("not a valid ONNX model"), reason);
    }
}
