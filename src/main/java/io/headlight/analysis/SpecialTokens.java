package io.headlight.analysis;

import io.headlight.model.Token;

import java.util.List;

/**
 * Hiding tokens such as [CLS] and [SEP], which soak up much of the attention and wash out the rest of a
 * heatmap.
 */
public final class SpecialTokens {
    private SpecialTokens() {
    }

    /** {@code true} for every token that is not special: the usual argument for {@link #hide}. */
    public static boolean[] keepNonSpecial(List<Token> tokens) {
        boolean[] keep = new boolean[tokens.size()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = !tokens.get(i).special();
        }
        return keep;
    }

    /** How many tokens {@code keep} keeps: the side of the matrix {@link #hide} returns. */
    public static int count(boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            if (k) {
                n++;
            }
        }
        return n;
    }

    /**
     * Drops the rows and columns of the tokens not kept and renormalises each remaining row to sum 1, so
     * the result reads "of the attention this query gave to the kept tokens, which share went where".
     *
     * <p>A row that gave all its attention to hidden tokens has nothing left to renormalise; it becomes
     * uniform ({@code 1/K} each), the least informative row that still sums to 1, rather than NaN.
     *
     * @param m    row-major {@code T x T} matrix
     * @param keep one flag per token, length T
     * @return a new row-major {@code K x K} matrix, K = number of kept tokens (empty when none is kept)
     */
    public static float[] hide(float[] m, int t, boolean[] keep) {
        if (m.length != t * t || keep.length != t) {
            throw new IllegalArgumentException("matrix of " + m.length + " values and " + keep.length
                    + " flags do not fit T = " + t);
        }
        int[] kept = new int[count(keep)];
        for (int i = 0, n = 0; i < t; i++) {
            if (keep[i]) {
                kept[n++] = i;
            }
        }
        int k = kept.length;
        float[] out = new float[k * k];
        for (int r = 0; r < k; r++) {
            int row = kept[r] * t;
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += m[row + kept[c]];
            }
            for (int c = 0; c < k; c++) {
                out[r * k + c] = sum > 0 ? (float) (m[row + kept[c]] / sum) : 1f / k;
            }
        }
        return out;
    }
}
