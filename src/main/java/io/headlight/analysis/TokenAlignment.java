package io.headlight.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which tokens of two sentences correspond, for comparing their attention: the longest common subsequence of
 * equal tokens, and between two consecutive matches, gaps of the same length in both paired position by position
 * as substitutions ("cat" / "dog" in otherwise equal sentences). Tokens left over correspond to nothing.
 * Immutable.
 */
public final class TokenAlignment {
    private final int[] firstToSecond;
    private final int[] secondToFirst;
    private final int[] pairedFirst;
    private final int[] pairedSecond;

    private TokenAlignment(int[] firstToSecond, int[] secondToFirst, List<int[]> pairs) {
        this.firstToSecond = firstToSecond;
        this.secondToFirst = secondToFirst;
        this.pairedFirst = pairs.stream().mapToInt(p -> p[0]).toArray();
        this.pairedSecond = pairs.stream().mapToInt(p -> p[1]).toArray();
    }

    /** Aligns {@code first} with {@code second}, comparing tokens by their text. */
    public static TokenAlignment of(List<String> first, List<String> second) {
        int n = first.size();
        int m = second.size();
        // suffix[i][j]: length of the longest common subsequence of first[i..] and second[j..]
        int[][] suffix = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                suffix[i][j] = Objects.equals(first.get(i), second.get(j)) ? suffix[i + 1][j + 1] + 1
                        : Math.max(suffix[i + 1][j], suffix[i][j + 1]);
            }
        }
        List<int[]> pairs = new ArrayList<>();
        int i = 0;
        int j = 0;
        int gapI = 0;
        int gapJ = 0;
        while (i < n && j < m) {
            if (Objects.equals(first.get(i), second.get(j)) && suffix[i][j] == suffix[i + 1][j + 1] + 1) {
                substitute(pairs, gapI, i, gapJ, j);
                pairs.add(new int[] {i++, j++});
                gapI = i;
                gapJ = j;
            } else if (suffix[i + 1][j] >= suffix[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        substitute(pairs, gapI, n, gapJ, m);
        int[] firstToSecond = filled(n);
        int[] secondToFirst = filled(m);
        for (int[] p : pairs) {
            firstToSecond[p[0]] = p[1];
            secondToFirst[p[1]] = p[0];
        }
        return new TokenAlignment(firstToSecond, secondToFirst, pairs);
    }

    /** Pairs the gap first[fromI..toI) with second[fromJ..toJ) position by position when both are as long. */
    private static void substitute(List<int[]> pairs, int fromI, int toI, int fromJ, int toJ) {
        if (toI - fromI == toJ - fromJ) {
            for (int k = 0; k < toI - fromI; k++) {
                pairs.add(new int[] {fromI + k, fromJ + k});
            }
        }
    }

    private static int[] filled(int size) {
        int[] a = new int[size];
        Arrays.fill(a, -1);
        return a;
    }

    /** Number of corresponding pairs (matches and substitutions), in sentence order. */
    public int pairs() {
        return pairedFirst.length;
    }

    /** The first sentence's token of pair {@code p}. */
    public int first(int p) {
        return pairedFirst[p];
    }

    /** The second sentence's token of pair {@code p}. */
    public int second(int p) {
        return pairedSecond[p];
    }

    /** The second sentence's token that first-sentence token {@code i} corresponds to, or -1 for none. */
    public int inSecond(int i) {
        return firstToSecond[i];
    }

    /** The first sentence's token that second-sentence token {@code j} corresponds to, or -1 for none. */
    public int inFirst(int j) {
        return secondToFirst[j];
    }

    /**
     * First minus second over the paired tokens: a {@code pairs() x pairs()} row-major matrix whose cell (p, q)
     * is {@code first[first(p)][first(q)] - second[second(p)][second(q)]}.
     *
     * @param first  row-major {@code n x n} attention of the first sentence
     * @param second row-major {@code m x m} attention of the second
     */
    public float[] difference(float[] first, float[] second) {
        int n = firstToSecond.length;
        int m = secondToFirst.length;
        if (first.length != n * n || second.length != m * m) {
            throw new IllegalArgumentException("matrices of " + first.length + " and " + second.length
                    + " values do not fit sentences of " + n + " and " + m + " tokens");
        }
        int k = pairs();
        float[] out = new float[k * k];
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < k; q++) {
                out[p * k + q] = first[pairedFirst[p] * n + pairedFirst[q]]
                        - second[pairedSecond[p] * m + pairedSecond[q]];
            }
        }
        return out;
    }
}
