package io.headlight.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.headlight.analysis.NormAttention;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decomposition norm-based attention rests on (Kobayashi et al. 2020): for every layer and token i,
 * {@code Σ_j Σ_h α^h_ij f_h(x_j) + b_O} is the model's own attention-output dense result. It holds only when
 * the value tensor, the output projection and its split into heads were all found right.
 */
class ValueProjectionIdentityTest {
    private static final String TEXT = "The quick brown fox, it said, jumps over the lazy dog.";
    private static final String TEXT_B = "它看得见。";

    @ParameterizedTest
    @ValueSource(strings = {ModelFixtures.MINILM, ModelFixtures.BGE_ZH})
    void headsTransformedValuesSumToTheModelsOwnDenseOutputInEveryLayer(String id) throws Exception {
        assertDecomposition(id, ModelProto.parseFrom(Files.readAllBytes(ModelFixtures.onnx(id))), 1e-4, false);
    }

    /**
     * A fused operator keeps V inside its kernel: the side graph recomputes it from the operator's own inputs
     * and finds the projection after the operator's output, and the decomposition holds as in the unfused graph.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.headlight.model.FusedAttentionTest#variants")
    void fusedLayersDecomposeToTheModelsOwnDenseOutputInEveryLayer(String id, FusedAttentionTest.Fused fused)
            throws Exception {
        ModelProto variant = fused.build(ModelProto.parseFrom(Files.readAllBytes(ModelFixtures.onnx(id))));
        assertDecomposition(id, variant, 1e-4, false);
    }

    /**
     * QAttention keeps V inside its int8 kernel: the norms branch recomputes it from the layer's quantized input
     * as the kernel does (exact integer product, the same scales and bias), so the decomposition of the variant's
     * own float dense holds as tightly as for the float fused forms.
     */
    @ParameterizedTest(name = "{0}, optimizer output around it: {1}")
    @MethodSource("io.headlight.model.FusedAttentionTest#quantizedVariants")
    void quantizedFusedLayersDecomposeToTheModelsOwnDenseOutputInEveryLayer(String id, boolean optimized)
            throws Exception {
        ModelProto original = ModelProto.parseFrom(Files.readAllBytes(ModelFixtures.onnx(id)));
        assertDecomposition(id, FusedAttentionTest.quantizedVariant(original, optimized), 1e-4, false);
    }

    /** Per-column weight scales and zero points are sliced with the weights' columns, for Q and K and for V. */
    @ParameterizedTest
    @ValueSource(strings = {ModelFixtures.MINILM, ModelFixtures.BGE_ZH})
    void perColumnQuantizedFusedLayersDecomposeToTheModelsOwnDenseOutputInEveryLayer(String id) throws Exception {
        ModelProto original = ModelProto.parseFrom(Files.readAllBytes(ModelFixtures.onnx(id)));
        assertDecomposition(id, FusedVariants.quantizedAttention(original, true), 1e-4, false);
    }

    /** ONNX Runtime's transformer optimizer adds the projection's bias inside SkipLayerNormalization. */
    @ParameterizedTest
    @ValueSource(strings = {ModelFixtures.MINILM, ModelFixtures.BGE_ZH})
    void aBiasAddedBySkipLayerNormalizationIsTheProjectionsBias(String id) throws Exception {
        ModelProto original = ModelProto.parseFrom(Files.readAllBytes(ModelFixtures.onnx(id)));
        ModelProto variant = FusedVariants.biasInSkipLayerNorm(
                FusedVariants.contribAttention(original, FusedVariants.MaskIndex.RAW));
        assertDecomposition(id, variant, 1e-4, false);
    }

    /*
     * A dynamically quantized graph quantizes the context to 8 bits before its projection, which the side graph
     * does not (it dequantizes the weight only): the identity then holds to the activations' rounding, a relative
     * error of 1-3% here, while a misread scale or zero point misses by far more.
     */
    @ParameterizedTest
    @CsvSource({"all-MiniLM-L6-v2, all-MiniLM-L6-v2-q", "bge-small-zh-v1.5, bge-small-zh-v1.5-q"})
    void quantizedGraphsDecomposeToTheirOwnDenseOutputWithinTheirRounding(String id, String folder)
            throws Exception {
        Path dir = Path.of(System.getProperty("headlight.test.models.dir"), folder);
        Path onnx;
        try (var files = Files.list(dir)) {
            onnx = files.filter(p -> p.toString().endsWith(".onnx")).findFirst().orElseThrow();
        }
        assertDecomposition(id, ModelProto.parseFrom(Files.readAllBytes(onnx)), 0.05, true);
    }

