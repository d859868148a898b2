package io.headlight.model;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Everything one run of a model on one input produced: the tokens and the attention probabilities of every
 * layer and head, plus the query/key tensors and the last hidden state where the model exposed them.
 *
 * <p>Immutable: arrays are owned by this object and only ever handed out as copies or read-only buffers, so
 * a result can be shared between the UI thread, renderers and exporters without locking. Attention is stored
 * flat in {@code [layer][head][query][key]} order, the layout of ONNX Runtime's output and of the exports.
 */
public final class AttentionResult {
    private final String modelId;
    private final List<Token> tokens;
    private final int layers;
    private final int heads;
    private final int length;
    private final float[] attention;
    private final int headDim;
    private final float[] queries;
    private final float[] keys;
    private final int hiddenSize;
    private final float[] lastHidden;
    private final boolean truncated;

    /**
     * @param attention  {@code layers * heads * T * T} floats, taken over (not copied)
     * @param queries    {@code layers * heads * T * headDim} floats in {@code [l][h][t][d]} order, or null
     * @param keys       same layout as queries (not transposed), or null
     * @param lastHidden {@code T * hiddenSize} floats, or null
     */
    public AttentionResult(String modelId, List<Token> tokens, int layers, int heads, float[] attention,
                           int headDim, float[] queries, float[] keys,
                           int hiddenSize, float[] lastHidden, boolean truncated) {
        this.modelId = Objects.requireNonNull(modelId);
        this.tokens = List.copyOf(tokens);
        this.layers = layers;
        this.heads = heads;
        this.length = this.tokens.size();
        this.attention = Objects.requireNonNull(attention);
        long expected = (long) layers * heads * length * length;
        if (attention.length != expected) {
            throw new IllegalArgumentException("attention has " + attention.length + " floats, expected " + expected);
        }
        if ((queries == null) != (keys == null)) {
            throw new IllegalArgumentException("queries and keys come together or not at all");
        }
        if (queries != null) {
            long qk = (long) layers * heads * length * headDim;
            if (queries.length != qk || keys.length != qk) {
                throw new IllegalArgumentException("queries/keys must hold " + qk + " floats");
            }
        }
        if (lastHidden != null && lastHidden.length != (long) length * hiddenSize) {
            throw new IllegalArgumentException("last hidden state must hold T x hiddenSize floats");
        }
        this.headDim = headDim;
        this.queries = queries;
        this.keys = keys;
        this.hiddenSize = hiddenSize;
        this.lastHidden = lastHidden;
        this.truncated = truncated;
    }

    /** The id (bundled) or folder name (user export) of the model that produced this result. */
    public String modelId() {
        return modelId;
    }

    public List<Token> tokens() {
        return tokens;
    }

    public Token token(int index) {
        return tokens.get(index);
    }

    /** Number of layers L. */
    public int layers() {
        return layers;
    }

    /** Number of heads per layer H. */
    public int heads() {
        return heads;
    }

    /** Number of tokens T, special tokens included. */
    public int length() {
        return length;
    }

    /** True when the input was longer than the model's position limit and was cut to fit. */
    public boolean truncated() {
        return truncated;
    }

    /** True when the input was a pair (some token belongs to segment 1). */
    public boolean isPair() {
        for (Token t : tokens) {
            if (t.segment() == 1) {
                return true;
            }
        }
        return false;
    }

    /** Probability that token {@code query} of head {@code head} in layer {@code layer} gives to {@code key}. */
    public float attention(int layer, int head, int query, int key) {
        return attention[offset(layer, head) + query * length + key];
    }

    /** A copy of one head's T x T matrix, row-major (one row per query). */
    public float[] headMatrix(int layer, int head) {
        float[] out = new float[length * length];
        System.arraycopy(attention, offset(layer, head), out, 0, out.length);
        return out;
    }

    /** The whole L x H x T x T tensor as a read-only view, for streaming exports without a copy. */
    public FloatBuffer attentionBuffer() {
        return FloatBuffer.wrap(attention).asReadOnlyBuffer();
    }

    /** Whether the query and key vectors of each head were exposed (needed by the neuron view). */
    public boolean hasQueryKey() {
        return queries != null;
    }

    /** Size of one head's query/key vector, or 0 when they were not exposed. */
    public int headDim() {
        return queries == null ? 0 : headDim;
    }

    /** A copy of the query vector of one token in one head. */
    public float[] query(int layer, int head, int token) {
        return vector(requireQk(queries), layer, head, token);
    }

    /** A copy of the key vector of one token in one head (not transposed). */
    public float[] key(int layer, int head, int token) {
        return vector(requireQk(keys), layer, head, token);
    }

    /** Read-only view of all queries in {@code [l][h][t][d]} order. */
    public FloatBuffer queryBuffer() {
        return FloatBuffer.wrap(requireQk(queries)).asReadOnlyBuffer();
    }

    /** Read-only view of all keys in {@code [l][h][t][d]} order. */
    public FloatBuffer keyBuffer() {
        return FloatBuffer.wrap(requireQk(keys)).asReadOnlyBuffer();
    }

    /** Width of the last hidden state, or 0 when it was not kept. */
    public int hiddenSize() {
        return lastHidden == null ? 0 : hiddenSize;
    }

    /** Read-only view of the last hidden state, {@code [t][hidden]}, or null when it was not kept. */
    public FloatBuffer lastHiddenBuffer() {
        return lastHidden == null ? null : FloatBuffer.wrap(lastHidden).asReadOnlyBuffer();
    }

    private int offset(int layer, int head) {
        if (layer < 0 || layer >= layers || head < 0 || head >= heads) {
            throw new IndexOutOfBoundsException("layer " + layer + ", head " + head
                    + " outside " + layers + " x " + heads);
        }
        return (layer * heads + head) * length * length;
    }

    private float[] vector(float[] source, int layer, int head, int token) {
        float[] out = new float[headDim];
        int from = ((layer * heads + head) * length + token) * headDim;
        System.arraycopy(source, from, out, 0, headDim);
        return out;
    }

    private float[] requireQk(float[] source) {
        if (source == null) {
            throw new IllegalStateException("this model's query and key tensors were not exposed");
        }
        return source;
    }
}
