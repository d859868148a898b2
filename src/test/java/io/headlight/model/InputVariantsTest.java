package io.headlight.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exports declare different inputs: Headlight feeds exactly those the graph declares, in the declared type.
 * Each variant is first checked against ONNX Runtime on the unmodified model (same last hidden state), so that
 * it is a faithful rewrite; then Headlight's attention on it must equal its attention on the original.
 */
class InputVariantsTest {
    private static final String A = "The quick brown fox jumps over the lazy dog.";
    private static final String B = "它看得见。";

    @ParameterizedTest
    @ValueSource(strings = {ModelFixtures.MINILM, ModelFixtures.BGE_ZH})
    void modelWithoutTokenTypeIdsIsFedOnlyWhatItDeclares(String id, @TempDir Path dir) throws Exception {
        ModelProto variant = InputVariants.withoutTokenTypes(InputVariants.read(id));
        Encoding single = encode(id, A, null);
        Map<String, long[]> original = standardInputs(single);
        Map<String, long[]> fed = new LinkedHashMap<>(original);
        fed.remove("token_type_ids");
        assertAllZero(original.get("token_type_ids"));
        assertSameHiddenState(id, original, variant, fed, false);

        try (AttentionModel opened = open(dir, variant, id)) {
            assertEquals(List.of(new ModelInput("input_ids", "int64"), new ModelInput("attention_mask", "int64")),
                    opened.info().inputs());
            assertFalse(opened.info().takes(ModelInput.TOKEN_TYPE_IDS));
            assertSameAttention(SharedModels.get(id).explain(A, null), opened.explain(A, null));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ModelFixtures.MINILM, ModelFixtures.BGE_ZH})
    void int32InputsAreFedAsInt32(String id, @TempDir Path dir) throws Exception {
        ModelProto variant = InputVariants.int32Inputs(InputVariants.read(id));
        Map<String, long[]> inputs = standardInputs(encode(id, A, B));
        assertSameHiddenState(id, inputs, variant, inputs, true);

        try (AttentionModel opened = open(dir, variant, id)) {
            assertEquals(List.of(new ModelInput("input_ids", "int32"), new ModelInput("attention_mask", "int32"),
                    new ModelInput("token_type_ids", "int32")), opened.info().inputs());
            assertSameAttention(SharedModels.get(id).explain(A, B), opened.explain(A, B));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ModelFixtures.MINILM, ModelFixtures.BGE_ZH})
    void explicitPositionIdsCountFromZero(String id, @TempDir Path dir) throws Exception {
        ModelProto variant = InputVariants.explicitPositions(InputVariants.read(id));
        Encoding pair = encode(id, A, B);
        Map<String, long[]> original = standardInputs(pair);
        Map<String, long[]> fed = new LinkedHashMap<>(original);
        long[] positions = new long[pair.length()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        fed.put("position_ids", positions);
        assertSameHiddenState(id, original, variant, fed, false);

        try (AttentionModel opened = open(dir, variant, id)) {
            assertTrue(opened.info().takes(ModelInput.POSITION_IDS), opened.info().inputs().toString());
            assertSameAttention(SharedModels.get(id).explain(A, B), opened.explain(A, B));
        }
    }

    private static AttentionModel open(Path dir, ModelProto variant, String id) throws Exception {
        Path folder = InputVariants.folder(dir, variant, ModelFixtures.tokenizer(id));
        return AttentionModel.open(ModelSource.resolve(folder.toString()));
    }

    private static Encoding encode(String id, String a, String b) throws HeadlightException {
        try (TextEncoder encoder = TextEncoder.open(ModelFixtures.tokenizer(id), 512)) {
            return encoder.encode(a, b);
        }
    }

    /** What the bundled exports take, as BERT's tokenizer gives it. */
    private static Map<String, long[]> standardInputs(Encoding e) {
        Map<String, long[]> inputs = new LinkedHashMap<>();
        inputs.put("input_ids", e.inputIds());
        inputs.put("attention_mask", e.attentionMask());
        inputs.put("token_type_ids", e.typeIds());
        return inputs;
    }

    /** The variant, fed {@code fed}, computes exactly what the bundled model computes on {@code original}. */
    private static void assertSameHiddenState(String id, Map<String, long[]> original, ModelProto variant,
                                              Map<String, long[]> fed, boolean int32) throws Exception {
        float[] expected = hiddenState(InputVariants.read(id).toByteArray(), original, false);
        float[] actual = hiddenState(variant.toByteArray(), fed, int32);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            // Float rounding only: ONNX Runtime may fuse the rewritten graph's embeddings differently.
            assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "hidden value " + i);
        }
    }

    private static float[] hiddenState(byte[] model, Map<String, long[]> inputs, boolean int32)
            throws OrtException {
        OrtEnvironment env = OrtRuntime.environment();
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try (OrtSession.SessionOptions options = OrtRuntime.sessionOptions();
             OrtSession session = env.createSession(model, options)) {
            for (Map.Entry<String, long[]> input : inputs.entrySet()) {
                long[] v = input.getValue();
                long[] shape = {1, v.length};
                tensors.put(input.getKey(), int32
                        ? OnnxTensor.createTensor(env, IntBuffer.wrap(java.util.Arrays.stream(v)
                                .mapToInt(Math::toIntExact).toArray()), shape)
                        : OnnxTensor.createTensor(env, LongBuffer.wrap(v), shape));
            }
            try (OrtSession.Result result = session.run(tensors)) {
                FloatBuffer out = ((OnnxTensor) result.get("last_hidden_state").orElseThrow()).getFloatBuffer();
                float[] values = new float[out.remaining()];
                out.get(values);
                return values;
            }
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private static void assertSameAttention(AttentionResult expected, AttentionResult actual) {
        assertEquals(expected.tokens(), actual.tokens());
        FloatBuffer e = expected.attentionBuffer();
        FloatBuffer a = actual.attentionBuffer();
        assertEquals(e.remaining(), a.remaining());
        for (int i = 0; i < e.remaining(); i++) {
            assertEquals(e.get(i), a.get(i), 1e-5f, "attention value " + i);
        }
    }

    private static void assertAllZero(long[] values) {
        for (long v : values) {
            assertEquals(0, v, "a single sentence has type id 0 throughout");
        }
    }
}
