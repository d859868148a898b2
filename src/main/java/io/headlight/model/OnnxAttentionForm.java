package io.headlight.model;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.List;

import static io.headlight.model.AttentionSideGraph.optionalInput;

/**
 * The standard ONNX {@code Attention} operator (opset 23 on; PyTorch's dynamo exporter writes it for
 * {@code scaled_dot_product_attention}): Q, K, V as {@code [B,H,S,d]}, or {@code [B,S,H*d]} with
 * {@code q_num_heads}/{@code kv_num_heads}, a boolean or additive {@code attn_mask}, and {@code scale},
 * {@code is_causal} and {@code softcap}.
 *
 * <p>The operator hands out its own probabilities as {@code qk_matmul_output} when {@code qk_matmul_output_mode}
 * is 3, which ONNX Runtime's CPU kernel supports. The model's node is left as it is; a copy of it beside it,
 * asked for that output, computes them with the same kernel, mask, causality and softcap. Q and K^T for the
 * neuron view are the node's inputs, split into heads where they come packed.
 */
final class OnnxAttentionForm implements AttentionForm {
    private static final long FIRST_OPSET = 23;
    private static final int PROBABILITIES_OUTPUT = 3;
    private static final long AFTER_SOFTMAX = 3;

    @Override
    public List<FoundAttention> find(GraphIndex graph) {
        if (graph.opset() < FIRST_OPSET) {
            return List.of();
        }
        StaticShapes shapes = new StaticShapes(graph.graph());
        return AttentionSideGraph.each(graph, node -> node.getDomain().isEmpty()
                        && node.getOpType().equals("Attention") && node.getInputCount() >= 3
                        && optionalInput(node, 4) == null,
                node -> exposed(node, graph, shapes));
    }

    /** The copy that outputs the probabilities and the q/k nodes, or null when the head size is unknown. */
    private static FoundAttention exposed(NodeProto node, GraphIndex graph, StaticShapes shapes) {
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
        int type = graph.elementType(node.getInput(0));
        String query = side.asFloat(node.getInput(0), type);
        String key = side.asFloat(node.getInput(1), graph.elementType(node.getInput(1)));
        String keyT;
        if (split) {
            query = side.heads(query, queryHeads, false, "query");
            keyT = side.heads(key, keyHeads, true, "key_transposed");
        } else {
            keyT = side.transpose(key, "key_transposed", 0, 1, 3, 2);
        }
        String probabilities = side.asFloat(side.shapedAtRunTime(side.copyWithOutput(node, PROBABILITIES_OUTPUT,
                "qk_matmul_output", "qk_matmul_output_mode", AFTER_SOFTMAX), "probabilities"), type);
        String form = "ONNX Attention (probabilities from its qk_matmul_output)"
                + (GraphIndex.floatAttribute(node, "softcap", 0f) > 0 ? "; softcap: q.k * scale is before it" : "");
        return side.found(graph.position(node), form, probabilities, query, keyT, scale);
    }
}
