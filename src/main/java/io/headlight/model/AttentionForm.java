package io.headlight.model;

import java.util.List;

/**
 * One way a graph can compute self-attention (a Softmax over a query x key product, a fused operator...).
 * {@link GraphSurgeon} asks every form and exposes what they find; each form knows only its own shape.
 */
interface AttentionForm {
    /**
     * The attention layers of this form in the graph, in any order.
     *
     * @return one entry per layer found; empty when the graph has none of this form
     */
    List<FoundAttention> find(GraphIndex graph);
}
