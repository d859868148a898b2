package io.headlight.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.List;
import java.util.Optional;

import static io.headlight.model.AttentionSideGraph.optionalInput;

/**
 * The value tensor {@code [B,H,T,d]} of a layer fused into one operator, recomputed from the operator's own
 * inputs, and the output projection its result goes through: what norm-based attention needs where the graph
 * keeps V inside a kernel.
 *
 * <p>V is the third slice of the packed weights and bias (com.microsoft {@code Attention}), the value input with
 * its slice of the bias when the operator adds it (com.microsoft {@code MultiHeadAttention}, packed forms
 * included), or the value input (ONNX {@code Attention}). The operator's output is the context, so the
 * projection is found from there as in an unfused graph. The nodes only read the operator's inputs; they go into
 * the norms side graph, so they run only when norms are asked for.
 */
final class FusedValues {
    private FusedValues() {
    }

    /**
     * The projection with V computed by {@code nodes} (inside the norms branch), which read only tensors of the
     * graph and those {@code outside} computes beside the model.
     *
     * @param outside nodes that must run outside the branch: float32 copies of computed float16 inputs (see
     *                {@link #floatOf}); empty for a float32 graph
     */
    record Found(ValueProjection projection, List<NodeProto> nodes, List<TensorProto> initializers,
                 List<NodeProto> outside, List<TensorProto> outsideInitializers) {
        /** A projection whose V the graph holds as a tensor: nothing to compute. */
        static Found plain(ValueProjection projection) {
            return new Found(projection, List.of(), List.of(), List.of(), List.of());
        }
    }

    /** The side graph's two parts: what runs in the norms branch, and float32 reads of float16 tensors beside it. */
    private record Sides(AttentionSideGraph inside, AttentionSideGraph outside, GraphIndex index) {
        /**
         * {@code tensor} as float32. A computed float16 tensor is read outside the branch (by
         * {@link AttentionSideGraph#asFloat}'s {@code Add(x, x)}): a branch that reads it makes ONNX Runtime keep
         * its producer in float16, even when the branch does not run, and that moved a float16
         * MultiHeadAttention model's hidden state by 5e-5. Constants and inputs are cast inside, at no cost to
         * runs without norms.
         */
        String floatOf(String tensor) {
            if (tensor == null) {
                return null;
            }
            int type = index.elementType(tensor);
            boolean computed = index.producer(tensor) != null && !index.isConstant(tensor);
            return (computed && type == TensorProto.DataType.FLOAT16_VALUE ? outside : inside).asFloat(tensor, type);
        }
    }

    /**
     * @param layer the fused layer as its form found it ({@code order} is the operator's position)
     * @return empty when the layer is no fused operator, or one whose value or projection cannot be told
     */
    static Optional<Found> find(GraphIndex index, FoundAttention layer, int number) {
        NodeProto fused = null;
        for (NodeProto node : index.nodes()) {
            if (index.position(node) == layer.order()) {
                fused = node;
                break;
            }
        }
        if (fused == null) {
            return Optional.empty();
        }
        String prefix = "headlight/norms/L" + number + "/";
        Sides side = new Sides(new AttentionSideGraph(prefix, index.opset(), index::freshName,
                tensor -> index.producer(tensor) != null && !index.isConstant(tensor)),
                new AttentionSideGraph(prefix + "read/", index.opset(), index::freshName,
                        tensor -> index.producer(tensor) != null && !index.isConstant(tensor)), index);
        String value = switch (fused.getDomain() + ":" + fused.getOpType()) {
            case "com.microsoft:Attention" -> contribValue(fused, index, side);
            case "com.microsoft:MultiHeadAttention" -> multiHeadValue(fused, index, side);
            case ":Attention" -> onnxValue(fused, index, side);
            case "com.microsoft:QAttention" -> quantizedValue(fused, index, side);
            default -> null;
        };
        if (value == null) {
            return Optional.empty();
        }
        return ValueProjection.following(index, value, fused.getOutput(0))
                .map(p -> new Found(p, side.inside().nodes(), side.inside().initializers(), side.outside().nodes(),
                        side.outside().initializers()));
    }

