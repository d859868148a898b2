package io.headlight.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import shade.com.google.protobuf.InvalidProtocolBufferException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Exposes the attention probabilities of a BERT-family ONNX graph as graph outputs, in memory.
 *
 * <p>Most exports output only the last hidden state. Each self-attention block, however, computes
 * {@code softmax(Q K^T * scale + mask)} with an explicit Softmax node; this class finds those nodes by the
 * shape of the computation around them (never by node names, which differ between exporters), orders them
 * by their position in the dataflow (= layer order) and adds their outputs, and the Q and K^T tensors that
 * feed the score MatMul, to the graph's outputs. Adding outputs changes no arithmetic, so the model's own
 * results stay bit-for-bit what they were.
 */
final class GraphSurgeon {
    /** How far back from a Softmax the score MatMul may be (Add mask, Div scale, Where, Cast...). */
    private static final int MAX_HOPS = 8;

    private final String label;
    private final GraphProto graph;
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, TensorProto> constants = new HashMap<>();
    private final long opset;

    private GraphSurgeon(String label, ModelProto model) {
        this.label = label;
        this.graph = model.getGraph();
        for (NodeProto node : graph.getNodeList()) {
            for (String out : node.getOutputList()) {
                producers.put(out, node);
            }
            if (node.getOpType().equals("Constant")) {
                for (AttributeProto attribute : node.getAttributeList()) {
                    if (attribute.getName().equals("value") && node.getOutputCount() == 1) {
                        constants.put(node.getOutput(0), attribute.getT());
                    }
                }
            }
        }
        for (TensorProto initializer : graph.getInitializerList()) {
            constants.put(initializer.getName(), initializer);
        }
        long version = 0;
        for (OperatorSetIdProto set : model.getOpsetImportList()) {
            if (set.getDomain().isEmpty() || set.getDomain().equals("ai.onnx")) {
                version = set.getVersion();
            }
        }
        this.opset = version;
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
        return new GraphSurgeon(label, model).expose(model);
    }

    static HeadlightException notOnnx(String label, Throwable cause) {
        return new HeadlightException(label + " is not a valid ONNX model (unreadable or truncated); "
                + "export it again or check the download", cause);
    }

    private EditedGraph expose(ModelProto model) throws HeadlightException {
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
        List<Block> blocks = findBlocks();

        List<String> attention;
        boolean stacked = false;
        if (!existingAttention.isEmpty()) {
            attention = existingAttention;
        } else if (stackedAttention != null) {
            attention = List.of(stackedAttention);
            stacked = true;
        } else if (blocks.isEmpty()) {
            throw new HeadlightException("Attention could not be found in " + label + ": " + whyNoAttention());
        } else {
            attention = blocks.stream().map(b -> b.softmax().getOutput(0)).toList();
        }

        List<String> queries = blocks.stream().map(Block::query).toList();
        List<String> keys = blocks.stream().map(Block::transposedKey).toList();
        float[] scales = new float[blocks.size()];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = blocks.get(i).scale();
        }

