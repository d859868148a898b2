package io.headlight.model;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.List;

import static io.headlight.model.AttentionSideGraph.optionalInput;

/**
 * ONNX Runtime's fused {@code com.microsoft} {@code MultiHeadAttention}: projected query, key and value (each
 * {@code [B,S,hidden]}, or packed as {@code [B,S,N,3,d]} / {@code [B,L,N,2,d]}, or the key already split
 * {@code [B,N,L,d]}), an optional bias {@code [3*hidden]} still to add, a key padding mask and an attention
 * bias. A side graph recomputes the probabilities from the same inputs and attributes.
 */
final class MultiHeadAttentionForm implements AttentionForm {
    @Override
    public List<FoundAttention> find(GraphIndex graph) {
        StaticShapes shapes = new StaticShapes(graph.graph());
        return AttentionSideGraph.each(graph, node -> node.getDomain().equals("com.microsoft")
                        && node.getOpType().equals("MultiHeadAttention") && optionalInput(node, 6) == null,
                node -> sideGraph(node, graph, shapes));
    }

    /** The side graph for one node, or null when its sizes cannot be told from the graph. */
    private static FoundAttention sideGraph(NodeProto node, GraphIndex graph, StaticShapes shapes) {
        long heads = GraphIndex.intAttribute(node, "num_heads", 0);
        String query = node.getInput(0);
        String key = optionalInput(node, 1);
        String bias = optionalInput(node, 3);
        String mask = optionalInput(node, 4);
        int maskRank = mask == null ? 0 : shapes.rank(mask);
        boolean packedQkv = key == null;
        int keyRank = packedQkv ? 5 : optionalInput(node, 2) == null ? 5 : shapes.rank(key) == 4 ? 4 : 3;
        long headSize = headSize(heads, query, packedQkv, bias, shapes);
        if (heads <= 0 || headSize <= 0 || maskRank < 0 || maskRank > 3) {
            return null;
        }
        long hidden = heads * headSize;
        float scale = GraphIndex.floatAttribute(node, "scale", 0f);
        if (scale == 0f) {
            scale = (float) (1 / Math.sqrt(headSize));
        }

        AttentionSideGraph side = AttentionSideGraph.beside(node, graph);
        query = side.asFloat(query, graph.elementType(query));
        if (bias != null) {
            bias = side.asFloat(bias, graph.elementType(bias));
        }
        String q;
        String keyT;
        if (packedQkv) {
            q = side.transpose(part(side, query, 0, bias, 0, hidden, heads, "q"), "query", 0, 2, 1, 3);
            keyT = side.transpose(part(side, query, 1, bias, hidden, 2 * hidden, heads, "k"), "key_transposed",
                    0, 2, 3, 1);
        } else {
            String biasedQuery = bias == null ? query
                    : side.add(query, side.lastAxisSlice(bias, 0, hidden, "q_bias"), "q");
            q = side.heads(biasedQuery, heads, false, "query");
            key = side.asFloat(key, graph.elementType(key));
            if (keyRank == 5) {
                keyT = side.transpose(part(side, key, 0, bias, hidden, 2 * hidden, heads, "k"), "key_transposed",
                        0, 2, 3, 1);
            } else if (keyRank == 4) {
                keyT = side.transpose(key, "key_transposed", 0, 1, 3, 2);
            } else {
                String biasedKey = bias == null ? key
                        : side.add(key, side.lastAxisSlice(bias, hidden, 2 * hidden, "k_bias"), "k");
                keyT = side.heads(biasedKey, heads, true, "key_transposed");
            }
        }

        return side.foundMasked(node, graph, "com.microsoft MultiHeadAttention (probabilities recomputed beside it)",
                q, keyT, scale, 4, maskRank, 5);
    }

    /** One part of a packed {@code [B,S,N,parts,d]} tensor, {@code [B,S,N,d]}, with its slice of the bias. */
    static String part(AttentionSideGraph side, String packed, long index, String bias, long from, long to,
                               long heads, String local) {
        String picked = side.pick(packed, index, 3, local + "_packed");
        if (bias == null) {
            return picked;
        }
        String perHead = side.reshape(side.lastAxisSlice(bias, from, to, local + "_bias"), local + "_bias_heads",
                heads, -1);
        return side.add(picked, perHead, local);
    }

    static long headSize(long heads, String query, boolean packed, String bias, StaticShapes shapes) {
        long width = shapes.lastDimension(query);
        if (packed) {
            return width;
        }
        if (width <= 0 && bias != null && shapes.lastDimension(bias) % 3 == 0) {
            width = shapes.lastDimension(bias) / 3;
        }
        return heads > 0 && width > 0 && width % heads == 0 ? width / heads : -1;
    }
}
