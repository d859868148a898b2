package io.headlight.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.List;

/**
 * One attention layer an {@link AttentionForm} found, as tensor names in the graph (plus any side graph the
 * form adds to compute them).
 *
 * @param order             the layer's position in the dataflow; layers are sorted by it
 * @param form              how the layer was found, for {@code inspect} ("MatMul, scale after")
 * @param probabilities     the {@code [B,H,T,T]} attention probabilities
 * @param query             the true query {@code [B,H,T,d]}: after projection and bias, before any scaling;
 *                          null when the form cannot expose it
 * @param key               the true key, {@code [B,H,d,T]} when {@code keyTransposed}, else {@code [B,H,T,d]};
 *                          null with {@code query}
 * @param keyTransposed     whether {@code key} is K^T
 * @param scale             the total factor the product q . k is multiplied by before the softmax
 * @param addedNodes        nodes to add to the graph so that these tensors exist (empty when they already do)
 * @param addedInitializers initializers those nodes read
 */
record FoundAttention(int order, String form, String probabilities, String query, String key,
                      boolean keyTransposed, float scale, List<NodeProto> addedNodes,
                      List<TensorProto> addedInitializers) {
}
