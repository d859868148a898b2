package io.headlight.analysis;

import io.headlight.model.AttentionResult;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * Norm-based attention (Kobayashi, Kuribayashi, Yokoi and Inui, "Attention is Not Only a Weight", EMNLP 2020):
 * how much each key token actually moves each query token, {@code ‖α_ij f(x_j)‖}, instead of the weight α alone.
 *
 * <p>{@code f_h(x_j) = (x_j W_V^h + b_V^h) W_O^h} is what head h carries from token j into the attention output.
 * Everything here starts from one layer's Gram matrices {@code G_j[h][h'] = <f_h(x_j), f_h'(x_j)>}, a
 * {@code T x H x H} tensor: the per-head norm is the weight times {@code sqrt(G_j[h][h])}, and the norm of the
 * heads' sum, {@code ‖Σ_h α^h_ij f_h(x_j)‖}, is {@code sqrt(α_ij^T G_j α_ij)} with {@code α_ij} the vector of
 * the heads' weights. So the pairwise work is a scaling of α, never a {@code T x T x hidden} tensor.
 */
public final class NormAttention {
    /** Queries per parallel task of one layer's heads-mixed norms: 16 tasks at 512 tokens. */
    private static final int QUERIES_PER_TASK = 32;

    private NormAttention() {
    }

    /** Whether {@code result} carries what norms are computed from (its model exposed the value vectors). */
    public static boolean available(AttentionResult result) {
        return result.hasValueGram();
    }

    /**
     * One head's norm-based attention in {@code result}.
     *
     * @return a new row-major {@code T x T} matrix
     * @throws IllegalStateException when the result carries no value vectors ({@link #available})
     */
    public static float[] headMatrix(AttentionResult result, int layer, int head) {
        int t = result.length();
        float[] norms = valueNorms(result.valueGramBuffer(layer), result.heads(), t);
        return head(result.headMatrix(layer, head), java.util.Arrays.copyOfRange(norms, head * t, (head + 1) * t));
    }

    /**
     * Every head's norm-based attention in {@code result}, {@code N^h_ij = α^h_ij ‖f_h(x_j)‖}: each layer's
     * {@code ‖f_h(x_j)‖} read once from its Gram diagonal, each head's weights copied in bulk and scaled in place,
     * the heads computed in parallel. At T = 512 on a 12 x 12 model this is 150 MB of output, so memory
     * bandwidth, not arithmetic, sets its cost.
     *
     * @return {@code [L x H][T x T]}, element {@code l * H + h} row-major for layer l, head h
     * @throws IllegalStateException when the result carries no value vectors ({@link #available})
     */
    public static float[][] headMatrices(AttentionResult result) {
        int t = result.length();
        int heads = result.heads();
        int square = t * t;
        float[][] valueNorms = new float[result.layers()][];
        for (int l = 0; l < result.layers(); l++) {
            valueNorms[l] = valueNorms(result.valueGramBuffer(l), heads, t);
        }
        FloatBuffer weights = result.attentionBuffer();
        int base = weights.position();
        float[][] out = new float[result.layers() * heads][];
        IntStream.range(0, out.length).parallel().forEach(lh -> {
            float[] m = new float[square];
            weights.get(base + lh * square, m, 0, square);
            float[] norms = valueNorms[lh / heads];
            int n0 = (lh % heads) * t;
            for (int i = 0; i < t; i++) {
                int row = i * t;
                for (int j = 0; j < t; j++) {
                    m[row + j] *= norms[n0 + j];
                }
            }
            out[lh] = m;
        });
        return out;
    }

    /**
     * One layer's norm-based attention in {@code result}, heads mixed: {@code ‖Σ_h α^h_ij f_h(x_j)‖}.
     *
     * @return a new row-major {@code T x T} matrix
     * @throws IllegalStateException when the result carries no value vectors ({@link #available})
     */
    public static float[] layerMatrix(AttentionResult result, int layer) {
        int t = result.length();
        int block = result.heads() * t * t;
        FloatBuffer weights = result.attentionBuffer().position(layer * block).slice().limit(block);
        return layer(weights, result.valueGramBuffer(layer), result.heads(), t);
    }

    /**
     * Every layer's heads-mixed norm-based attention ({@link #layerMatrix}), the layers computed in parallel: at
     * T = 512 each layer is {@code H(H+1)/2 x T x T} multiply-adds, the bulk of the cost of all norms.
     *
     * @return {@code [L][T x T]}, each row-major
     * @throws IllegalStateException when the result carries no value vectors ({@link #available})
     */
    public static float[][] layerMatrices(AttentionResult result) {
        float[][] out = new float[result.layers()][];
        IntStream.range(0, result.layers()).parallel().forEach(l -> out[l] = layerMatrix(result, l));
        return out;
    }

    /**
     * The norms {@code ‖f_h(x_j)‖} of what each head carries from each token.
     *
     * @param gram  one layer's Gram matrices, row-major {@code [T][H][H]}, read from {@code gram.position()}
     * @return a new row-major {@code [H][T]} array
     */
    public static float[] valueNorms(FloatBuffer gram, int heads, int tokens) {
        checkGram(gram, heads, tokens);
        int g0 = gram.position();
        float[] norms = new float[heads * tokens];
        for (int j = 0; j < tokens; j++) {
            for (int h = 0; h < heads; h++) {
                float squared = gram.get(g0 + (j * heads + h) * heads + h);
                // A Gram diagonal is a squared norm; rounding may leave it a hair below zero.
                norms[h * tokens + j] = (float) Math.sqrt(Math.max(0f, squared));
            }
        }
        return norms;
    }

