package io.headlight.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokens grouped into words, in order: each word is a run of consecutive token indices. Immutable.
 */
public final class WordGrouping {
    private final int tokens;
    private final List<int[]> groups;
    private final List<String> labels;
    private final int[] wordOfToken;

    /**
     * @param tokens number of tokens T the groups cover
     * @param groups the token indices of each word; together they must cover 0..T-1 exactly once
     * @param labels one label per word
     */
    public WordGrouping(int tokens, List<int[]> groups, List<String> labels) {
        if (groups.size() != labels.size()) {
            throw new IllegalArgumentException(groups.size() + " groups but " + labels.size() + " labels");
        }
        this.tokens = tokens;
        this.wordOfToken = new int[tokens];
        java.util.Arrays.fill(wordOfToken, -1);
        List<int[]> copies = new ArrayList<>();
        for (int w = 0; w < groups.size(); w++) {
            int[] group = groups.get(w).clone();
            if (group.length == 0) {
                throw new IllegalArgumentException("word " + w + " has no token");
            }
            for (int i : group) {
                if (i < 0 || i >= tokens || wordOfToken[i] >= 0) {
                    throw new IllegalArgumentException("token " + i + " is outside 0.." + (tokens - 1)
                            + " or in two words");
                }
                wordOfToken[i] = w;
            }
            copies.add(group);
        }
        for (int i = 0; i < tokens; i++) {
            if (wordOfToken[i] < 0) {
                throw new IllegalArgumentException("token " + i + " belongs to no word");
            }
        }
        this.groups = List.copyOf(copies);
        this.labels = List.copyOf(labels);
    }

    /** Number of words W. */
    public int size() {
        return groups.size();
    }

    /** Number of tokens T the words cover. */
    public int tokenCount() {
        return tokens;
    }

    /**
     * The word labels: a word's pieces joined ({@code "una" "##ffa" "##ble"} -> {@code "unaffable"}, and so do
     * {@code "Ġun" "aff" "able"}).
     */
    public List<String> labels() {
        return labels;
    }

    /** A copy of the token indices of word {@code word}. */
    public int[] group(int word) {
        return groups.get(word).clone();
    }

    /** The word that token {@code token} belongs to. */
    public int wordOf(int token) {
        return wordOfToken[token];
    }

    /**
     * A token-level attention matrix at word level: the attention a word pays to another is the sum over
     * the other word's pieces (attention received adds up) of the mean over its own pieces (each piece is
     * one query among several). Rows that summed to 1 still do.
     *
     * @param m row-major {@code T x T}
     * @return a new row-major {@code W x W}
     */
    public float[] merge(float[] m) {
        if (m.length != tokens * tokens) {
            throw new IllegalArgumentException("matrix of " + m.length + " values does not fit T = " + tokens);
        }
        int w = groups.size();
        double[] sums = new double[w * w];
        for (int i = 0; i < tokens; i++) {
            int rowWord = wordOfToken[i] * w;
            for (int j = 0; j < tokens; j++) {
                sums[rowWord + wordOfToken[j]] += m[i * tokens + j];
            }
        }
        float[] out = new float[w * w];
        for (int a = 0; a < w; a++) {
            int pieces = groups.get(a).length;
            for (int b = 0; b < w; b++) {
                out[a * w + b] = (float) (sums[a * w + b] / pieces);
            }
        }
        return out;
    }
}