    private static String contribValue(NodeProto node, GraphIndex index, Sides sides) {
        long heads = GraphIndex.intAttribute(node, "num_heads", 0);
        long[] sizes = ContribAttentionForm.qkvSizes(node, index, new StaticShapes(index.graph()));
        if (heads <= 0 || sizes == null || sizes[2] % heads != 0) {
            return null;
        }
        AttentionSideGraph side = sides.inside();
        String input = sides.floatOf(node.getInput(0));
        String weights = sides.floatOf(node.getInput(1));
        String bias = sides.floatOf(optionalInput(node, 2));
        long from = sizes[0] + sizes[1];
        return side.heads(side.project(input, weights, bias, from, from + sizes[2], "v"), heads, false, "value");
    }

    /** The last third of QAttention's packed projection, from the quantized input as its kernel reads it. */
    private static String quantizedValue(NodeProto node, GraphIndex index, Sides sides) {
        long heads = GraphIndex.intAttribute(node, "num_heads", 0);
        long packed = QuantizedAttentionForm.packedWidth(node, index, new StaticShapes(index.graph()));
        if (heads <= 0 || packed <= 0 || packed % 3 != 0 || optionalInput(node, 2) == null) {
            return null;
        }
        AttentionSideGraph side = sides.inside();
        String value = QuantizedAttentionForm.projection(side, node, index, sides::floatOf, 2 * packed / 3, packed,
                "v");
        return side.heads(value, heads, false, "value");
    }

    /**
     * The value input, or the packed QKV ({@code [B,S,N,3,d]}) or KV ({@code [B,L,N,2,d]}) part of it, with the
     * bias's last third when the operator adds it; a value already split into heads is taken as it is.
     */
    private static String multiHeadValue(NodeProto node, GraphIndex index, Sides sides) {
        AttentionSideGraph side = sides.inside();
        StaticShapes shapes = new StaticShapes(index.graph());
        long heads = GraphIndex.intAttribute(node, "num_heads", 0);
        String query = node.getInput(0);
        String key = optionalInput(node, 1);
        String value = optionalInput(node, 2);
        String bias = optionalInput(node, 3);
        long headSize = MultiHeadAttentionForm.headSize(heads, query, key == null, bias, shapes);
        if (heads <= 0 || headSize <= 0) {
            return null;
        }
        long hidden = heads * headSize;
        bias = sides.floatOf(bias);
        if (key == null || value == null) {
            String packed = key == null ? query : key;
            String part = MultiHeadAttentionForm.part(side, sides.floatOf(packed),
                    key == null ? 2 : 1, bias, 2 * hidden, 3 * hidden, heads, "v");
            return side.transpose(part, "value", 0, 2, 1, 3);
        }
        String floatValue = sides.floatOf(value);
        if (shapes.rank(value) == 4) {
            return bias == null ? floatValue : null;
        }
        String biased = bias == null ? floatValue
                : side.add(floatValue, side.lastAxisSlice(bias, 2 * hidden, 3 * hidden, "v_bias"), "v");
        return side.heads(biased, heads, false, "value");
    }

    /**
     * The value input, split into heads where it comes as {@code [B,S,H*d]}. Grouped-query attention (fewer
     * value heads than query heads) is not read: its value heads do not pair with the probabilities' heads.
     */
    private static String onnxValue(NodeProto node, GraphIndex index, Sides sides) {
        long queryHeads = GraphIndex.intAttribute(node, "q_num_heads", 0);
        long valueHeads = GraphIndex.intAttribute(node, "kv_num_heads", queryHeads);
        if (node.getInputCount() < 3 || valueHeads != queryHeads) {
            return null;
        }
        String value = sides.floatOf(node.getInput(2));
        return queryHeads > 0 ? sides.inside().heads(value, valueHeads, false, "value") : value;
    }
}
