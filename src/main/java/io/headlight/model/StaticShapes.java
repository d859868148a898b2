package io.headlight.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * What a graph tells about tensor shapes without running it: declared shapes (inputs, value_info, outputs),
 * initializer dimensions, and the few operators whose output shape follows from their inputs' (Cast,
 * elementwise arithmetic, MatMul, Transpose, Reshape to a constant or concatenated shape, ReduceSum, and the
 * com.microsoft norms, activations and embeddings of ONNX Runtime's optimizer output). A fused attention
 * operator's mask form and head size are read from it.
 */
final class StaticShapes {
    /** How far back through producers a shape is followed. */
    private static final int MAX_DEPTH = 12;
    private static final long UNKNOWN = -1;

    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, TensorProto> constants = new HashMap<>();
    private final Map<String, ValueInfoProto> declared = new HashMap<>();

    StaticShapes(GraphProto graph) {
        for (NodeProto node : graph.getNodeList()) {
            for (String out : node.getOutputList()) {
                producers.put(out, node);
            }
            if (node.getOpType().equals("Constant") && node.getDomain().isEmpty()) {
                for (AttributeProto a : node.getAttributeList()) {
                    if (a.getName().equals("value")) {
                        constants.put(node.getOutput(0), a.getT());
                    }
                }
            }
        }
        for (TensorProto t : graph.getInitializerList()) {
            constants.put(t.getName(), t);
        }
        for (var values : java.util.List.of(graph.getInputList(), graph.getValueInfoList(), graph.getOutputList())) {
            for (ValueInfoProto v : values) {
                if (v.getType().hasTensorType() && v.getType().getTensorType().hasShape()) {
                    declared.put(v.getName(), v);
                }
            }
        }
    }

    /** The tensor's rank, or -1 when the graph does not tell. */
    int rank(String tensor) {
        long[] shape = shape(tensor, 0);
        return shape == null ? -1 : shape.length;
    }

    /** The size of the tensor's last axis, or -1 when the graph does not tell. */
    long lastDimension(String tensor) {
        return lastDimension(tensor, 0);
    }

    /** Like {@link #shape}, but a projection's width is known even when its input's shape is not. */
    private long lastDimension(String tensor, int depth) {
        long[] shape = shape(tensor, depth);
        if (shape != null) {
            return shape.length == 0 ? UNKNOWN : shape[shape.length - 1];
        }
        NodeProto node = producers.get(tensor);
        if (node == null || depth > MAX_DEPTH || !node.getDomain().isEmpty()) {
            return UNKNOWN;
        }
        switch (node.getOpType()) {
            case "Cast", "Identity" -> {
                return lastDimension(node.getInput(0), depth + 1);
            }
            case "MatMul" -> {
                return lastDimension(node.getInput(1), depth + 1);
            }
            case "Add", "Sub", "Mul", "Div" -> {
                long a = lastDimension(node.getInput(0), depth + 1);
                long b = lastDimension(node.getInput(1), depth + 1);
                return a > 1 ? a : b > 1 ? b : UNKNOWN;
            }
            default -> {
                return UNKNOWN;
            }
        }
    }

