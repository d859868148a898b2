package io.headlight.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.headlight.model.conformance.ModelVariants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The norms side graph runs only when a run asks for it, and whether it runs changes nothing else: not the
 * model's own outputs, not the attention Headlight reads.
 */
class NormsSwitchTest {
    private static final String TEXT = "Norms are asked for, or they are not.";

    @ParameterizedTest
    @ValueSource(strings = {ModelFixtures.MINILM, ModelFixtures.BGE_ZH})
    void aRunHasValueGramsOnlyWhenAskedAndTheSameAttentionEitherWay(String id) throws Exception {
        AttentionModel model = SharedModels.get(id);
        AttentionResult without = model.explain(TEXT, null);
        AttentionResult with = model.explain(TEXT, null, Norms.COMPUTE);

        assertFalse(without.hasValueGram());
        assertTrue(with.hasValueGram());
        assertEquals(0, without.attentionBuffer().compareTo(with.attentionBuffer()),
                "attention differs with the norms side graph on");
        float[] lent = model.explainInPlace(TEXT, null, Norms.COMPUTE, r -> {
            assertTrue(r.hasValueGram());
            float[] gram = new float[r.valueGramBuffer(0).remaining()];
            r.valueGramBuffer(0).get(gram);
            return gram;
        });
        float[] owned = new float[with.valueGramBuffer(0).remaining()];
        with.valueGramBuffer(0).get(owned);
        assertArrayEquals(owned, lent);
    }

    @ParameterizedTest
    @ValueSource(strings = {ModelFixtures.MINILM, ModelFixtures.BGE_ZH})
    void theModelsOwnOutputsAreTheUnmodifiedModelsWithTheSwitchOnOrOff(String id) throws Exception {
        assertOwnOutputsKept(id, Files.readAllBytes(ModelFixtures.onnx(id)));
    }

    /** A fused operator's V is recomputed inside the side graph, which reads the operator's inputs only. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.headlight.model.FusedAttentionTest#variants")
    void aFusedModelsOwnOutputsAreItsOwnWithTheSwitchOnOrOff(String id, FusedAttentionTest.Fused fused)
            throws Exception {
        ModelProto original = ModelProto.parseFrom(Files.readAllBytes(ModelFixtures.onnx(id)));
        assertOwnOutputsKept(id, fused.build(original).toByteArray());
    }

    /** QAttention's V is recomputed in the branch from its quantized input, which the model computes anyway. */
    @ParameterizedTest(name = "{0}, optimizer output around it: {1}")
    @MethodSource("io.headlight.model.FusedAttentionTest#quantizedVariants")
    void aQuantizedFusedModelsOwnOutputsAreItsOwnWithTheSwitchOnOrOff(String id, boolean optimized)
            throws Exception {
        ModelProto original = ModelProto.parseFrom(Files.readAllBytes(ModelFixtures.onnx(id)));
        assertOwnOutputsKept(id, FusedAttentionTest.quantizedVariant(original, optimized).toByteArray());
    }

    /**
     * In a float16 graph the side graph reads the fused operators' computed inputs as FusedAttentionTest's float16
     * case describes: the branch must not put their producers back in float16, whether it runs or not.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = FusedAttentionTest.Fused.class, names = {"CONTRIB_ATTENTION_RAW_MASK",
            "MULTI_HEAD_BIAS_INSIDE", "MULTI_HEAD_BIAS_OUTSIDE"})
    void aFloat16FusedModelsOwnOutputsAreItsOwnWithTheSwitchOnOrOff(FusedAttentionTest.Fused fused)
            throws Exception {
        ModelProto original = ModelProto.parseFrom(Files.readAllBytes(ModelFixtures.onnx(ModelFixtures.MINILM)));
        assertOwnOutputsKept(ModelFixtures.MINILM, ModelVariants.float16(fused.build(original)).toByteArray());
    }

    private static void assertOwnOutputsKept(String id, byte[] original) throws Exception {
        EditedGraph edited = GraphSurgeon.edit(original, id);
        assertNotNull(edited.norms().switchInput());
        Encoding encoding;
        try (TextEncoder encoder = TextEncoder.open(ModelFixtures.tokenizer(id), 512)) {
            encoding = encoder.encode(TEXT, null);
        }
        OrtEnvironment env = OrtRuntime.environment();
        List<String> own;
        Map<String, float[]> expected;
        try (OrtSession plain = env.createSession(original, new OrtSession.SessionOptions())) {
            own = List.copyOf(plain.getOutputNames());
            expected = run(plain, env, edited, encoding, null, own);
        }
        try (OrtSession session = env.createSession(edited.bytes(), new OrtSession.SessionOptions())) {
            for (boolean on : new boolean[] {false, true}) {
                Map<String, float[]> actual = run(session, env, edited, encoding, on, own);
                for (String name : own) {
                    assertArrayEquals(expected.get(name), actual.get(name), name + " with the switch " + on);
                }
            }
        }
    }

    private static Map<String, float[]> run(OrtSession session, OrtEnvironment env, EditedGraph edited,
                                            Encoding encoding, Boolean norms, List<String> outputs)
            throws OrtException {
        Map<String, OnnxTensor> extra = norms == null ? Map.of()
                : Map.of(edited.norms().switchInput(), OnnxTensor.createTensor(env, norms));
        return EditedGraphRun.run(session, edited.inputs(), encoding, extra, outputs);
    }
}
