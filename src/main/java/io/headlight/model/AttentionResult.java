package io.headlight.model;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Everything one run of a model on one input produced: the tokens and the attention probabilities of every
 * layer and head, plus the query/key tensors and the last hidden state where the model exposed them.
 *
 * <p>Immutable: its buffers are owned by this object and only ever handed out as copies or read-only views,
 * so a result can be shared between the UI thread, renderers and exporters without locking. Attention is
 * stored flat in {@code [layer][head][query][key]} order, the layout of ONNX Runtime's output and of the
 * exports.
 *
 * <p>The one exception is a result lent by {@link AttentionModel#explainInPlace}: it reads the model's own
 * output buffers and is valid only until that call returns; afterwards every accessor that reads numbers fails.
 */
public final class AttentionResult {
    private final String modelId;
    private final List<Token> tokens;
    private final int layers;
    private final int heads;
    private final int length;
    private final FloatBuffer attention;
    private final int headDim;
    private final FloatBuffer queries;
    private final FloatBuffer keys;
    /** Keys as the score MatMul takes them, {@code [l][h][d][t]}, rather than one vector per token. */
    private final boolean keysTransposed;
    private final int hiddenSize;
    private final FloatBuffer lastHidden;
    private final boolean truncated;
    /** Per layer, each token's Gram matrix of the heads' transformed values {@code [l][t][h][h]}, or null. */
    private final FloatBuffer valueGram;
    private volatile boolean returned;

    /**
     * @param attention  {@code layers * heads * T * T} floats, taken over (not copied)
     * @param queries    {@code layers * heads * T * headDim} floats in {@code [l][h][t][d]} order, or null
     * @param keys       same layout as queries (not transposed), or null
     * @param lastHidden {@code T * hiddenSize} floats, or null
     */
    public AttentionResult(String modelId, List<Token> tokens, int layers, int heads, float[] attention,
                           int headDim, float[] queries, float[] keys,
                           int hiddenSize, float[] lastHidden, boolean truncated) {
        this(modelId, tokens, layers, heads, wrap(Objects.requireNonNull(attention)), headDim, wrap(queries),
                wrap(keys), false, hiddenSize, wrap(lastHidden), truncated);
    }

    /**
     * The model's constructor: buffers as ONNX Runtime laid them out, keys transposed. Each buffer is read
     * with absolute indices from 0 and never written.
     */
    AttentionResult(String modelId, List<Token> tokens, int layers, int heads, FloatBuffer attention,
                    int headDim, FloatBuffer queries, FloatBuffer keys, boolean keysTransposed,
                    int hiddenSize, FloatBuffer lastHidden, boolean truncated) {
        this.modelId = Objects.requireNonNull(modelId);
        this.tokens = List.copyOf(tokens);
        this.layers = layers;
        this.heads = heads;
        this.length = this.tokens.size();
        this.attention = Objects.requireNonNull(attention);
        long expected = (long) layers * heads * length * length;
        if (attention.capacity() != expected) {
            throw new IllegalArgumentException("attention has " + attention.capacity() + " floats, expected "
                    + expected);
        }
        if ((queries == null) != (keys == null)) {
            throw new IllegalArgumentException("queries and keys come together or not at all");
        }
        if (queries != null) {
            long qk = (long) layers * heads * length * headDim;
            if (queries.capacity() != qk || keys.capacity() != qk) {
                throw new IllegalArgumentException("queries/keys must hold " + qk + " floats");
            }
        }
        if (lastHidden != null && lastHidden.capacity() != (long) length * hiddenSize) {
            throw new IllegalArgumentException("last hidden state must hold T x hiddenSize floats");
        }
        this.headDim = headDim;
        this.queries = queries;
        this.keys = keys;
        this.keysTransposed = keysTransposed;
        this.hiddenSize = hiddenSize;
        this.lastHidden = lastHidden;
        this.truncated = truncated;
        this.valueGram = null;
    }

    private AttentionResult(AttentionResult base, FloatBuffer valueGram) {
        this.modelId = base.modelId;
        this.tokens = base.tokens;
        this.layers = base.layers;
        this.heads = base.heads;
        this.length = base.length;
        this.attention = base.attention;
        this.headDim = base.headDim;
        this.queries = base.queries;
        this.keys = base.keys;
        this.keysTransposed = base.keysTransposed;
        this.hiddenSize = base.hiddenSize;
        this.lastHidden = base.lastHidden;
        this.truncated = base.truncated;
        if (valueGram != null && valueGram.capacity() != (long) layers * length * heads * heads) {
            throw new IllegalArgumentException("the value Gram tensor must hold layers x T x heads x heads floats");
        }
        this.valueGram = valueGram;
    }

    /**
     * This result with the Gram matrices {@code G_j[h][h'] = <f_h(x_j), f_h'(x_j)>} of every layer's
     * transformed values ({@code [l][t][h][h]}, taken over), which norm-based attention is computed from.
     */
    public AttentionResult withValueGram(FloatBuffer valueGram) {
        return valueGram == null && this.valueGram == null ? this : new AttentionResult(this, valueGram);
    }

    /** A buffer over {@code values}, or null for null. */
    static FloatBuffer wrap(float[] values) {
        return values == null ? null : FloatBuffer.wrap(values);
    }

    /** Ends a lent result: the model is about to reuse the buffers it reads. */
    void giveBack() {
        returned = true;
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
        return readable(attention).get(offset(layer, head) + query * length + key);
    }

    /** A copy of one head's T x T matrix, row-major (one row per query). */
    public float[] headMatrix(int layer, int head) {
        float[] out = new float[length * length];
        readable(attention).get(offset(layer, head), out);
        return out;
    }

    /** The whole L x H x T x T tensor as a read-only view, for streaming exports without a copy. */
    public FloatBuffer attentionBuffer() {
        return readable(attention).asReadOnlyBuffer();
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
        float[] out = new float[headDim];
        readable(requireQk(queries)).get(vectorStart(layer, head, token), out);
        return out;
    }

    /** A copy of the key vector of one token in one head (not transposed). */
    public float[] key(int layer, int head, int token) {
        FloatBuffer all = readable(requireQk(keys));
        float[] out = new float[headDim];
        if (!keysTransposed) {
            all.get(vectorStart(layer, head, token), out);
            return out;
        }
        copyTransposedKey(all, layer * heads + head, token, out, 0);
        return out;
    }

    /** Read-only view of all queries in {@code [l][h][t][d]} order. */
    public FloatBuffer queryBuffer() {
        return readable(requireQk(queries)).asReadOnlyBuffer();
    }

    /** All keys in {@code [l][h][t][d]} order, read-only (a copy when the model gave them transposed). */
    public FloatBuffer keyBuffer() {
        FloatBuffer all = readable(requireQk(keys));
        if (!keysTransposed) {
            return all.asReadOnlyBuffer();
        }
        float[] out = new float[all.capacity()];
        for (int block = 0; block < layers * heads; block++) {
            for (int t = 0; t < length; t++) {
                copyTransposedKey(all, block, t, out, (block * length + t) * headDim);
            }
        }
        return FloatBuffer.wrap(out).asReadOnlyBuffer();
    }

    /** Whether this result carries what norm-based attention is computed from ({@link #valueGramBuffer}). */
    public boolean hasValueGram() {
        return valueGram != null;
    }

    /**
     * Read-only view of one layer's Gram matrices of the heads' transformed values, {@code [t][h][h]} from
     * position 0: {@code G_j[h][h'] = <f_h(x_j), f_h'(x_j)>} with {@code f_h(x_j) = v_j^h W_O^h}.
     *
     * @throws IllegalStateException when the model's value vectors were not exposed
     */
    public FloatBuffer valueGramBuffer(int layer) {
        if (valueGram == null) {
            throw new IllegalStateException("this model's value vectors were not exposed");
        }
        offset(layer, 0);
        int block = length * heads * heads;
        return readable(valueGram).slice(layer * block, block).asReadOnlyBuffer();
    }

    /** Width of the last hidden state, or 0 when it was not kept. */
    public int hiddenSize() {
        return lastHidden == null ? 0 : hiddenSize;
    }

    /** Read-only view of the last hidden state, {@code [t][hidden]}, or null when it was not kept. */
    public FloatBuffer lastHiddenBuffer() {
        return lastHidden == null ? null : readable(lastHidden).asReadOnlyBuffer();
    }

    private int offset(int layer, int head) {
        if (layer < 0 || layer >= layers || head < 0 || head >= heads) {
            throw new IndexOutOfBoundsException("layer " + layer + ", head " + head
                    + " outside " + layers + " x " + heads);
        }
        return (layer * heads + head) * length * length;
    }

    /** Token {@code token}'s key in head block {@code block} of K^T ({@code [d][t]}) into {@code out} at {@code at}. */
    private void copyTransposedKey(FloatBuffer transposed, int block, int token, float[] out, int at) {
        int base = block * headDim * length + token;
        for (int j = 0; j < headDim; j++) {
            out[at + j] = transposed.get(base + j * length);
        }
    }

    private int vectorStart(int layer, int head, int token) {
        return ((layer * heads + head) * length + token) * headDim;
    }

    private FloatBuffer readable(FloatBuffer buffer) {
        if (returned) {
            throw new IllegalStateException("this result was lent by explainInPlace and read after that call"
                    + " returned; its numbers have been overwritten (use explain to keep a result)");
        }
        return buffer;
    }

    private static FloatBuffer requireQk(FloatBuffer source) {
        if (source == null) {
            throw new IllegalStateException("this model's query and key tensors were not exposed");
        }
        return source;
    }
}
