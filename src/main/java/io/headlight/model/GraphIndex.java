package io.headlight.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.platform.Fp16Conversions;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed graph indexed for the {@link AttentionForm}s: who produces and who consumes each tensor, which
 * tensors are constants (initializers and Constant nodes), the nodes' dependency order and the opset.
 */
final class GraphIndex {
    /** How deep a chain of constant arithmetic {@link #scalar} evaluates (Sqrt of a Div of a Cast...). */
    private static final int MAX_SCALAR_DEPTH = 6;

    private final ModelProto model;
    private final GraphProto graph;
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Map<String, TensorProto> constants = new HashMap<>();
    private final Map<String, ValueInfoProto> declaredTypes = new HashMap<>();
    private final Map<NodeProto, Integer> order;
    private final Set<String> handedOut = new HashSet<>();
    private final long opset;

    GraphIndex(ModelProto model) {
        this.model = model;
        this.graph = model.getGraph();
        for (NodeProto node : graph.getNodeList()) {
            for (String out : node.getOutputList()) {
                producers.put(out, node);
            }
            for (String in : node.getInputList()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(node);
            }
            if (node.getOpType().equals("Constant") && node.getDomain().isEmpty() && node.getOutputCount() == 1) {
                for (AttributeProto attribute : node.getAttributeList()) {
                    if (attribute.getName().equals("value")) {
                        constants.put(node.getOutput(0), attribute.getT());
                    }
                }
            }
        }
        for (TensorProto initializer : graph.getInitializerList()) {
            constants.put(initializer.getName(), initializer);
        }
        for (List<ValueInfoProto> values : List.of(graph.getInputList(), graph.getValueInfoList(),
                graph.getOutputList())) {
            for (ValueInfoProto value : values) {
                declaredTypes.put(value.getName(), value);
            }
        }
        long version = 0;
        for (OperatorSetIdProto set : model.getOpsetImportList()) {
            if (set.getDomain().isEmpty() || set.getDomain().equals("ai.onnx")) {
                version = set.getVersion();
            }
        }
        this.opset = version;
        this.order = topologicalOrder();
    }

    ModelProto model() {
        return model;
    }

    GraphProto graph() {
        return graph;
    }

    /** The default-domain opset the graph imports. */
    long opset() {
        return opset;
    }

    List<NodeProto> nodes() {
        return graph.getNodeList();
    }

    /** The node computing {@code tensor}, or null for inputs, initializers and unknown names. */
    NodeProto producer(String tensor) {
        return producers.get(tensor);
    }

