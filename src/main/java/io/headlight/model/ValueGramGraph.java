package io.headlight.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.ArrayList;
import java.util.List;

/**
 * The side graph that lets ONNX Runtime compute, in the same run, what norm-based attention needs from one
 * layer: {@code f_h(x_j) = v_j^h W_O^h} for every head and token, and their per-token Gram matrices
 * {@code G_j[h][h'] = <f_h(x_j), f_h'(x_j)>} ({@code [B,T,H,H]}, small enough to hand out at 512 tokens).
 *
 * <p>The projection's weight {@code [H*d, hidden]} is reshaped to {@code [H, d, hidden]} so that one batched
 * MatMul with V {@code [B,H,T,d]} gives every head's transformed values; the head count and width come from
 * V's runtime shape, so nothing here depends on how the exporter spelled them. The nodes only read tensors the
 * model computes anyway and feed nothing of the model's, so its own outputs stay bit for bit as they were.
 */
final class ValueGramGraph {
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final GraphIndex index;
    private final String prefix;

    private ValueGramGraph(GraphIndex index, int layer) {
        this.index = index;
        this.prefix = "headlight/norms/L" + layer + "/";
    }

    /** The side graph's nodes for one layer and the names of what it computes. */
    record Built(List<NodeProto> nodes, List<TensorProto> initializers, String transformed, String gram) {
    }

    static Built build(GraphIndex index, int layer, ValueProjection projection) {
        return new ValueGramGraph(index, layer).build(projection);
    }

    private Built build(ValueProjection projection) {
        String value = asFloat(projection.value());
        String weight = projection.quantized() == null ? asFloat(projection.weight())
                : node("DequantizeLinear", "weight", List.of(projection.weight(), projection.quantized().scale(),
                        projection.quantized().zeroPoint()));
        String headsAndWidth = node("Gather", "heads_width",
                List.of(node("Shape", "value_shape", List.of(value)), ints("head_axes", 1, 3)),
                AttentionSideGraph.intAttribute("axis", 0));
        String perHeadShape = node("Concat", "per_head_shape", List.of(headsAndWidth, ints("rest", -1)),
                AttentionSideGraph.intAttribute("axis", 0));
        String perHead = node("Reshape", "per_head_weight", List.of(weight, perHeadShape));
        String transformed = node("MatMul", "transformed", List.of(value, perHead));
        String byToken = node("Transpose", "by_token", List.of(transformed),
                AttentionSideGraph.intsAttribute("perm", 0, 2, 1, 3));
        String byTokenT = node("Transpose", "by_token_t", List.of(transformed),
                AttentionSideGraph.intsAttribute("perm", 0, 2, 3, 1));
        String gram = node("MatMul", "gram", List.of(byToken, byTokenT));
        return new Built(List.copyOf(nodes), List.copyOf(initializers), transformed, gram);
    }

    /** The tensor itself when it is float32 (or of unknown type), else a Cast of it. */
    private String asFloat(String tensor) {
        int type = index.elementType(tensor);
        if (type == TensorProto.DataType.FLOAT_VALUE || type == 0) {
            return tensor;
        }
        return node("Cast", "float", List.of(tensor),
                AttentionSideGraph.intAttribute("to", TensorProto.DataType.FLOAT_VALUE));
    }

    private String node(String op, String name, List<String> inputs, AttributeProto... attributes) {
        String out = index.freshName(prefix + name);
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(out).addAllInput(inputs).addOutput(out);
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        nodes.add(node.build());
        return out;
    }

    private String ints(String name, long... values) {
        String out = index.freshName(prefix + name);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(out)
                .setDataType(TensorProto.DataType.INT64_VALUE).addDims(values.length);
        for (long v : values) {
            tensor.addInt64Data(v);
        }
        initializers.add(tensor.build());
        return out;
    }
}