    /** Dimensions, -1 where unknown; null when even the rank is unknown. */
    private long[] shape(String tensor, int depth) {
        ValueInfoProto value = declared.get(tensor);
        if (value != null) {
            TensorShapeProto shape = value.getType().getTensorType().getShape();
            long[] dims = new long[shape.getDimCount()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = shape.getDim(i).hasDimValue() ? shape.getDim(i).getDimValue() : UNKNOWN;
            }
            return dims;
        }
        TensorProto constant = constants.get(tensor);
        if (constant != null) {
            return constant.getDimsList().stream().mapToLong(Long::longValue).toArray();
        }
        NodeProto node = producers.get(tensor);
        if (node != null && depth <= MAX_DEPTH && node.getDomain().equals("com.microsoft")) {
            return contribShape(node, node.getOutputList().indexOf(tensor), depth);
        }
        if (node == null || depth > MAX_DEPTH || !node.getDomain().isEmpty()) {
            return null;
        }
        switch (node.getOpType()) {
            case "Cast", "Identity", "Erf", "Sqrt", "Softmax", "LayerNormalization" -> {
                return shape(node.getInput(0), depth + 1);
            }
            case "Add", "Sub", "Mul", "Div" -> {
                return broadcast(shape(node.getInput(0), depth + 1), shape(node.getInput(1), depth + 1));
            }
            case "MatMul" -> {
                return matMul(shape(node.getInput(0), depth + 1), shape(node.getInput(1), depth + 1));
            }
            case "Transpose" -> {
                return transpose(node, shape(node.getInput(0), depth + 1));
            }
            case "Reshape" -> {
                return reshape(node, shape(node.getInput(0), depth + 1), depth);
            }
            case "ReduceSum" -> {
                return reduce(node, shape(node.getInput(0), depth + 1), depth);
            }
            case "Unsqueeze" -> {
                return unsqueeze(node, shape(node.getInput(0), depth + 1), depth);
            }
            case "Expand" -> {
                long[] target = values(node.getInput(1), depth);
                return target == null ? null : broadcast(shape(node.getInput(0), depth + 1), target);
            }
            case "Shape" -> {
                return new long[] {UNKNOWN};
            }
            case "Gather" -> {
                return gather(node, shape(node.getInput(0), depth + 1), shape(node.getInput(1), depth + 1));
            }
            case "Concat" -> {
                return concat(node, depth);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * The outputs of the com.microsoft operators ONNX Runtime's transformer optimizer writes around a fused
     * Attention: the embeddings' EmbedLayerNormalization ({@code [B,S,H]} and its {@code [B]} mask_index, the
     * Attention's mask in that graph), the norms, activations and the Attention itself, each shaped like its
     * first input (the Attention's last axis the value width).
     */
    private long[] contribShape(NodeProto node, int output, int depth) {
        long[] first = shape(node.getInput(0), depth + 1);
        switch (node.getOpType()) {
            case "EmbedLayerNormalization" -> {
                if (output == 1) {
                    return new long[] {first == null || first.length == 0 ? UNKNOWN : first[0]};
                }
                if (first == null || node.getInputCount() < 6) {
                    return null;
                }
                long[] out = java.util.Arrays.copyOf(first, first.length + 1);
                out[first.length] = lastDimension(node.getInput(5), depth + 1);
                return out;
            }
            case "SkipLayerNormalization", "SkipSimplifiedLayerNormalization" -> {
                return output == 0 || output == 3 ? first : null;
            }
            case "SimplifiedLayerNormalization" -> {
                return output == 0 ? first : null;
            }
            case "BiasGelu", "FastGelu", "Gelu", "QuickGelu", "BiasAdd" -> {
                return first;
            }
            case "Attention" -> {
                if (output != 0 || first == null || first.length == 0) {
                    return null;
                }
                long[] out = first.clone();
                long packed = node.getInputCount() > 1 ? lastDimension(node.getInput(1), depth + 1) : UNKNOWN;
                out[out.length - 1] = packed > 0 && packed % 3 == 0 ? packed / 3 : UNKNOWN;
                return out;
            }
            default -> {
                return null;
            }
        }
    }

    private static long[] gather(NodeProto node, long[] data, long[] indices) {
        if (data == null || indices == null || data.length == 0) {
            return null;
        }
        int axis = (int) GraphIndex.intAttribute(node, "axis", 0);
        axis = axis < 0 ? axis + data.length : axis;
        long[] out = new long[data.length - 1 + indices.length];
        System.arraycopy(data, 0, out, 0, axis);
        System.arraycopy(indices, 0, out, axis, indices.length);
        System.arraycopy(data, axis + 1, out, axis + indices.length, data.length - axis - 1);
        return out;
    }

    /** Every input of a Concat has the output's rank; the joined axis's size is left unknown. */
    private long[] concat(NodeProto node, int depth) {
        for (String input : node.getInputList()) {
            long[] shape = shape(input, depth + 1);
            if (shape != null && shape.length > 0) {
                long[] out = shape.clone();
                int axis = (int) GraphIndex.intAttribute(node, "axis", 0);
                out[axis < 0 ? axis + out.length : axis] = UNKNOWN;
                return out;
            }
        }
        return null;
    }

    private static long[] broadcast(long[] a, long[] b) {
        if (a == null || b == null) {
            return null;
        }
        long[] out = new long[Math.max(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            long x = i < out.length - a.length ? 1 : a[i - (out.length - a.length)];
            long y = i < out.length - b.length ? 1 : b[i - (out.length - b.length)];
            out[i] = x == 1 ? y : y == 1 ? x : x != UNKNOWN ? x : y;
        }
        return out;
    }

    private static long[] matMul(long[] a, long[] b) {
        if (a == null || b == null || a.length < 2 || b.length < 2) {
            return null;
        }
        long[] out = a.length >= b.length ? a.clone() : b.clone();
        out[out.length - 2] = a[a.length - 2];
        out[out.length - 1] = b[b.length - 1];
        return out;
    }

    private static long[] transpose(NodeProto node, long[] in) {
        if (in == null) {
            return null;
        }
        long[] out = new long[in.length];
        AttributeProto perm = attribute(node, "perm");
        for (int i = 0; i < out.length; i++) {
            int from = perm == null ? in.length - 1 - i : (int) perm.getInts(i);
            out[i] = in[from];
        }
        return out;
    }

    private long[] reshape(NodeProto node, long[] in, int depth) {
        long[] target = values(node.getInput(1), depth);
        if (target == null) {
            return null;
        }
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 0) {
                target[i] = in != null && i < in.length ? in[i] : UNKNOWN;
            } else if (target[i] < 0) {
                target[i] = UNKNOWN;
            }
        }
        return target;
    }

    /** The values of a shape tensor: a constant, or a Concat of constants and one-element Unsqueezes. */
    private long[] values(String tensor, int depth) {
        TensorProto constant = constants.get(tensor);
        if (constant != null) {
            return longs(constant);
        }
        NodeProto node = producers.get(tensor);
        if (node == null || depth > MAX_DEPTH || !node.getOpType().equals("Concat")) {
            return null;
        }
        long[] out = new long[0];
        for (String part : node.getInputList()) {
            long[] piece = constants.containsKey(part) ? longs(constants.get(part)) : null;
            NodeProto producer = producers.get(part);
            if (piece == null && producer != null && (producer.getOpType().equals("Unsqueeze")
                    || producer.getOpType().equals("Gather") && constants.containsKey(producer.getInput(1))
                    && constants.get(producer.getInput(1)).getDimsCount() == 1
                    && constants.get(producer.getInput(1)).getDims(0) == 1)) {
                piece = new long[] {UNKNOWN};
            }
            if (piece == null) {
                return null;
            }
            long[] joined = java.util.Arrays.copyOf(out, out.length + piece.length);
            System.arraycopy(piece, 0, joined, out.length, piece.length);
            out = joined;
        }
        return out;
    }

    private long[] reduce(NodeProto node, long[] in, int depth) {
        long[] axes = axes(node, depth);
        AttributeProto keep = attribute(node, "keepdims");
        if (in == null || axes == null) {
            return null;
        }
        long[] out = new long[keep != null && keep.getI() == 0 ? in.length - axes.length : in.length];
        java.util.Arrays.fill(out, UNKNOWN);
        return out;
    }

    private long[] unsqueeze(NodeProto node, long[] in, int depth) {
        long[] axes = axes(node, depth);
        if (in == null || axes == null) {
            return null;
        }
        long[] out = new long[in.length + axes.length];
        java.util.Arrays.fill(out, UNKNOWN);
        return out;
    }

    /** The axes of a Reduce or Unsqueeze: an attribute before opset 13 (18 for most Reduce ops), then an input. */
    private long[] axes(NodeProto node, int depth) {
        AttributeProto axes = attribute(node, "axes");
        if (axes != null) {
            return axes.getIntsList().stream().mapToLong(Long::longValue).toArray();
        }
        return node.getInputCount() > 1 ? values(node.getInput(1), depth) : null;
    }

    private static long[] longs(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.INT64_VALUE) {
            return null;
        }
        if (!t.getRawData().isEmpty()) {
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long[] out = new long[raw.remaining() / 8];
            for (int i = 0; i < out.length; i++) {
                out[i] = raw.getLong(8 * i);
            }
            return out;
        }
        return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
    }

    private static AttributeProto attribute(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }
}
