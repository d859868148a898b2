package io.headlight.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.headlight.model.conformance.ModelVariants;
import io.headlight.model.conformance.QueryKeyReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.headlight.model.ModelFixtures.BGE_ZH;
import static io.headlight.model.ModelFixtures.MINILM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Graphs whose attention is fused into one operator, built from the bundled models as the fusing tools write
 * them, open in Headlight and show the true attention, q and k: the probabilities are recomputed beside the
 * operator from its own inputs, and the operator's own results do not move by a bit.
 *
 * <p>Each check runs a padded batch of two texts through plain ONNX Runtime sessions, so that the masks are
 * exercised, and the long text through Headlight itself.
 */
class FusedAttentionTest {
    /**
     * The fused graphs regroup the same float32 arithmetic (one packed MatMul instead of three, the scale on
     * the product instead of a Div after it), which moves the hidden state by a few 1e-6 over six layers; 1e-4
     * leaves room for that and still catches any real difference (a wrong mask or scale moves it by 1e-1).
     */
    private static final double HIDDEN_TOLERANCE = 1e-4;
    private static final double ATTENTION_TOLERANCE = 1e-5;
    private static final double QUERY_KEY_TOLERANCE = 1e-4;
    private static final double FLOAT16_ATTENTION_TOLERANCE = 3e-3;
    private static final double QUANTIZED_MEAN_TOLERANCE = 0.05;
    /** int8 Q/K/V weights move a probability by 3e-3 to 4e-3 on average (MiniLM, bge-small-zh); 0.01 bounds it. */
    private static final double QUANTIZED_ATTENTION_MEAN_TOLERANCE = 0.01;

    private static final Map<String, String[]> PAIRS = Map.of(
            MINILM, new String[] {"The keys come from here.", "And the queries from there!"},
            BGE_ZH, new String[] {"钥匙从这里来。", "问题从那里来！"});
    private static final Map<String, String> LONG = Map.of(
            MINILM, "Attention lets every token of a sentence look at every other token and decide how much of "
                    + "each to mix into its own representation. In a small encoder such as this one, six layers of "
                    + "twelve heads each learn different habits: some look at the next word, some at the previous "
                    + "one, some at punctuation or at the separator token, and a few spread their attention over "
                    + "the whole sentence as if averaging it. Which of these habits a head picks up depends on the "
                    + "text it was trained on.",
            BGE_ZH, "注意力机制让句子中的每一个词都能看到其他所有的词，并决定从每个词中取多少信息来更新自己的表示。"
                    + "在这样一个小型编码器中，每一层的每一个注意力头都会学到不同的习惯：有的关注下一个词，有的关注前一个词，"
                    + "还有的关注标点符号。");

    enum Fused {
        CONTRIB_ATTENTION_RAW_MASK("com.microsoft Attention"), CONTRIB_ATTENTION_LENGTHS("com.microsoft Attention"),
        CONTRIB_ATTENTION_3D_MASK("com.microsoft Attention"),
        CONTRIB_ATTENTION_ENDS_STARTS("com.microsoft Attention"),
        MULTI_HEAD_BIAS_INSIDE("com.microsoft MultiHeadAttention"),
        MULTI_HEAD_BIAS_OUTSIDE("com.microsoft MultiHeadAttention"),
        ONNX_ATTENTION_HEADS("ONNX Attention"), ONNX_ATTENTION_3D("ONNX Attention"),
        TRANSFORMER_OPTIMIZER("com.microsoft Attention"), OPTIMUM_O2("com.microsoft Attention"),
        OPTIMUM_O3("com.microsoft Attention");

        /** How Headlight names the form it finds the layers in. */
        final String operator;

        Fused(String operator) {
            this.operator = operator;
        }

        /**
         * The function the variant computes, with attention as the bundled model writes it: the bundled model
         * itself, except that optimum -O3 approximates the GELU (FastGelu), which moves the hidden state by 1e-3.
         */
        ModelProto reference(ModelProto original) {
            return this == OPTIMUM_O3 ? OptimizerVariants.fastGeluOnly(original) : original;
        }

