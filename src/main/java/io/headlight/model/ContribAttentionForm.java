package io.headlight.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.List;

import static io.headlight.model.AttentionSideGraph.optionalInput;

/**
 * ONNX Runtime's fused {@code com.microsoft} {@code Attention} (its transformer optimizer, optimum -O2 and up):
 * one node takes the layer's input, the packed Q/K/V weights {@code [in, 3*hidden]} and bias, and a mask, and
 * keeps the probabilities to itself. A side graph recomputes them from the same inputs and attributes.
 */
final class ContribAttentionForm implements AttentionForm {
    @Override
    public List<FoundAttention> find(GraphIndex graph) {
        StaticShapes shapes = new StaticShapes(graph.graph());
        return AttentionSideGraph.each(graph, node -> node.getDomain().equals("com.microsoft")
                        && node.getOpType().equals("Attention") && node.getInputCount() >= 2
                        && optionalInput(node, 4) == null && GraphIndex.intAttribute(node, "do_rotary", 0) == 0,
                node -> sideGraph(node, graph, shapes));
    }

    /** The side graph for one node, or null when its sizes cannot be told from the graph. */
    private static FoundAttention sideGraph(NodeProto node, GraphIndex graph, StaticShapes shapes) {
        long heads = GraphIndex.intAttribute(node, "num_heads", 0);
        long[] sizes = qkvSizes(node, graph, shapes);
        String maskIndex = optionalInput(node, 3);
        int maskRank = maskIndex == null ? 0 : shapes.rank(maskIndex);
        if (heads <= 0 || sizes == null || sizes[0] % heads != 0 || maskRank < 0 || maskRank > 3) {
            return null;
        }
        long headSize = sizes[0] / heads;
        float scale = GraphIndex.floatAttribute(node, "scale", 0f);
        if (scale == 0f) {
            scale = (float) (1 / Math.sqrt(headSize));
        }

        AttentionSideGraph side = AttentionSideGraph.beside(node, graph);
        String input = side.asFloat(node.getInput(0), graph.elementType(node.getInput(0)));
        String weights = side.asFloat(node.getInput(1), graph.elementType(node.getInput(1)));
        String bias = optionalInput(node, 2);
        if (bias != null) {
            bias = side.asFloat(bias, graph.elementType(bias));
        }
        String query = side.heads(side.project(input, weights, bias, 0, sizes[0], "q"), heads, false, "query");
        String keyT = side.heads(side.project(input, weights, bias, sizes[0], sizes[0] + sizes[1], "k"), heads,
                true, "key_transposed");

        return side.foundMasked(node, graph, "com.microsoft Attention (probabilities recomputed beside it)", query,
                keyT, scale, 3, maskRank, 5);
    }

    /** The Q, K and V widths: the qkv_hidden_sizes attribute, else a third each of the packed weights. */
    static long[] qkvSizes(NodeProto node, GraphIndex graph, StaticShapes shapes) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals("qkv_hidden_sizes") && attribute.getIntsCount() == 3) {
                return new long[] {attribute.getInts(0), attribute.getInts(1), attribute.getInts(2)};
            }
        }
        long packed = shapes.lastDimension(node.getInput(1));
        String bias = optionalInput(node, 2);
        if (packed <= 0 && bias != null) {
            packed = shapes.lastDimension(bias);
        }
        TensorProto weights = graph.constant(node.getInput(1));
        if (packed <= 0 && weights != null && weights.getDimsCount() == 2) {
            packed = weights.getDims(1);
        }
        return packed > 0 && packed % 3 == 0 ? new long[] {packed / 3, packed / 3, packed / 3} : null;
    }
}