        GraphProto.Builder edited = graph.toBuilder();
        Set<String> present = new HashSet<>(declaredOutputs);
        List<String> wanted = new ArrayList<>(attention);
        wanted.addAll(queries);
        wanted.addAll(keys);
        for (String name : wanted) {
            if (present.add(name)) {
                edited.addOutput(floatOutput(name));
            }
        }
        ModelProto editedModel = model.toBuilder().setGraph(edited).build();
        return new EditedGraph(editedModel, declaredInputs(), attention, stacked, queries, keys, scales, hidden,
                EmbeddingTables.find(graph));
    }

    /** One self-attention block: its Softmax and what fed the score MatMul. */
    private record Block(NodeProto softmax, int order, String query, String transposedKey, float scale) {
    }

    /** What a walk back from a Softmax found: the score MatMul's operands and the scale on the way. */
    private record Scores(String query, String transposedKey, float scale) {
    }

    private List<Block> findBlocks() {
        Map<NodeProto, Integer> order = topologicalOrder();
        List<Block> blocks = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            if (!node.getOpType().equals("Softmax") || !node.getDomain().isEmpty() || !onLastAxis(node)) {
                continue;
            }
            Optional<Scores> scores = scoresBehind(node.getInput(0), 0);
            scores.ifPresent(s -> blocks.add(new Block(node, order.getOrDefault(node, Integer.MAX_VALUE),
                    s.query(), s.transposedKey(), s.scale())));
        }
        blocks.sort(Comparator.comparingInt(Block::order));
        return blocks;
    }

    /** Attention normalises over keys, the last axis of {@code [B,H,T,T]}. */
    private boolean onLastAxis(NodeProto softmax) {
        // Before opset 13 Softmax defaulted to axis 1 (and flattened from there), which is not attention.
        long axis = opset >= 13 ? -1 : 1;
        for (AttributeProto attribute : softmax.getAttributeList()) {
            if (attribute.getName().equals("axis")) {
                axis = attribute.getI();
            }
        }
        return axis == -1 || axis == 3;
    }

    /**
     * Walks back from a Softmax input through masking and scaling to the MatMul of two computed tensors
     * (Q x K^T); a MatMul with a weight initializer is a projection, not attention scores.
     */
    private Optional<Scores> scoresBehind(String value, int hops) {
        NodeProto node = producers.get(value);
        if (node == null || hops > MAX_HOPS || !node.getDomain().isEmpty()) {
            return Optional.empty();
        }
        switch (node.getOpType()) {
            case "MatMul": {
                String a = node.getInput(0);
                String b = node.getInput(1);
                if (constants.containsKey(a) || constants.containsKey(b)) {
                    return Optional.empty();
                }
                return Optional.of(new Scores(a, b, 1f));
            }
            case "Div": {
                float divisor = scalar(node.getInput(1));
                return scoresBehind(node.getInput(0), hops + 1)
                        .map(s -> new Scores(s.query(), s.transposedKey(), s.scale() / divisor));
            }
            case "Mul": {
                for (int i = 0; i < 2; i++) {
                    float factor = scalar(node.getInput(1 - i));
                    if (!Float.isNaN(factor)) {
                        return scoresBehind(node.getInput(i), hops + 1)
                                .map(s -> new Scores(s.query(), s.transposedKey(), s.scale() * factor));
                    }
                }
                return Optional.empty();
            }
            case "Add":
            case "Sub":
                // The mask may itself be computed, so follow whichever side leads to the scores.
                return firstFound(node, 0, 2, hops);
            case "Where":
                return firstFound(node, 1, 3, hops);
            case "Cast":
            case "Identity":
                return scoresBehind(node.getInput(0), hops + 1);
            default:
                return Optional.empty();
        }
    }

    private Optional<Scores> firstFound(NodeProto node, int from, int to, int hops) {
        for (int i = from; i < to && i < node.getInputCount(); i++) {
            Optional<Scores> found = scoresBehind(node.getInput(i), hops + 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The value of a one-element float constant, or NaN when the tensor is not one. */
    private float scalar(String name) {
        TensorProto t = constants.get(name);
        if (t == null) {
            return Float.NaN;
        }
        long elements = 1;
        for (long d : t.getDimsList()) {
            elements *= d;
        }
        if (elements != 1) {
            return Float.NaN;
        }
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
            return raw.remaining() >= 4 ? raw.getFloat(0) : t.getFloatDataCount() > 0 ? t.getFloatData(0) : Float.NaN;
        }
        if (t.getDataType() == TensorProto.DataType.DOUBLE_VALUE) {
            return (float) (raw.remaining() >= 8 ? raw.getDouble(0)
                    : t.getDoubleDataCount() > 0 ? t.getDoubleData(0) : Double.NaN);
        }
        return Float.NaN;
    }

    private String whyNoAttention() {
        for (NodeProto node : graph.getNodeList()) {
            if (node.getDomain().equals("com.microsoft") && node.getOpType().contains("Attention")) {
                return "it is fused into one com.microsoft " + node.getOpType()
                        + " operator that hides the probabilities; export the model again without ONNX Runtime "
                        + "transformer optimizations (e.g. optimum-cli export onnx with no --optimize)";
            }
        }
        boolean anySoftmax = graph.getNodeList().stream().anyMatch(n -> n.getOpType().equals("Softmax"));
        return anySoftmax
                ? "no Softmax in it is fed by a query x key MatMul; is it a Transformer encoder?"
                : "it has no Softmax, so it is not a Transformer encoder with self-attention";
    }

    /** Node positions in a dependency order, so that block i is computed before block i + 1. */
    private Map<NodeProto, Integer> topologicalOrder() {
        Set<String> available = new HashSet<>(constants.keySet());
        available.add("");
        for (ValueInfoProto input : graph.getInputList()) {
            available.add(input.getName());
        }
        Map<String, List<NodeProto>> consumers = new HashMap<>();
        Map<NodeProto, Integer> missing = new HashMap<>();
        ArrayDeque<NodeProto> ready = new ArrayDeque<>();
        for (NodeProto node : graph.getNodeList()) {
            int count = 0;
            for (String in : new HashSet<>(node.getInputList())) {
                if (!available.contains(in)) {
                    count++;
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(node);
                }
            }
            missing.put(node, count);
            if (count == 0) {
                ready.add(node);
            }
        }
        Map<NodeProto, Integer> order = new HashMap<>();
        while (!ready.isEmpty()) {
            NodeProto node = ready.poll();
            order.put(node, order.size());
            for (String out : node.getOutputList()) {
                for (NodeProto consumer : consumers.getOrDefault(out, List.of())) {
                    if (missing.merge(consumer, -1, Integer::sum) == 0) {
                        ready.add(consumer);
                    }
                }
            }
        }
        return order;
    }

    private List<String> declaredInputs() {
        Set<String> initializers = new HashSet<>();
        for (TensorProto t : graph.getInitializerList()) {
            initializers.add(t.getName());
        }
        // Before IR version 4 initializers were also listed as inputs; those are not fed by the caller.
        return graph.getInputList().stream().map(ValueInfoProto::getName)
                .filter(name -> !initializers.contains(name)).toList();
    }

    private static int floatRank(ValueInfoProto value) {
        TypeProto type = value.getType();
        if (!type.hasTensorType() || type.getTensorType().getElemType() != TensorProto.DataType.FLOAT_VALUE
                || !type.getTensorType().hasShape()) {
            return -1;
        }
        return type.getTensorType().getShape().getDimCount();
    }

    private static ValueInfoProto floatOutput(String name) {
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)))
                .build();
    }
}