    /**
     * The projection's product before its bias is read, and the bias added here: where a SkipLayerNormalization
     * adds it, the biased product is no tensor of the graph.
     */
    private static void assertDecomposition(String id, ModelProto model, double tolerance, boolean relative)
            throws Exception {
        EditedGraph edited = GraphSurgeon.edit(model.toByteArray(), id);
        NormPlan norms = edited.norms();
        assertTrue(norms.available(), norms.unavailable());
        OnnxWeights weights = new OnnxWeights(model);

        Map<String, float[]> out = run(edited, id, concat(norms.transformed(), norms.projected()));
        int layers = edited.attentionOutputs().size();
        assertEquals(layers, norms.transformed().size());
        for (int l = 0; l < layers; l++) {
            float[] alpha = out.get(edited.attentionOutputs().get(l));
            float[] f = out.get(norms.transformed().get(l));
            float[] dense = out.get(norms.projected().get(l)).clone();
            float[] bias = weights.initializer(norms.biases().get(l)).values();
            int hidden = bias.length;
            int t = dense.length / hidden;
            for (int i = 0; i < dense.length; i++) {
                dense[i] += bias[i % hidden];
            }
            int heads = alpha.length / (t * t);
            assertEquals(heads * t * hidden, f.length, "f_h(x_j) of layer " + l + " is [H,T,hidden]");
            double worst = 0;
            double squaredError = 0;
            double squaredDense = 0;
            for (int i = 0; i < t; i++) {
                for (int k = 0; k < hidden; k++) {
                    double sum = bias[k];
                    for (int h = 0; h < heads; h++) {
                        for (int j = 0; j < t; j++) {
                            sum += alpha[(h * t + i) * t + j] * f[(h * t + j) * hidden + k];
                        }
                    }
                    double miss = sum - dense[i * hidden + k];
                    worst = Math.max(worst, Math.abs(miss));
                    squaredError += miss * miss;
                    squaredDense += (double) dense[i * hidden + k] * dense[i * hidden + k];
                }
            }
            double error = relative ? Math.sqrt(squaredError / squaredDense) : worst;
            assertTrue(error <= tolerance, "layer " + l + ": decomposition misses the dense output by " + error);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ModelFixtures.MINILM, ModelFixtures.BGE_ZH})
    void gramMatricesInTheResultAreTheDotProductsOfTheTransformedValues(String id) throws Exception {
        byte[] original = Files.readAllBytes(ModelFixtures.onnx(id));
        EditedGraph edited = GraphSurgeon.edit(original, id);
        Map<String, float[]> out = run(edited, id, edited.norms().transformed());
        AttentionResult result = SharedModels.get(id).explain(TEXT, TEXT_B, Norms.COMPUTE);
        int t = result.length();
        for (int l = 0; l < result.layers(); l++) {
            float[] f = out.get(edited.norms().transformed().get(l));
            int hidden = f.length / (result.heads() * t);
            float[] expected = NormAttention.gram(f, result.heads(), t, hidden);
            FloatBuffer actual = result.valueGramBuffer(l);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual.get(i), 1e-3 * Math.max(1, Math.abs(expected[i])),
                        "layer " + l + ", Gram entry " + i);
            }
        }
    }

    /**
     * Runs the edited graph with {@code extra} tensors added to its outputs; returns every output by name. The
     * norms side graph is taken out of its {@code If} first, since a branch's inner tensors cannot be outputs.
     */
    private static Map<String, float[]> run(EditedGraph edited, String id, List<String> extra) throws Exception {
        ModelProto model = ModelProto.parseFrom(edited.bytes());
        GraphProto.Builder graph = inlineNormsBranch(model.getGraph(), edited.norms());
        for (String name : extra) {
            graph.addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
        }
        Encoding encoding;
        try (TextEncoder encoder = TextEncoder.open(ModelFixtures.tokenizer(id), 512)) {
            encoding = encoder.encode(TEXT, TEXT_B);
        }
        OrtEnvironment env = OrtRuntime.environment();
        try (OrtSession session = env.createSession(model.toBuilder().setGraph(graph).build().toByteArray(),
                new OrtSession.SessionOptions())) {
            return EditedGraphRun.run(session, edited.inputs(), encoding, Map.of(),
                    concat(edited.attentionOutputs(), extra));
        }
    }

    /** The graph with the norms {@code If} replaced by its computing branch, and without the switch input. */
    private static GraphProto.Builder inlineNormsBranch(GraphProto graph, NormPlan norms) {
        GraphProto.Builder inlined = graph.toBuilder().clearNode().clearInput();
        graph.getInputList().stream().filter(i -> !i.getName().equals(norms.switchInput())).forEach(inlined::addInput);
        int found = 0;
        for (NodeProto node : graph.getNodeList()) {
            if (!node.getOpType().equals("If") || !node.getInput(0).equals(norms.switchInput())) {
                inlined.addNode(node);
                continue;
            }
            found++;
            GraphProto branch = node.getAttributeList().stream().filter(a -> a.getName().equals("then_branch"))
                    .findFirst().orElseThrow().getG();
            inlined.addAllNode(branch.getNodeList()).addAllInitializer(branch.getInitializerList());
            for (int i = 0; i < node.getOutputCount(); i++) {
                inlined.addNode(NodeProto.newBuilder().setOpType("Identity")
                        .addInput(branch.getOutput(i).getName()).addOutput(node.getOutput(i)));
            }
        }
        assertEquals(1, found, "one If holds the norms side graph");
        return inlined;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