        ModelProto build(ModelProto original) {
            return switch (this) {
                case CONTRIB_ATTENTION_RAW_MASK -> FusedVariants.contribAttention(original, FusedVariants.MaskIndex.RAW);
                case CONTRIB_ATTENTION_LENGTHS -> FusedVariants.contribAttention(original,
                        FusedVariants.MaskIndex.LENGTHS);
                case CONTRIB_ATTENTION_3D_MASK -> FusedVariants.contribAttention(original,
                        FusedVariants.MaskIndex.RAW_3D);
                case CONTRIB_ATTENTION_ENDS_STARTS -> FusedVariants.contribAttention(original,
                        FusedVariants.MaskIndex.ENDS_STARTS);
                case MULTI_HEAD_BIAS_INSIDE -> FusedVariants.multiHeadAttention(original, true);
                case MULTI_HEAD_BIAS_OUTSIDE -> FusedVariants.multiHeadAttention(original, false);
                case ONNX_ATTENTION_HEADS -> FusedVariants.onnxAttention(original, true);
                case ONNX_ATTENTION_3D -> FusedVariants.onnxAttention(original, false);
                case TRANSFORMER_OPTIMIZER -> OptimizerVariants.optimized(original,
                        OptimizerVariants.Flavour.TRANSFORMER_OPTIMIZER);
                case OPTIMUM_O2 -> OptimizerVariants.optimized(original, OptimizerVariants.Flavour.OPTIMUM_O2);
                case OPTIMUM_O3 -> OptimizerVariants.optimized(original, OptimizerVariants.Flavour.OPTIMUM_O3);
            };
        }
    }

