package io.headlight.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the edited graph computes for norm-based attention, per layer: the Gram matrices of the heads' transformed
 * values (handed out), and the tensors behind them (kept in the graph, named for tests and {@code inspect}).
 *
 * @param grams        per layer, {@code [B,T,H,H]}: {@code G_j[h][h'] = <f_h(x_j), f_h'(x_j)>}; empty when
 *                     {@code unavailable}
 * @param transformed  per layer, {@code f_h(x_j)} as {@code [B,H,T,hidden]}
 * @param dense        per layer, the attention output projection's result with its bias (before the residual)
 * @param unavailable  why the graph hides what norms need, or null when they are available
 * @param nodes        side-graph nodes to add
 * @param initializers what those nodes read
 */
record NormPlan(List<String> grams, List<String> transformed, List<String> dense, String unavailable,
                List<NodeProto> nodes, List<TensorProto> initializers) {

    static NormPlan none(String why) {
        return new NormPlan(List.of(), List.of(), List.of(), why, List.of(), List.of());
    }

    /** The same plan once its nodes are in the graph: only the names are needed from then on. */
    NormPlan withoutNodes() {
        return new NormPlan(grams, transformed, dense, unavailable, List.of(), List.of());
    }

    boolean available() {
        return unavailable == null;
    }

    /** Plans the side graph for every layer, or none at all when one layer's value or projection is hidden. */
    static NormPlan of(GraphIndex index, List<FoundAttention> layers, int attentionLayers) {
        if (layers.isEmpty() || layers.size() != attentionLayers) {
            return none("the attention probabilities were not found as Softmax outputs, so the value vectors"
                    + " they weigh are unknown");
        }
        List<String> grams = new ArrayList<>();
        List<String> transformed = new ArrayList<>();
        List<String> dense = new ArrayList<>();
        List<NodeProto> nodes = new ArrayList<>();
        List<TensorProto> initializers = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            Optional<ValueProjection> projection = ValueProjection.find(index, layers.get(l).probabilities());
            if (projection.isEmpty()) {
                return none("layer " + l + "'s value vectors or output projection are not plain tensors in the"
                        + " graph (" + layers.get(l).form() + ")");
            }
            ValueGramGraph.Built built = ValueGramGraph.build(index, l, projection.get());
            grams.add(built.gram());
            transformed.add(built.transformed());
            dense.add(projection.get().dense());
            nodes.addAll(built.nodes());
            initializers.addAll(built.initializers());
        }
        return new NormPlan(grams, transformed, dense, null, nodes, initializers);
    }
}
