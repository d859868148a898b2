package io.headlight.model;

/**
 * What Headlight learned about an opened model.
 *
 * @param id           bundled id, or the folder/file name of a user's export
 * @param displayName  name for titles and pickers
 * @param layers       number of attention blocks L
 * @param heads        heads per block H
 * @param hiddenSize   width of the hidden state
 * @param headDim      width of one head's query/key vector
 * @param maxPositions longest input the model accepts (rows of its position embeddings)
 * @param vocabRows    rows of its word embeddings, or 0 when they could not be found in the graph
 * @param hasQueryKey  whether each head's query and key vectors are exposed (for the neuron view)
 * @param elementType  what the graph computes attention in: "float32", "float16", "bfloat16"
 */
public record ModelInfo(String id, String displayName, int layers, int heads, int hiddenSize, int headDim,
                        int maxPositions, int vocabRows, boolean hasQueryKey,
                        String elementType) {
}
