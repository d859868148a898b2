package io.headlight.model;

/**
 * The heap arrays one result is copied into, in ONNX Runtime's layouts (keys transposed). Allocating them
 * zero-fills up to 170 MB (12 x 12 x 512 x 512 floats plus queries and keys), so {@link AttentionModel}
 * allocates them on a helper thread while ONNX Runtime runs instead of after it.
 */
record ResultArrays(float[] attention, float[] queries, float[] keys, float[] hidden) {

    static ResultArrays allocate(int layers, int heads, int tokens, int headDim, int hiddenSize,
                                 boolean withQueryKey, boolean withHidden) {
        float[] attention = new float[layers * heads * tokens * tokens];
        float[] queries = withQueryKey ? new float[layers * heads * tokens * headDim] : null;
        float[] keys = withQueryKey ? new float[queries.length] : null;
        float[] hidden = withHidden ? new float[tokens * hiddenSize] : null;
        return new ResultArrays(attention, queries, keys, hidden);
    }
}