    /** The nodes reading {@code tensor}. */
    List<NodeProto> consumers(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    boolean isConstant(String tensor) {
        return constants.containsKey(tensor);
    }

    TensorProto constant(String tensor) {
        return constants.get(tensor);
    }

    /** The node's position in a dependency order (so block i sorts before block i + 1). */
    int position(NodeProto node) {
        return order.getOrDefault(node, Integer.MAX_VALUE);
    }

    /**
     * A tensor name no node, initializer or declared value of the graph uses, and none handed out before, for
     * the outputs of nodes a form adds.
     */
    String freshName(String base) {
        String name = base;
        for (int i = 2; producers.containsKey(name) || constants.containsKey(name) || declaredTypes.containsKey(name)
                || consumers.containsKey(name) || !handedOut.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /**
     * Whether a tensor is computed from constants and tensor shapes only, never from the data: a factor an
     * exporter derives at run time (from d, say) when {@link #scalar} cannot evaluate it.
     */
    boolean dataIndependent(String tensor) {
        return dataIndependent(tensor, new HashSet<>());
    }

    private boolean dataIndependent(String tensor, Set<String> seen) {
        if (constants.containsKey(tensor) || !seen.add(tensor)) {
            return true;
        }
        NodeProto node = producers.get(tensor);
        if (node == null || seen.size() > 64) {
            return false;
        }
        if (node.getOpType().equals("Shape") && node.getDomain().isEmpty()) {
            return true;
        }
        for (String in : node.getInputList()) {
            if (!in.isEmpty() && !dataIndependent(in, seen)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A new node swapping the last two axes of a rank-4 tensor ({@code [B,H,T,d]} to {@code [B,H,d,T]}), with an
     * output name of its own, for the side graph of a form or of the surgeon.
     */
    NodeProto swapLastAxes(String tensor) {
        return transposed(tensor, new long[] {0, 1, 3, 2});
    }

    /** A new Transpose of {@code tensor} by {@code perm}, its output freshly named. */
    NodeProto transposed(String tensor, long[] perm) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName("perm")
                .setType(AttributeProto.AttributeType.INTS);
        for (long axis : perm) {
            attribute.addInts(axis);
        }
        return NodeProto.newBuilder().setOpType("Transpose").addInput(tensor)
                .addOutput(freshName(tensor + "/transposed")).addAttribute(attribute).build();
    }

    /**
     * The value of a one-element constant, following constant arithmetic (Sqrt, Reciprocal, Div, Mul, Pow,
     * Cast, Identity) as exporters write a scale like {@code sqrt(1 / sqrt(d))}, and one axis of a
     * {@code Shape} where the graph fixes that axis (torch's SDPA export reads d off the query's shape at run
     * time); NaN when it is no such constant.
     */
    float scalar(String name) {
        return (float) scalar(name, 0);
    }

    private double scalar(String name, int depth) {
        TensorProto t = constants.get(name);
        if (t != null) {
            return singleValue(t);
        }
        NodeProto node = producers.get(name);
        if (node == null || depth > MAX_SCALAR_DEPTH || !node.getDomain().isEmpty()) {
            return Double.NaN;
        }
        switch (node.getOpType()) {
            case "Cast":
            case "Identity":
                return scalar(node.getInput(0), depth + 1);
            case "Sqrt":
                return Math.sqrt(scalar(node.getInput(0), depth + 1));
            case "Reciprocal":
                return 1 / scalar(node.getInput(0), depth + 1);
            case "Div":
                return scalar(node.getInput(0), depth + 1) / scalar(node.getInput(1), depth + 1);
            case "Mul":
                return scalar(node.getInput(0), depth + 1) * scalar(node.getInput(1), depth + 1);
            case "Pow":
                return Math.pow(scalar(node.getInput(0), depth + 1), scalar(node.getInput(1), depth + 1));
            case "Gather":
                return shapeEntry(node.getInput(0), scalar(node.getInput(1), depth + 1));
            case "Slice":
                return sliceOfShape(node, depth);
            default:
                return Double.NaN;
        }
    }

    /** {@code Slice(Shape(x), starts, ends)} taking one entry; NaN otherwise. */
    private double sliceOfShape(NodeProto slice, int depth) {
        if (slice.getInputCount() < 3) {
            return Double.NaN; // before opset 10 the bounds were attributes; no exporter writes this there
        }
        double start = scalar(slice.getInput(1), depth + 1);
        double end = scalar(slice.getInput(2), depth + 1);
        int rank = rank(shapeOf(slice.getInput(0)));
        if (Double.isNaN(start) || Double.isNaN(end) || rank < 0) {
            return Double.NaN;
        }
        long from = (long) (start < 0 ? start + rank : start);
        long to = (long) Math.min(end < 0 ? end + rank : end, rank);
        return to - from == 1 ? shapeEntry(slice.getInput(0), from) : Double.NaN;
    }

    /** Entry {@code axis} of {@code Shape(x)} when the graph fixes that axis of x; NaN otherwise. */
    private double shapeEntry(String shape, double axis) {
        String of = shapeOf(shape);
        if (of == null || Double.isNaN(axis)) {
            return Double.NaN;
        }
        long size = staticDim(of, (long) axis, 0);
        return size > 0 ? size : Double.NaN;
    }

    /** x when {@code tensor} is {@code Shape(x)} of the whole shape; else null. */
    private String shapeOf(String tensor) {
        NodeProto node = producers.get(tensor);
        boolean whole = node != null && node.getAttributeCount() == 0;
        return whole && node.getOpType().equals("Shape") && node.getDomain().isEmpty() ? node.getInput(0) : null;
    }

    /**
     * The size of one axis of a tensor when the graph fixes it: declared, or the constant entry of a Reshape
     * target (a constant or a Concat of one-element constants), followed through Transposes; -1 otherwise.
     */
    private long staticDim(String tensor, long axis, int depth) {
        int rank = rank(tensor);
        if (tensor == null || rank < 0 || depth > MAX_SCALAR_DEPTH) {
            return -1;
        }
        int a = (int) (axis < 0 ? axis + rank : axis);
        if (a < 0 || a >= rank) {
            return -1;
        }
        ValueInfoProto declared = declaredTypes.get(tensor);
        if (declared != null && declared.getType().getTensorType().hasShape()) {
            var dim = declared.getType().getTensorType().getShape().getDim(a);
            if (dim.hasDimValue() && dim.getDimValue() > 0) {
                return dim.getDimValue();
            }
        }
        NodeProto node = producers.get(tensor);
        if (node == null || !node.getDomain().isEmpty()) {
            return -1;
        }
        if (node.getOpType().equals("Transpose")) {
            List<Long> perm = permutation(node);
            return perm == null ? -1 : staticDim(node.getInput(0), perm.get(a), depth + 1);
        }
        if (node.getOpType().equals("Reshape")) {
            List<String> parts = reshapeTargetParts(node.getInput(1));
            TensorProto target = constants.get(node.getInput(1));
            double size = target != null ? entry(target, a) : parts != null ? scalar(parts.get(a), depth + 1)
                    : Double.NaN;
            return size > 0 ? (long) size : -1;
        }
        return -1;
    }

    /** The rank of a tensor when the graph tells it (declared, a Transpose's perm, a Reshape's target); else -1. */
    private int rank(String tensor) {
        if (tensor == null) {
            return -1;
        }
        ValueInfoProto declared = declaredTypes.get(tensor);
        if (declared != null && declared.getType().getTensorType().hasShape()) {
            return declared.getType().getTensorType().getShape().getDimCount();
        }
        NodeProto node = producers.get(tensor);
        if (node == null || !node.getDomain().isEmpty()) {
            return -1;
        }
        if (node.getOpType().equals("Transpose")) {
            List<Long> perm = permutation(node);
            return perm == null ? -1 : perm.size();
        }
        if (node.getOpType().equals("Reshape")) {
            TensorProto target = constants.get(node.getInput(1));
            List<String> parts = reshapeTargetParts(node.getInput(1));
            return target != null && target.getDimsCount() == 1 ? (int) target.getDims(0)
                    : parts != null ? parts.size() : -1;
        }
        return -1;
    }

    private static List<Long> permutation(NodeProto transpose) {
        for (AttributeProto attribute : transpose.getAttributeList()) {
            if (attribute.getName().equals("perm")) {
                return attribute.getIntsList();
            }
        }
        return null;
    }

    /** The parts of a Reshape target built by {@code Concat} of one-element tensors (as torch writes it). */
    private List<String> reshapeTargetParts(String target) {
        NodeProto node = producers.get(target);
        return node != null && node.getOpType().equals("Concat") && node.getDomain().isEmpty()
                ? node.getInputList() : null;
    }

    private static double entry(TensorProto t, int index) {
        if (t.getDataType() != TensorProto.DataType.INT64_VALUE) {
            return Double.NaN;
        }
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (raw.remaining() >= 8 * (index + 1)) {
            return raw.getLong(8 * index);
        }
        return index < t.getInt64DataCount() ? t.getInt64Data(index) : Double.NaN;
    }

    private static double singleValue(TensorProto t) {
        long elements = 1;
        for (long d : t.getDimsList()) {
            elements *= d;
        }
        if (elements != 1) {
            return Double.NaN;
        }
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        boolean hasRaw = raw.remaining() > 0;
        switch (t.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE:
                return hasRaw ? raw.getFloat(0) : t.getFloatDataCount() > 0 ? t.getFloatData(0) : Double.NaN;
            case TensorProto.DataType.DOUBLE_VALUE:
                return hasRaw ? raw.getDouble(0) : t.getDoubleDataCount() > 0 ? t.getDoubleData(0) : Double.NaN;
            case TensorProto.DataType.FLOAT16_VALUE:
                // Stored raw, or in int32_data one 16-bit pattern per element.
                return Fp16Conversions.fp16ToFloat(hasRaw ? raw.getShort(0)
                        : t.getInt32DataCount() > 0 ? (short) t.getInt32Data(0) : (short) 0x7e00);
            case TensorProto.DataType.BFLOAT16_VALUE:
                return Fp16Conversions.bf16ToFloat(hasRaw ? raw.getShort(0)
                        : t.getInt32DataCount() > 0 ? (short) t.getInt32Data(0) : (short) 0x7fc0);
            case TensorProto.DataType.INT64_VALUE:
                return hasRaw ? raw.getLong(0) : t.getInt64DataCount() > 0 ? t.getInt64Data(0) : Double.NaN;
            case TensorProto.DataType.INT32_VALUE:
                return hasRaw ? raw.getInt(0) : t.getInt32DataCount() > 0 ? t.getInt32Data(0) : Double.NaN;
            default:
                return Double.NaN;
        }
    }

    /** An integer attribute of a node, or {@code fallback} when the node does not set it. */
    static long intAttribute(NodeProto node, String name, long fallback) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals(name)) {
                return attribute.getI();
            }
        }
        return fallback;
    }

    /** A float attribute of a node, or {@code fallback} when the node does not set it. */
    static float floatAttribute(NodeProto node, String name, float fallback) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals(name)) {
                return attribute.getF();
            }
        }
        return fallback;
    }

    /**
     * The element type ({@link TensorProto.DataType} number) of a tensor: declared in the graph's inputs,
     * value_info or outputs, or else followed back through its producers (most operators keep their first
     * input's type); 0 when it cannot be told.
     */
    int elementType(String tensor) {
        Set<String> seen = new HashSet<>();
        String current = tensor;
        while (current != null && seen.add(current)) {
            ValueInfoProto declared = declaredTypes.get(current);
            if (declared != null && declared.getType().hasTensorType()
                    && declared.getType().getTensorType().getElemType() != 0) {
                return declared.getType().getTensorType().getElemType();
            }
            TensorProto constant = constants.get(current);
            if (constant != null) {
                return constant.getDataType();
            }
            NodeProto node = producers.get(current);
            if (node == null || node.getInputCount() == 0) {
                return 0;
            }
            if (node.getOpType().equals("Cast") && node.getDomain().isEmpty()) {
                return (int) intAttribute(node, "to", 0);
            }
            current = node.getInput(0);
        }
        return 0;
    }

    private Map<NodeProto, Integer> topologicalOrder() {
        Set<String> available = new HashSet<>(constants.keySet());
        available.add("");
        for (ValueInfoProto input : graph.getInputList()) {
            available.add(input.getName());
        }
        Map<String, List<NodeProto>> waiting = new HashMap<>();
        Map<NodeProto, Integer> missing = new HashMap<>();
        ArrayDeque<NodeProto> ready = new ArrayDeque<>();
        for (NodeProto node : graph.getNodeList()) {
            int count = 0;
            for (String in : new HashSet<>(node.getInputList())) {
                if (!available.contains(in)) {
                    count++;
                    waiting.computeIfAbsent(in, k -> new ArrayList<>()).add(node);
                }
            }
            missing.put(node, count);
            if (count == 0) {
                ready.add(node);
            }
        }
        Map<NodeProto, Integer> positions = new HashMap<>();
        while (!ready.isEmpty()) {
            NodeProto node = ready.poll();
            positions.put(node, positions.size());
            for (String out : node.getOutputList()) {
                for (NodeProto consumer : waiting.getOrDefault(out, List.of())) {
                    if (missing.merge(consumer, -1, Integer::sum) == 0) {
                        ready.add(consumer);
                    }
                }
            }
        }
        return positions;
    }
}
