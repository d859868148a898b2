package io.headlight.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.ArrayList;
import java.util.List;

import static io.headlight.model.AttentionSideGraph.optionalInput;

/**
 * The standard ONNX {@code Attention} operator (opset 23 on; PyTorch's dynamo exporter writes it for
 * {@code scaled_dot_product_attention}): Q, K, V as {@code [B,H,S,d]}, or {@code [B,S,H*d]} with
 * {@code q_num_heads}/{@code kv_num_heads}, a boolean or additive {@code attn_mask}, and {@code scale},
 * {@code is_causal} and {@code softcap}.
 *
 * <p>The operator can hand out its probabilities itself ({@code qk_matmul_output} with
 * {@code qk_matmul_output_mode} 3), but only by changing the node, and ONNX Runtime's CPU kernel computes its
 * output differently when asked for them. A side graph beside the untouched node keeps the model's own outputs
 * bit for bit, as for the com.microsoft operators.
 */
final class OnnxAttentionForm implements AttentionForm {
    private static final long FIRST_OPSET = 23;

    @Override
    public List<FoundAttention> find(GraphIndex graph) {
        List<FoundAttention> found = new ArrayList<>();
        if (graph.opset() < FIRST_OPSET) {
            return found;
        }
        StaticShapes shapes = new StaticShapes(graph.graph());
        for (NodeProto node : graph.nodes()) {
            if (node.getDomain().isEmpty() && node.getOpType().equals("Attention") && node.getInputCount() >= 3
                    && optionalInput(node, 4) == null) {
                FoundAttention layer = sideGraph(node, graph, shapes);
                if (layer != null) {
                    found.add(layer);
                }
            }
        }
        return found;
    }

    /** The side graph for one node, or null when its head size cannot be told from the graph. */
    private static FoundAttention sideGraph(NodeProto node, GraphIndex graph, StaticShapes shapes) {
        long queryHeads = GraphIndex.intAttribute(node, "q_num_heads", 0);
        long keyHeads = GraphIndex.intAttribute(node, "kv_num_heads", queryHeads);
        boolean split = queryHeads > 0;
        float scale = GraphIndex.floatAttribute(node, "scale", Float.NaN);
        if (Float.isNaN(scale)) {
            long width = shapes.lastDimension(node.getInput(0));
            long headSize = split && width > 0 ? width / queryHeads : width;
            if (headSize <= 0) {
                return null;
            }
            scale = (float) (1 / Math.sqrt(headSize));
        }

        AttentionSideGraph side = AttentionSideGraph.beside(node, graph);
        String query = side.asFloat(node.getInput(0), graph.elementType(node.getInput(0)));
        String key = side.asFloat(node.getInput(1), graph.elementType(node.getInput(1)));
        String keyT;
        if (split) {
            query = side.heads(query, queryHeads, false, "query");
            keyT = side.heads(key, keyHeads, true, "key_transposed");
        } else {
            keyT = side.transpose(key, "key_transposed", 0, 1, 3, 2);
        }

        List<String> biases = new ArrayList<>();
        String mask = optionalInput(node, 3);
        if (mask != null) {
            int type = graph.elementType(mask);
            biases.add(type == TensorProto.DataType.BOOL_VALUE ? side.booleanBias(mask) : side.asFloat(mask, type));
        }
        if (GraphIndex.intAttribute(node, "is_causal", 0) != 0) {
            biases.add(side.causalBias(query, keyT));
        }
        return side.found(graph.position(node), "ONNX Attention (probabilities recomputed beside it)", query, keyT,
                scale, GraphIndex.floatAttribute(node, "softcap", 0f), biases);
    }
}
