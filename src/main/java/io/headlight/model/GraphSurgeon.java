package io.headlight.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import shade.com.google.protobuf.InvalidProtocolBufferException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Exposes the attention probabilities of a BERT-family ONNX graph as graph outputs, in memory.
 *
 * <p>Most exports output only the last hidden state. Every {@link AttentionForm} looks for the layers written
 * in its form (by the shape of the computation, never by node names, which differ between exporters); this
 * class orders what they found by position in the dataflow (= layer order) and adds the probabilities and the
 * true Q and K^T to the graph's outputs, as float32 whatever the graph computes them in. Adding outputs (and
 * side nodes that only feed them) changes no arithmetic, so the model's own results stay bit-for-bit what
 * they were.
 */
final class GraphSurgeon {
    /** The forms asked, in order; a layer found by two forms is taken from the first. */
    private static final List<AttentionForm> FORMS = List.of(new ScoreProductForm(), new ContribAttentionForm(),
            new MultiHeadAttentionForm(), new OnnxAttentionForm(), new QuantizedAttentionForm());

    private final String label;
    private final GraphIndex index;
    private final List<NodeProto> addedNodes = new ArrayList<>();
    private final List<TensorProto> addedInitializers = new ArrayList<>();

    private GraphSurgeon(String label, GraphIndex index) {
        this.label = label;
        this.index = index;
    }