    static Stream<Arguments> variants() {
        List<Arguments> all = new ArrayList<>();
        for (String model : List.of(MINILM, BGE_ZH)) {
            for (Fused fused : Fused.values()) {
                all.add(Arguments.of(model, fused));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("variants")
    void fusedGraphShowsTheOriginalsAttentionAndKeepsItsOwnOutputs(String id, Fused fused, @TempDir Path dir)
            throws Exception {
        ModelProto bundled = ModelProto.parseFrom(Files.readAllBytes(ModelFixtures.onnx(id)));
        ModelProto original = fused.reference(bundled);
        ModelProto variant = fused.build(bundled);
        EditedGraph editedOriginal = GraphSurgeon.edit(original.toByteArray(), "original");
        EditedGraph editedVariant = GraphSurgeon.edit(variant.toByteArray(), "variant");
        // Start positions are only exercised where the padding is on the left.
        Batch batch = batch(id, fused == Fused.CONTRIB_ATTENTION_ENDS_STARTS);
        for (String form : editedVariant.forms()) {
            assertTrue(form.startsWith(fused.operator), "a layer was found as " + form);
        }

        // (a) The variant is a faithful rewrite: plain sessions on both compute the same hidden state.
        float[] own = run(original.toByteArray(), batch, "last_hidden_state").get("last_hidden_state");
        float[] fusedOwn = run(variant.toByteArray(), batch, "last_hidden_state").get("last_hidden_state");
        assertClose(own, fusedOwn, batch.rowMask(1), HIDDEN_TOLERANCE, "variant's hidden state");

        // (d) The side graph changes nothing the variant computes, to the bit.
        List<String> names = new ArrayList<>(editedVariant.attentionOutputs());
        names.add("last_hidden_state");
        Map<String, float[]> withSide = run(editedVariant.bytes(), batch, names.toArray(String[]::new));
        assertArrayEquals(fusedOwn, withSide.get("last_hidden_state"), "the side graph moved the model's output");

        // (b) Headlight's attention on the variant is its attention on the original (padded rows aside).
        assertEquals(editedOriginal.attentionOutputs().size(), editedVariant.attentionOutputs().size());
        Map<String, float[]> expected = run(editedOriginal.bytes(), batch,
                editedOriginal.attentionOutputs().toArray(String[]::new));
        for (int l = 0; l < editedVariant.attentionOutputs().size(); l++) {
            float[] want = expected.get(editedOriginal.attentionOutputs().get(l));
            float[] got = withSide.get(editedVariant.attentionOutputs().get(l));
            assertClose(want, got, batch.rowMask(want.length / (2 * batch.length * batch.length)), ATTENTION_TOLERANCE,
                    "layer " + l + " attention");
        }

        // (c) Through Headlight itself: the q and k it shows reproduce the variant's attention, which is the original's.
        Path folder = TinyGraphs.folder(dir, variant, ModelFixtures.tokenizer(id));
        Path referenceFolder = TinyGraphs.folder(Files.createDirectory(dir.resolve("reference")), original,
                ModelFixtures.tokenizer(id));
        try (AttentionModel opened = AttentionModel.open(ModelSource.resolve(folder.toString()));
             AttentionModel unfused = original == bundled ? null
                     : AttentionModel.open(ModelSource.resolve(referenceFolder.toString()))) {
            for (String[] texts : List.of(PAIRS.get(id), new String[] {LONG.get(id), null})) {
                AttentionResult seen = opened.explain(texts[0], texts[1]);
                AttentionResult reference = (unfused == null ? SharedModels.get(id) : unfused)
                        .explain(texts[0], texts[1]);
                assertClose(floats(reference.attentionBuffer()), floats(seen.attentionBuffer()), null,
                        ATTENTION_TOLERANCE, "Headlight's attention");
                assertTrue(seen.hasQueryKey(), "no q/k exposed");
                assertQueryKeyExplainAttention(seen, opened.scoreScales());
            }
        }
    }

    /**
     * The com.microsoft operators in a float16 graph: the side graph reads them in float32, the model's own
     * outputs keep every bit, and the attention is the float32 original's up to what float16 arithmetic itself
     * moves it (up to 2.2e-3 on MiniLM, as the unfused float16 graph shows too). ONNX Attention is not here: its
     * probabilities are the kernel's own float16 ones, 3.8e-3 from the float32 original's. MultiHeadAttention
     * fed straight by the Q/K/V MatMuls ({@code BIAS_INSIDE}) is the case where a careless side graph keeps
     * those MatMuls in float16 and moves the model's output (see {@code AttentionSideGraph.asFloat}). The
     * optimizer's outputs stand for its {@code --float16}: the Attention reads a float16 EmbedLayerNormalization
     * or SkipLayerNormalization.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Fused.class, names = {"CONTRIB_ATTENTION_RAW_MASK", "MULTI_HEAD_BIAS_INSIDE",
            "MULTI_HEAD_BIAS_OUTSIDE", "TRANSFORMER_OPTIMIZER", "OPTIMUM_O2"})
    void float16FusedGraphShowsTheOriginalsAttention(Fused fused, @TempDir Path dir) throws Exception {
        ModelProto original = ModelProto.parseFrom(Files.readAllBytes(ModelFixtures.onnx(MINILM)));
        ModelProto variant = ModelVariants.float16(fused.build(original));
        EditedGraph edited = GraphSurgeon.edit(variant.toByteArray(), "variant");
        assertEquals("float16", edited.elementType());
        Batch batch = batch(MINILM, false);
        float[] own = run(variant.toByteArray(), batch, "last_hidden_state").get("last_hidden_state");
        float[] withSide = run(edited.bytes(), batch, "last_hidden_state").get("last_hidden_state");
        assertArrayEquals(own, withSide, "the side graph moved the model's output");

        Path folder = TinyGraphs.folder(dir, variant, ModelFixtures.tokenizer(MINILM));
        try (AttentionModel opened = AttentionModel.open(ModelSource.resolve(folder.toString()))) {
            AttentionResult seen = opened.explain(LONG.get(MINILM), null);
            AttentionResult reference = SharedModels.get(MINILM).explain(LONG.get(MINILM), null);
            assertClose(floats(reference.attentionBuffer()), floats(seen.attentionBuffer()), null,
                    FLOAT16_ATTENTION_TOLERANCE, "Headlight's attention");
            assertTrue(seen.hasQueryKey(), "no q/k exposed");
        }
    }

    @Test
    void aFourDimensionalMaskIndexIsNamedAsTheReason(@TempDir Path dir) throws Exception {
        ModelProto original = ModelProto.parseFrom(Files.readAllBytes(ModelFixtures.onnx(MINILM)));
        Path folder = TinyGraphs.folder(dir, FusedVariants.contribAttention(original, FusedVariants.MaskIndex.RAW_4D),
                ModelFixtures.tokenizer(MINILM));
        HeadlightException e = assertThrows(HeadlightException.class,
                () -> AttentionModel.open(ModelSource.resolve(folder.toString())));
        assertTrue(e.getMessage().contains("com.microsoft Attention operator in a form Headlight cannot recompute")
                && e.getMessage().contains("a 4D mask"), e.getMessage());
    }

    /**
     * ONNX Runtime's quantized fused attention (quantize_dynamic over a fused graph): the variant stays near the
     * float original (int8 weights move the hidden state by a few hundredths on average), the side graph leaves
     * its output to the bit, and the attention Headlight shows is the one its QAttention nodes compute from their
     * quantized inputs (recomputed in Java from the run's quantized layer inputs, on a padded batch), near the
     * float model's; the q and k it shows reproduce it.
     */
    @ParameterizedTest(name = "{0}, optimizer output around it: {1}")
    @MethodSource("quantizedVariants")
    void quantizedFusedAttentionShowsItsOwnAttention(String id, boolean optimized, @TempDir Path dir)
            throws Exception {
        ModelProto original = ModelProto.parseFrom(Files.readAllBytes(ModelFixtures.onnx(id)));
        ModelProto variant = quantizedVariant(original, optimized);
        Batch batch = batch(id, false);
        float[] own = run(original.toByteArray(), batch, "last_hidden_state").get("last_hidden_state");
        float[] quantized = run(variant.toByteArray(), batch, "last_hidden_state").get("last_hidden_state");
        assertTrue(meanDifference(own, quantized, batch.rowMask(1)) < QUANTIZED_MEAN_TOLERANCE,
                "the quantized variant is not near the original");

        EditedGraph edited = GraphSurgeon.edit(variant.toByteArray(), "variant");
        for (String form : edited.forms()) {
            assertTrue(form.startsWith("com.microsoft QAttention"), "a layer was found as " + form);
        }
        List<String> names = new ArrayList<>(edited.attentionOutputs());
        names.add("last_hidden_state");
        Map<String, float[]> withSide = run(edited.bytes(), batch, names.toArray(String[]::new));
        assertArrayEquals(quantized, withSide.get("last_hidden_state"), "the side graph moved the model's output");

        EditedGraph float32 = GraphSurgeon.edit(original.toByteArray(), "original");
        Map<String, float[]> floatAttention = run(float32.bytes(), batch,
                float32.attentionOutputs().toArray(String[]::new));
        List<NodeProto> nodes = variant.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("QAttention")).toList();
        assertEquals(nodes.size(), edited.attentionOutputs().size());
        List<QuantizedInput> inputs = quantizedInputs(variant, batch, nodes);
        for (int l = 0; l < nodes.size(); l++) {
            NodeProto node = nodes.get(l);
            QuantizedInput input = inputs.get(l);
            float[] want = QuantizedAttentionReference.probabilities(variant.getGraph(), node, input.values,
                    input.scale, input.zero, batch.mask, 2, batch.length);
            float[] got = withSide.get(edited.attentionOutputs().get(l));
            boolean[] real = batch.rowMask(want.length / (2 * batch.length * batch.length));
            assertClose(want, got, real, ATTENTION_TOLERANCE, "layer " + l + " attention");
            float[] unquantized = floatAttention.get(float32.attentionOutputs().get(l));
            assertTrue(meanDifference(unquantized, got, real) < QUANTIZED_ATTENTION_MEAN_TOLERANCE,
                    "layer " + l + "'s attention is far from the float model's");
        }

        Path folder = TinyGraphs.folder(dir, variant, ModelFixtures.tokenizer(id));
        try (AttentionModel opened = AttentionModel.open(ModelSource.resolve(folder.toString()))) {
            AttentionResult seen = opened.explain(LONG.get(id), null);
            assertTrue(seen.hasQueryKey(), "no q/k exposed");
            assertQueryKeyExplainAttention(seen, opened.scoreScales());
        }
    }

    /** QAttention alone, and inside the transformer optimizer's output (its mask from EmbedLayerNormalization). */
    static Stream<Arguments> quantizedVariants() {
        return Stream.of(MINILM, BGE_ZH).flatMap(id -> Stream.of(Arguments.of(id, false), Arguments.of(id, true)));
    }

    /** The QAttention variant alone, or inside the transformer optimizer's output. */
    static ModelProto quantizedVariant(ModelProto original, boolean optimized) {
        return optimized ? OptimizerVariants.quantized(original) : FusedVariants.quantizedAttention(original);
    }

    /** A QAttention node's quantized input as the run computes it: 8-bit values, scale, zero point. */
    private record QuantizedInput(byte[] values, float scale, int zero) {
    }

    /** Each node's quantized input, the tensors added as outputs of the graph (a run returns only those). */
    private static List<QuantizedInput> quantizedInputs(ModelProto model, Batch batch, List<NodeProto> nodes)
            throws OrtException {
        var graph = model.getGraph().toBuilder();
        Set<String> wanted = new java.util.LinkedHashSet<>();
        for (NodeProto node : nodes) {
            for (int i : new int[] {0, 3, 6}) {
                int type = i == 3 ? TensorProto.DataType.FLOAT_VALUE : TensorProto.DataType.UINT8_VALUE;
                if (wanted.add(node.getInput(i))) {
                    graph.addOutput(ValueInfoProto.newBuilder().setName(node.getInput(i)).setType(TypeProto.newBuilder()
                            .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type))));
                }
            }
        }
        var env = OrtRuntime.environment();
        long[] shape = {2, batch.length};
        try (OrtSession.SessionOptions options = OrtRuntime.sessionOptions();
             OrtSession session = env.createSession(model.toBuilder().setGraph(graph).build().toByteArray(), options);
             OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.ids), shape);
             OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.mask), shape);
             OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.types), shape);
             OrtSession.Result result = session.run(
                     Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types), wanted)) {
            List<QuantizedInput> inputs = new ArrayList<>();
            for (NodeProto node : nodes) {
                ByteBuffer raw = ((OnnxTensor) result.get(node.getInput(0)).orElseThrow()).getByteBuffer();
                byte[] bytes = new byte[raw.remaining()];
                raw.get(bytes);
                inputs.add(new QuantizedInput(bytes,
                        ((OnnxTensor) result.get(node.getInput(3)).orElseThrow()).getFloatBuffer().get(0),
                        Byte.toUnsignedInt(((OnnxTensor) result.get(node.getInput(6)).orElseThrow())
                                .getByteBuffer().get(0))));
            }
            return inputs;
        }
    }

    /** The mean absolute difference over the rows {@code rowMask} keeps. */
    private static double meanDifference(float[] want, float[] got, boolean[] rowMask) {
        int width = want.length / rowMask.length;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < want.length; i++) {
            if (rowMask[i / width]) {
                sum += Math.abs(want[i] - got[i]);
                n++;
            }
        }
        return sum / n;
    }

    private static float[] floats(FloatBuffer buffer) {
        float[] values = new float[buffer.remaining()];
        buffer.duplicate().get(values);
        return values;
    }

    private static void assertQueryKeyExplainAttention(AttentionResult r, float[] scales) {
        double worst = QueryKeyReplay.worstDifference(r, scales);
        assertTrue(worst <= QUERY_KEY_TOLERANCE, "softmax(q.k * scale) misses the attention by " + worst);
    }

    /**
     * Compares two row-major tensors whose rows are token positions of a batch of two; {@code rowMask} says which
     * rows count (null: all).
     */
    private static void assertClose(float[] want, float[] got, boolean[] rowMask, double tolerance, String what) {
        assertEquals(want.length, got.length, what + ": sizes differ");
        int rows = rowMask == null ? 1 : rowMask.length;
        int width = want.length / rows;
        double worst = 0;
        int at = -1;
        for (int i = 0; i < want.length; i++) {
            if (rowMask != null && !rowMask[i / width]) {
                continue;
            }
            double diff = Math.abs(want[i] - got[i]);
            if (!(diff <= worst)) {
                worst = diff;
                at = i;
            }
        }
        assertTrue(worst <= tolerance, what + " differs by " + worst + " at element " + at);
    }

    /** Two encodings padded on the right (or {@code left}) to one length, as a batch {@code [2, T]}. */
    private record Batch(int length, long[] ids, long[] mask, long[] types, int[] lengths, boolean left) {
        /** Which rows of a {@code [2, groups, T, ...]} tensor are real tokens (rows = 2 * groups * T). */
        boolean[] rowMask(int groups) {
            boolean[] rows = new boolean[2 * groups * length];
            for (int b = 0; b < 2; b++) {
                for (int g = 0; g < groups; g++) {
                    for (int i = 0; i < lengths[b]; i++) {
                        rows[(b * groups + g) * length + (left ? length - lengths[b] : 0) + i] = true;
                    }
                }
            }
            return rows;
        }
    }

    private static Batch batch(String id, boolean left) throws HeadlightException {
        try (TextEncoder encoder = TextEncoder.open(ModelFixtures.tokenizer(id), 512)) {
            Encoding pair = encoder.encode(PAIRS.get(id)[0], PAIRS.get(id)[1]);
            Encoding long1 = encoder.encode(LONG.get(id), null);
            assertTrue(long1.length() >= 90, "the long text has only " + long1.length() + " tokens");
            int t = Math.max(pair.length(), long1.length());
            long[] ids = new long[2 * t];
            long[] mask = new long[2 * t];
            long[] types = new long[2 * t];
            Encoding[] both = {pair, long1};
            for (int b = 0; b < 2; b++) {
                int at = b * t + (left ? t - both[b].length() : 0);
                System.arraycopy(both[b].inputIds(), 0, ids, at, both[b].length());
                System.arraycopy(both[b].attentionMask(), 0, mask, at, both[b].length());
                System.arraycopy(both[b].typeIds(), 0, types, at, both[b].length());
            }
            return new Batch(t, ids, mask, types, new int[] {pair.length(), long1.length()}, left);
        }
    }

    /** Runs a graph in a plain session with Headlight's session options and returns the named outputs. */
    private static Map<String, float[]> run(byte[] model, Batch batch, String... outputs) throws OrtException {
        var env = OrtRuntime.environment();
        long[] shape = {2, batch.length};
        try (OrtSession.SessionOptions options = OrtRuntime.sessionOptions();
             OrtSession session = env.createSession(model, options);
             OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.ids), shape);
             OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.mask), shape);
             OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.types), shape);
             OnnxTensor off = OnnxTensor.createTensor(env, false)) {
            Map<String, OnnxTensor> inputs = new HashMap<>(
                    Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types));
            // An edited graph whose norms side graph is possible has Headlight's switch for it as one more input.
            for (String name : session.getInputNames()) {
                inputs.putIfAbsent(name, off);
            }
            return read(session, inputs, outputs);
        }
    }

    private static Map<String, float[]> read(OrtSession session, Map<String, OnnxTensor> inputs, String... outputs)
            throws OrtException {
        Map<String, float[]> values = new HashMap<>();
        try (OrtSession.Result result = session.run(inputs, Set.of(outputs))) {
            for (String name : outputs) {
                OnnxTensor tensor = (OnnxTensor) result.get(name).orElseThrow();
                float[] data = new float[tensor.getFloatBuffer().remaining()];
                tensor.getFloatBuffer().get(data);
                values.put(name, data);
            }
        }
        return values;
    }
}
