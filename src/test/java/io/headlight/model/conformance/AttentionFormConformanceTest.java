package io.headlight.model.conformance;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.ModelSource;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every export form Headlight claims to read, built from the bundled models: the rewrite computes what the
 * original computes, Headlight sees the same attention in it, and the q, k and scale it exposes are the true
 * ones (they reproduce the attention, and equal the original model's q and k).
 */
class AttentionFormConformanceTest {
    private static final String MINILM = "all-MiniLM-L6-v2";
    private static final String BGE_ZH = "bge-small-zh-v1.5";
    private static final Map<String, String[]> TEXTS = Map.of(
            MINILM, new String[] {"The keys come from here.", "And the queries from there!"},
            BGE_ZH, new String[] {"注意力机制让模型关注句子中重要的词。", null});
    private static final int PADDING = 3;

    @TempDir
    static Path scratch;
    private static final Map<String, AttentionModel> OPENED = new HashMap<>();
    private static final Map<String, Path> BUILT = new HashMap<>();

    /**
     * The forms, and how close each one's attention is to the float32 original's: float16 arithmetic itself
     * moves MiniLM's probabilities by up to 2.2e-3.
     */
    enum Variant {
        ORT_EXTENDED(1e-5), FUSED_MATMUL_OVER_KEY(1e-5), FUSED_MATMUL_TRANS_A(1e-5), EINSUM(1e-5), EINSUM_KEY_TRANSPOSED(1e-5), EINSUM_KERAS(1e-5), QUERY_SCALED(1e-5), SDPA(1e-5), SDPA_KEY_SCALED_BEFORE_TRANSPOSE(1e-5), SDPA_SCALE_FROM_SHAPE(1e-5),
        FLOAT16(3e-3),
        OWN_ATTENTION_OUTPUTS(1e-5), OWN_STACKED_ATTENTION_OUTPUT(1e-5);

        final double tolerance;

        Variant(double tolerance) {
            this.tolerance = tolerance;
        }
    }

    static Stream<Arguments> variants() {
        List<Arguments> all = new ArrayList<>();
        for (String model : List.of(MINILM, BGE_ZH)) {
            for (Variant variant : Variant.values()) {
                all.add(Arguments.of(model, variant));
            }
        }
        return all.stream();
    }

    @AfterAll
    static void closeModels() {
        OPENED.values().forEach(AttentionModel::close);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("variants")
    void theVariantComputesWhatTheOriginalComputes(String id, Variant variant) throws Exception {
        ModelSource original = ModelSource.resolve(id);
        Path folder = build(id, variant);
        Map<String, float[]> expected = plainRun(original.onnxFile(), original.tokenizerFile(), TEXTS.get(id));
        Map<String, float[]> actual = plainRun(folder.resolve("model.onnx"), original.tokenizerFile(), TEXTS.get(id));
        // The hidden state is the sum of many rounded terms; float16 keeps about three digits of it.
        double tolerance = variant == Variant.FLOAT16 ? 5e-2 : variant.tolerance;
        for (Map.Entry<String, float[]> output : expected.entrySet()) {
            float[] got = actual.get(output.getKey());
            assertTrue(got != null, variant + " lost the output " + output.getKey());
            assertClose(output.getValue(), got, tolerance, output.getKey());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("variants")
    void headlightSeesTheSameAttentionAsInTheOriginal(String id, Variant variant) throws Exception {
        AttentionResult expected = explain(SharedModels.get(id), id);
        AttentionResult actual = explain(open(id, variant), id);
        assertEquals(expected.layers(), actual.layers());
        assertEquals(expected.heads(), actual.heads());
        assertEquals(expected.length(), actual.length());
        assertClose(array(expected.attentionBuffer()), array(actual.attentionBuffer()), variant.tolerance,
                "attention");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("variants")
    void exposedQueryAndKeyAreTheTrueOnes(String id, Variant variant) throws Exception {
        AttentionModel model = open(id, variant);
        AttentionResult expected = explain(SharedModels.get(id), id);
        AttentionResult actual = explain(model, id);
        assertTrue(actual.hasQueryKey(), variant + " exposes no q/k");
        float[] scales = model.scoreScales();
        // In float16 the model's own constant is 1/sqrt(d) rounded to float16.
        double scaleTolerance = variant == Variant.FLOAT16 ? 1e-3 / Math.sqrt(actual.headDim()) : 1e-7;
        for (float scale : scales) {
            assertEquals(1 / Math.sqrt(actual.headDim()), scale, scaleTolerance, "the true total score scale");
        }
        // float16 q and k are the model's own values rounded to three digits, so relative to their size.
        double tolerance = variant == Variant.FLOAT16 ? 2e-2 : 1e-4;
        assertClose(array(expected.queryBuffer()), array(actual.queryBuffer()), tolerance, "queries");
        assertClose(array(expected.keyBuffer()), array(actual.keyBuffer()), tolerance, "keys");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("variants")
    void softmaxOfScaledQueryKeyProductsIsTheAttention(String id, Variant variant) throws Exception {
        AttentionModel model = open(id, variant);
        double worst = QueryKeyReplay.worstDifference(explain(model, id), model.scoreScales());
        double tolerance = variant == Variant.FLOAT16 ? variant.tolerance : 1e-4;
        assertTrue(worst <= tolerance, variant + ": largest difference " + worst);
    }

    private static AttentionResult explain(AttentionModel model, String id) throws Exception {
        String[] text = TEXTS.get(id);
        return model.explain(text[0], text[1]);
    }

    private static synchronized AttentionModel open(String id, Variant variant) throws Exception {
        String key = id + "/" + variant;
        AttentionModel model = OPENED.get(key);
        if (model == null) {
            model = AttentionModel.open(ModelSource.resolve(build(id, variant).toString()));
            OPENED.put(key, model);
        }
        return model;
    }

    private static synchronized Path build(String id, Variant variant) throws Exception {
        String key = id + "-" + variant;
        Path built = BUILT.get(key);
        if (built != null) {
            return built;
        }
        ModelSource source = ModelSource.resolve(id);
        ModelProto original = ModelVariants.load(source.onnxFile());
        float scale = (float) (1 / Math.sqrt(SharedModels.get(id).info().headDim()));
        ModelProto variant1 = switch (variant) {
            case ORT_EXTENDED -> ModelVariants.ortOptimized(source.onnxFile(), OptLevel.EXTENDED_OPT, scratch);
            case FUSED_MATMUL_OVER_KEY -> ModelVariants.fusedMatMulOverKey(original);
            case FUSED_MATMUL_TRANS_A -> ModelVariants.fusedMatMulOverQueryTransposed(original);
            case EINSUM -> ModelVariants.einsumScores(original, ModelVariants.EinsumLayout.HEADS_FIRST);
            case EINSUM_KEY_TRANSPOSED -> ModelVariants.einsumScores(original, ModelVariants.EinsumLayout.KEY_TRANSPOSED);
            case EINSUM_KERAS -> ModelVariants.einsumScores(original, ModelVariants.EinsumLayout.KERAS);
            case QUERY_SCALED -> ModelVariants.queryScaled(original, scale);
            case SDPA -> ModelVariants.sdpaScaled(original, scale, false);
            case SDPA_KEY_SCALED_BEFORE_TRANSPOSE -> ModelVariants.sdpaScaled(original, scale, true);
            case SDPA_SCALE_FROM_SHAPE -> ModelVariants.sdpaScaled(original, Float.NaN, false);
            case FLOAT16 -> ModelVariants.float16(original);
            case OWN_ATTENTION_OUTPUTS -> ModelVariants.withAttentionOutputs(original, false);
            case OWN_STACKED_ATTENTION_OUTPUT -> ModelVariants.withAttentionOutputs(original, true);
        };
        if (variant == Variant.ORT_EXTENDED) {
            long fused = variant1.getGraph().getNodeList().stream().map(NodeProto::getOpType)
                    .filter("FusedMatMul"::equals).count();
            assertTrue(fused > 0, "ONNX Runtime's extended optimizations wrote no FusedMatMul");
        }
        built = ModelVariants.folder(scratch, key, variant1, source.tokenizerFile());
        BUILT.put(key, built);
        return built;
    }

    /**
     * Runs a model file with plain ONNX Runtime (no Headlight) on a text padded with {@value #PADDING} masked
     * tokens, so that the mask path is compared too; returns every float output by name.
     */
    private static Map<String, float[]> plainRun(Path onnx, Path tokenizer, String[] text) throws Exception {
        Encoding encoding;
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(tokenizer)) {
            encoding = text[1] == null ? tok.encode(text[0]) : tok.encode(text[0], text[1]);
        }
        int t = encoding.getIds().length + PADDING;
        long[] ids = Arrays.copyOf(encoding.getIds(), t);
        long[] mask = Arrays.copyOf(encoding.getAttentionMask(), t);
        long[] types = Arrays.copyOf(encoding.getTypeIds(), t);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            return plainRun(env, env.createSession(Files.readAllBytes(onnx), options), ids, mask, types);
        }
    }

    private static Map<String, float[]> plainRun(OrtEnvironment env, OrtSession opened, long[] ids, long[] mask,
                                                 long[] types) throws Exception {
        int t = ids.length;
        Map<String, float[]> outputs = new HashMap<>();
        try (OrtSession session = opened) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                for (String name : session.getInputNames()) {
                    long[] values = name.equals("input_ids") ? ids : name.equals("attention_mask") ? mask : types;
                    inputs.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(values), new long[] {1, t}));
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    for (Map.Entry<String, OnnxValue> output : result) {
                        if (output.getValue() instanceof OnnxTensor tensor
                                && tensor.getInfo().type == ai.onnxruntime.OnnxJavaType.FLOAT) {
                            outputs.put(output.getKey(), array(tensor.getFloatBuffer()));
                        }
                    }
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
        return outputs;
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " sizes");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            if (!(diff <= worst)) {
                worst = diff;
                at = i;
            }
        }
        assertTrue(worst <= tolerance, what + ": largest difference " + worst + " at " + at + " (expected "
                + (at < 0 ? "" : expected[at] + ", was " + actual[at]) + ")");
    }

    private static float[] array(FloatBuffer buffer) {
        float[] out = new float[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