    /**
     * Parses a model and returns it with its attention exposed.
     *
     * @param modelBytes the .onnx file's bytes (left untouched)
     * @param label      how to name the file in messages
     * @throws HeadlightException when the bytes are not an ONNX model or no attention can be found
     */
    static EditedGraph edit(byte[] modelBytes, String label) throws HeadlightException {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(modelBytes);
        } catch (InvalidProtocolBufferException e) {
            throw notOnnx(label, e);
        }
        return edit(model, label);
    }

    /**
     * Returns a parsed model with its attention exposed.
     *
     * @param model the parsed .onnx file (left untouched)
     * @param label how to name the file in messages
     * @throws HeadlightException when it is not an ONNX model or no attention can be found
     */
    static EditedGraph edit(ModelProto model, String label) throws HeadlightException {
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0 || model.getOpsetImportCount() == 0) {
            throw notOnnx(label, null);
        }
        return new GraphSurgeon(label, new GraphIndex(model)).expose();
    }

    static HeadlightException notOnnx(String label, Throwable cause) {
        return new HeadlightException(label + " is not a valid ONNX model (unreadable or truncated); "
                + "export it again or check the download", cause);
    }

    private EditedGraph expose() throws HeadlightException {
        GraphProto graph = index.graph();
        List<String> declaredOutputs = new ArrayList<>();
        List<String> existingAttention = new ArrayList<>();
        String stackedAttention = null;
        String hidden = null;
        for (ValueInfoProto output : graph.getOutputList()) {
            declaredOutputs.add(output.getName());
            int rank = floatRank(output);
            if (rank == 4) {
                existingAttention.add(output.getName());
            } else if (rank == 5) {
                stackedAttention = output.getName();
            } else if (rank == 3 && (hidden == null || output.getName().equals("last_hidden_state"))) {
                hidden = output.getName();
            }
        }
        List<FoundAttention> layers = findLayers();

        List<String> attention;
        List<String> forms;
        boolean stacked = false;
        if (!existingAttention.isEmpty()) {
            attention = existingAttention;
            forms = ownOutputForms(existingAttention.size(), "the model's own attention output", layers);
        } else if (stackedAttention != null) {
            attention = List.of(stackedAttention);
            stacked = true;
            forms = ownOutputForms(layers.size(), "the model's own stacked attention output", layers);
        } else if (layers.isEmpty()) {
            throw new HeadlightException("Attention could not be found in " + label + ": " + whyNoAttention());
        } else {
            attention = layers.stream().map(FoundAttention::probabilities).toList();
            forms = layers.stream().map(FoundAttention::form).toList();
        }
        int attentionType = index.elementType(attention.get(0));
        String elementType = ElementType.name(attentionType != 0 ? attentionType : weightType());

        List<String> queries = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        float[] scales = new float[layers.size()];
        boolean everyQueryKey = !layers.isEmpty();
        for (int i = 0; i < layers.size(); i++) {
            FoundAttention layer = layers.get(i);
            scales[i] = layer.scale();
            addedNodes.addAll(layer.addedNodes());
            addedInitializers.addAll(layer.addedInitializers());
            everyQueryKey &= layer.query() != null && layer.key() != null;
        }
        if (everyQueryKey) {
            for (FoundAttention layer : layers) {
                queries.add(asFloat(layer.query()));
                keys.add(asFloat(layer.keyTransposed() ? layer.key() : transposed(layer.key())));
            }
        }
        attention = attention.stream().map(this::asFloat).toList();
        String hiddenOutput = hidden == null ? null : asFloat(hidden);

        NormPlan norms = NormPlan.of(index, layers, stacked ? layers.size() : attention.size());
        addedNodes.addAll(norms.nodes());

        GraphProto.Builder edited = graph.toBuilder().addAllNode(addedNodes).addAllInitializer(addedInitializers);
        if (norms.available()) {
            edited.addInput(norms.switchDeclaration());
        }
        Set<String> present = new HashSet<>(declaredOutputs);
        List<String> wanted = new ArrayList<>(attention);
        wanted.addAll(queries);
        wanted.addAll(keys);
        wanted.addAll(norms.grams());
        if (hiddenOutput != null) {
            wanted.add(hiddenOutput);
        }
        for (String name : wanted) {
            if (present.add(name)) {
                edited.addOutput(AttentionSideGraph.floatValue(name));
            }
        }
        ModelProto editedModel = index.model().toBuilder().setGraph(edited).build();
        return new EditedGraph(editedModel, declaredInputs(), attention, stacked, queries, keys, scales, hiddenOutput,
                EmbeddingTables.find(graph), forms, elementType, quantizedOps(), norms.withoutNodes());
    }

    /** Every form's layers, in dataflow order, each Softmax taken once. */
    private List<FoundAttention> findLayers() {
        List<FoundAttention> layers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (AttentionForm form : FORMS) {
            for (FoundAttention layer : form.find(index)) {
                if (seen.add(layer.probabilities())) {
                    layers.add(layer);
                }
            }
        }
        layers.sort(Comparator.comparingInt(FoundAttention::order));
        return layers;
    }

    private static List<String> ownOutputForms(int count, String own, List<FoundAttention> layers) {
        List<String> forms = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            forms.add(i < layers.size() && layers.size() == count ? own + "; q and k from " + layers.get(i).form()
                    : own);
        }
        return forms;
    }

    /**
     * The tensor itself when it is float32, else a Cast of it to float32 added beside it (exact for float16
     * and bfloat16), so that Headlight reads every model's outputs into the same pinned float buffers.
     */
    private String asFloat(String tensor) {
        int type = index.elementType(tensor);
        if (type == TensorProto.DataType.FLOAT_VALUE || type == 0) {
            return tensor;
        }
        String out = index.freshName(tensor + "/float32");
        addedNodes.add(NodeProto.newBuilder().setOpType("Cast").addInput(tensor).addOutput(out)
                .addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                        .setI(TensorProto.DataType.FLOAT_VALUE))
                .build());
        return out;
    }

    /** K^T from a {@code [B,H,T,d]} key, added beside it: Headlight reads keys as {@code [B,H,d,T]}. */
    private String transposed(String key) {
        NodeProto transpose = index.swapLastAxes(key);
        addedNodes.add(transpose);
        return transpose.getOutput(0);
    }

    /** Says what the graph holds instead of attention, so the user can tell a strange export from a wrong file. */
    private String whyNoAttention() {
        for (NodeProto node : index.nodes()) {
            if (node.getDomain().equals("com.microsoft") && node.getOpType().contains("Attention")) {
                return "it is fused into one com.microsoft " + node.getOpType() + " operator in a form Headlight"
                        + " cannot recompute (past state, rotary embedding, a 4D mask, which ONNX Runtime's CPU"
                        + " kernel refuses too, or sizes the graph does not declare);"
                        + " export the model again without ONNX Runtime transformer optimizations"
                        + " (e.g. optimum-cli export onnx with no --optimize)";
            }
        }
        long softmaxes = index.nodes().stream().filter(n -> n.getOpType().equals("Softmax")).count();
        if (softmaxes > 0) {
            return "it has " + softmaxes + " Softmax node" + (softmaxes == 1 ? "" : "s") + ", none fed by a query x key product"
                    + " (MatMul, FusedMatMul or Einsum of two computed tensors)";
        }
        Set<String> ops = new TreeSet<>();
        index.nodes().forEach(n -> ops.add(n.getOpType()));
        return "it has no Softmax and no attention operator (its " + index.nodes().size() + " nodes are "
                + String.join(", ", ops) + ")";
    }

    /**
     * What the graph's float weights are stored in: the element type of attention a side graph recomputes (in
     * float32, from the fused operator's inputs) is that of the model, not of the side graph.
     */
    private int weightType() {
        for (TensorProto t : index.graph().getInitializerList()) {
            if (ElementType.isFloat(t.getDataType())) {
                return t.getDataType();
            }
        }
        return 0;
    }

    /** The quantization operators the graph uses, e.g. [DynamicQuantizeLinear, MatMulInteger]; empty for none. */
    private List<String> quantizedOps() {
        Set<String> ops = new LinkedHashSet<>();
        for (NodeProto node : index.nodes()) {
            String op = node.getOpType();
            if (op.contains("Quantize") || op.contains("Integer") || op.startsWith("QLinear") || op.startsWith("Q")
                    && op.length() > 1 && Character.isUpperCase(op.charAt(1)) || op.contains("NBits")) {
                ops.add(op);
            }
        }
        return List.copyOf(new TreeSet<>(ops));
    }

    private List<String> declaredInputs() {
        Set<String> initializers = new HashSet<>();
        for (TensorProto t : index.graph().getInitializerList()) {
            initializers.add(t.getName());
        }
        // Before IR version 4 initializers were also listed as inputs; those are not fed by the caller.
        return index.graph().getInputList().stream().map(ValueInfoProto::getName)
                .filter(name -> !initializers.contains(name)).toList();
    }

    private static int floatRank(ValueInfoProto value) {
        TypeProto type = value.getType();
        if (!type.hasTensorType() || !ElementType.isFloat(type.getTensorType().getElemType())
                || !type.getTensorType().hasShape()) {
            return -1;
        }
        return type.getTensorType().getShape().getDimCount();
    }
}