    /**
     * One head's norm-based attention {@code N^h_ij = α^h_ij ‖f_h(x_j)‖}.
     *
     * @param weights    the head's {@code T x T} attention, row-major (query i, key j)
     * @param valueNorms the head's {@code ‖f_h(x_j)‖} for every key j (length T)
     * @return a new row-major {@code T x T} matrix
     */
    public static float[] head(float[] weights, float[] valueNorms) {
        int t = valueNorms.length;
        if (weights.length != t * t) {
            throw new IllegalArgumentException(weights.length + " weights do not make a " + t + " x " + t + " matrix");
        }
        float[] norms = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                norms[i * t + j] = weights[i * t + j] * valueNorms[j];
            }
        }
        return norms;
    }

    /**
     * One layer's norm-based attention with its heads mixed, {@code N_ij = ‖Σ_h α^h_ij f_h(x_j)‖}.
     *
     * @param weights the layer's attention, row-major {@code [H][T][T]}, read from {@code weights.position()}
     * @param gram    the layer's Gram matrices, row-major {@code [T][H][H]}, read from {@code gram.position()}
     * @return a new row-major {@code T x T} matrix
     */
    public static float[] layer(FloatBuffer weights, FloatBuffer gram, int heads, int tokens) {
        checkGram(gram, heads, tokens);
        int t = tokens;
        int square = t * t;
        if (weights.remaining() < heads * square) {
            throw new IllegalArgumentException(weights.remaining() + " weights are fewer than " + heads + " heads of "
                    + t + " x " + t);
        }
        // [h][h'][j] with the off-diagonal terms doubled, so the inner loop below runs over contiguous keys.
        int g0 = gram.position();
        int pairs = heads * (heads + 1) / 2;
        float[] coefficients = new float[pairs * t];
        int pair = 0;
        for (int h = 0; h < heads; h++) {
            for (int g = h; g < heads; g++, pair++) {
                float factor = g == h ? 1f : 2f;
                for (int j = 0; j < t; j++) {
                    coefficients[pair * t + j] = factor * gram.get(g0 + (j * heads + h) * heads + g);
                }
            }
        }
        int base = weights.position();
        float[] out = new float[square];
        // Rows are independent: blocks of queries in parallel, each with its own copy of the heads' rows.
        int blocks = (t + QUERIES_PER_TASK - 1) / QUERIES_PER_TASK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            float[] rows = new float[heads * t];
            for (int i = b * QUERIES_PER_TASK; i < Math.min(t, (b + 1) * QUERIES_PER_TASK); i++) {
                for (int h = 0; h < heads; h++) {
                    weights.get(base + h * square + i * t, rows, h * t, t);
                }
                squaredRow(rows, coefficients, heads, t, out, i * t);
                for (int j = 0; j < t; j++) {
                    out[i * t + j] = (float) Math.sqrt(Math.max(0f, out[i * t + j]));
                }
            }
        });
        return out;
    }

    /**
     * {@code out[offset + j] += Σ_{h <= g} c_hg[j] α_h[j] α_g[j]} for one query. Four partners g share one pass
     * over the keys, {@code α_h (Σ c_hg α_g)}: a quarter of the loads and stores of the row being summed, which,
     * with the coefficients streamed beside it, is what the loop waits on.
     */
    private static void squaredRow(float[] rows, float[] coefficients, int heads, int t, float[] out, int offset) {
        int pair = 0;
        for (int h = 0; h < heads; h++) {
            int rowH = h * t;
            int g = h;
            for (; g + 4 <= heads; g += 4, pair += 4) {
                int a = g * t;
                int b = a + t;
                int c = b + t;
                int d = c + t;
                int ca = pair * t;
                int cb = ca + t;
                int cc = cb + t;
                int cd = cc + t;
                for (int j = 0; j < t; j++) {
                    out[offset + j] += rows[rowH + j] * (rows[a + j] * coefficients[ca + j]
                            + rows[b + j] * coefficients[cb + j] + rows[c + j] * coefficients[cc + j]
                            + rows[d + j] * coefficients[cd + j]);
                }
            }
            for (; g < heads; g++, pair++) {
                int a = g * t;
                int ca = pair * t;
                for (int j = 0; j < t; j++) {
                    out[offset + j] += rows[rowH + j] * rows[a + j] * coefficients[ca + j];
                }
            }
        }
    }

    /**
     * The Gram matrices of per-head transformed values, for an engine that hands out {@code f_h(x_j)} itself.
     *
     * @param transformed {@code f_h(x_j)}, row-major {@code [H][T][hidden]}
     * @return a new row-major {@code [T][H][H]} array
     */
    public static float[] gram(float[] transformed, int heads, int tokens, int hidden) {
        if (transformed.length != heads * tokens * hidden) {
            throw new IllegalArgumentException(transformed.length + " values are not " + heads + " x " + tokens
                    + " x " + hidden);
        }
        float[] gram = new float[tokens * heads * heads];
        for (int j = 0; j < tokens; j++) {
            for (int h = 0; h < heads; h++) {
                int a = (h * tokens + j) * hidden;
                for (int g = h; g < heads; g++) {
                    int b = (g * tokens + j) * hidden;
                    double dot = 0;
                    for (int k = 0; k < hidden; k++) {
                        dot += (double) transformed[a + k] * transformed[b + k];
                    }
                    gram[(j * heads + h) * heads + g] = (float) dot;
                    gram[(j * heads + g) * heads + h] = (float) dot;
                }
            }
        }
        return gram;
    }

    private static void checkGram(FloatBuffer gram, int heads, int tokens) {
        if (gram.remaining() < tokens * heads * heads) {
            throw new IllegalArgumentException("a Gram tensor of " + gram.remaining() + " values is smaller than "
                    + tokens + " x " + heads + " x " + heads);
        }
    }
}
