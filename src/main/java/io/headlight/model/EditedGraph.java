package io.headlight.model;

import ai.onnx.proto.OnnxMl.ModelProto;

import java.util.List;

/**
 * A model's graph after {@link GraphSurgeon} exposed its attention, with the names to ask ONNX Runtime for.
 *
 * @param model            the edited model to open a session on (the user's file is never touched); its
 *                         weights may alias the mapped file
 * @param inputs           the inputs the graph declares ({@code input_ids}, maybe {@code attention_mask},
 *                         {@code token_type_ids})
 * @param attentionOutputs one {@code [B,H,T,T]} output per layer in layer order, or a single stacked
 *                         rank-5 output when {@code stacked}
 * @param stacked          whether the model itself outputs all layers as one tensor
 * @param queryOutputs     per layer, the true {@code [B,H,T,d]} query (before any scaling); empty when
 *                         it could not be found
 * @param keyOutputs       per layer, the true transposed key {@code [B,H,d,T]}
 * @param scoreScales      per layer, the whole factor q . k is multiplied by before the Softmax
 *                         ({@code 1/sqrt(d)} in BERT); NaN when unknown
 * @param hiddenOutput     the model's last hidden state {@code [B,T,hidden]}, or null when it has none
 * @param embeddings       sizes read off the embedding tables
 * @param forms            per layer, how its attention was found ("MatMul, scale after"), for {@code inspect}
 * @param elementType      what the attention is computed in ("float32", "float16"); every output named here
 *                         is float32 all the same
 * @param quantizedOps     the quantization operators the graph uses; empty when it is not quantized
 * @param norms            what the graph computes for norm-based attention, or why it cannot
 */
record EditedGraph(ModelProto model, List<String> inputs, List<String> attentionOutputs, boolean stacked,
                   List<String> queryOutputs, List<String> keyOutputs, float[] scoreScales,
                   String hiddenOutput, EmbeddingTables embeddings, List<String> forms,
                   String elementType, List<String> quantizedOps, NormPlan norms) {

    boolean hasQueryKey() {
        return !queryOutputs.isEmpty();
    }

    /** The edited model serialized, as ONNX Runtime reads it. */
    byte[] bytes() {
        return model.toByteArray();
    }

    /**
     * The same plan without the model and the side graph's nodes, which are no longer needed once a session holds
     * them (the nodes may carry copies of weights).
     */
    EditedGraph withoutBytes() {
        return new EditedGraph(null, inputs, attentionOutputs, stacked, queryOutputs, keyOutputs, scoreScales,
                hiddenOutput, embeddings, forms, elementType, quantizedOps, norms.withoutNodes());
    }
}
