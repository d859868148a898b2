package io.headlight.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exposing attention must not change what the model computes, nor the user's file. */
class EditedGraphTest {
    private static final String SENTENCE = "Headlight shows what every attention head looks at.";

    @ParameterizedTest
    @ValueSource(strings = {"all-MiniLM-L6-v2", "bge-small-zh-v1.5"})
    void lastHiddenStateEqualsTheUnmodifiedModel(String id) throws Exception {
        AttentionModel model = SharedModels.get(id);
        AttentionResult result = model.explain(SENTENCE, "它看得见。");
        float[] plain = plainHiddenState(model.source(), model.info().maxPositions(), SENTENCE, "它看得见。");

        FloatBuffer edited = result.lastHiddenBuffer();
        assertEquals(plain.length, edited.remaining());
        assertEquals(result.length() * model.info().hiddenSize(), plain.length);
        for (int i = 0; i < plain.length; i++) {
            assertEquals(plain[i], edited.get(i), 1e-6, "hidden value " + i);
        }
    }

    @Test
    void explainingTwiceGivesTheSameAttention() throws HeadlightException {
        AttentionModel model = SharedModels.get("all-MiniLM-L6-v2");
        assertArrayEquals(attentionOf(model.explain(SENTENCE, null)), attentionOf(model.explain(SENTENCE, null)));
    }

    @Test
    void anEarlierResultIsUntouchedByALaterRun() throws HeadlightException {
        AttentionModel model = SharedModels.get("all-MiniLM-L6-v2");
        AttentionResult first = model.explain(SENTENCE, null);
        float[] before = attentionOf(first);
        float[] queriesBefore = array(first.queryBuffer());
        model.explain("A much longer and entirely different text, so that every output buffer is rewritten "
                + "from its first float to well past the last float of the first run.", null);
        assertArrayEquals(before, attentionOf(first));
        assertArrayEquals(queriesBefore, array(first.queryBuffer()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"all-MiniLM-L6-v2", "bge-small-zh-v1.5"})
    void scoresAreScaledByOneOverRootOfHeadWidth(String id) throws HeadlightException {
        AttentionModel model = SharedModels.get(id);
        float expected = (float) (1 / Math.sqrt(model.info().headDim()));
        for (float scale : model.scoreScales()) {
            assertEquals(expected, scale, 1e-7f);
        }
    }

    @Test
    void openingAndExplainingLeaveTheModelFileUnchanged(@TempDir Path dir) throws Exception {
        Path folder = TinyGraphs.folder(dir, TinyGraphs.attention(30522), minilmTokenizer());
        Path onnx = folder.resolve("model.onnx");
        byte[] digest = sha256(onnx);
        long modified = Files.getLastModifiedTime(onnx).toMillis();

        try (AttentionModel model = AttentionModel.open(ModelSource.resolve(folder.toString()))) {
            model.explain(SENTENCE, null);
        }

        assertArrayEquals(digest, sha256(onnx));
        assertEquals(modified, Files.getLastModifiedTime(onnx).toMillis());
        try (var files = Files.list(folder)) {
            assertEquals(2, files.count(), "no file was added beside the model");
        }
    }

    static Path minilmTokenizer() throws HeadlightException {
        return ModelSource.resolve("all-MiniLM-L6-v2").tokenizerFile();
    }

    private static float[] plainHiddenState(ModelSource source, int maxLength, String a, String b)
            throws IOException, OrtException, HeadlightException {
        OrtEnvironment env = OrtRuntime.environment();
        try (TextEncoder encoder = TextEncoder.open(source.tokenizerFile(), maxLength);
             OrtSession.SessionOptions options = OrtRuntime.sessionOptions();
             OrtSession session = env.createSession(Files.readAllBytes(source.onnxFile()), options)) {
            Encoding encoding = encoder.encode(a, b);
            long[] shape = {1, encoding.length()};
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.inputIds()), shape));
                inputs.put("attention_mask",
                        OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.attentionMask()), shape));
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.typeIds()), shape));
                try (OrtSession.Result result = session.run(inputs)) {
                    return array(((OnnxTensor) result.get("last_hidden_state").orElseThrow()).getFloatBuffer());
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    private static float[] attentionOf(AttentionResult result) {
        return array(result.attentionBuffer());
    }

    private static float[] array(FloatBuffer buffer) {
        float[] out = new float[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static byte[] sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }
}
