package io.headlight.analysis;

import io.headlight.model.AttentionResult;
import io.headlight.model.Token;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the {@link HeadStat}s of Clark et al. (2019) for every head of one result.
 *
 * <p>Each statistic is a mean over query tokens (every token, special ones included, as in the paper),
 * except {@link HeadStat#PREV} and {@link HeadStat#NEXT}, which average over the rows that have a previous
 * (all but the first) or a next token (all but the last): a head that attends to the previous token
 * everywhere it can scores exactly 1 however its first row looks. With a single token both are 0.
 *
 * <p>The norm-based statistics ({@link HeadStat#NORM_CLS} and the like) are the same means taken over the
 * head's {@link NormAttention} matrix with each row scaled to sum to 1, so they compare directly with the
 * weight-based ones; a row whose norms are all zero adds 0. They are NaN when the result has no value vectors.
 */
public final class HeadStatistics {
    /** Weight mixed in before taking logs, as in Clark et al., so that a zero never meets {@code ln}. */
    static final double SMOOTHING = 0.0001;
    private static final Set<String> CLS_TEXTS = Set.of("[CLS]", "<s>");
    private static final Set<String> SEP_TEXTS = Set.of("[SEP]", "</s>");
    private static final int FIRST_NORM = HeadStat.NORM_CLS.ordinal();

    private HeadStatistics() {
    }

    /** Every statistic of every head of one result. */
    public static HeadStats of(AttentionResult result) {
        int layers = result.layers();
        int heads = result.heads();
        int t = result.length();
        TokenKinds kinds = TokenKinds.of(result.tokens());
        Map<HeadStat, float[][]> values = new EnumMap<>(HeadStat.class);
        for (HeadStat stat : HeadStat.values()) {
            values.put(stat, new float[layers][heads]);
        }
        FloatBuffer all = result.attentionBuffer();
        boolean norms = NormAttention.available(result);
        float[] matrix = new float[t * t];
        for (int l = 0; l < layers; l++) {
            float[] valueNorms = norms ? NormAttention.valueNorms(result.valueGramBuffer(l), heads, t) : null;
            for (int h = 0; h < heads; h++) {
                all.get((l * heads + h) * t * t, matrix);
                double[] stats = ofMatrix(matrix, t, kinds);
                double[] normStats = norms
                        ? ofNormMatrix(NormAttention.head(matrix, Arrays.copyOfRange(valueNorms, h * t, (h + 1) * t)),
                        t, kinds)
                        : null;
                for (HeadStat stat : HeadStat.values()) {
                    double value = stat.ordinal() < FIRST_NORM ? stats[stat.ordinal()]
                            : norms ? normStats[stat.ordinal()] : Double.NaN;
                    values.get(stat)[l][h] = (float) value;
                }
            }
        }
        return new HeadStats(layers, heads, values);
    }

    /**
     * The weight-based statistics of one head's matrix, indexed by {@link HeadStat#ordinal()}; the norm-based
     * entries are NaN.
     *
     * @param tokens the tokens of the matrix's rows and columns, for [CLS], [SEP] and punctuation
     */
    public static double[] ofMatrix(float[] m, int t, List<Token> tokens) {
        if (m.length != t * t || tokens.size() != t) {
            throw new IllegalArgumentException("matrix of " + m.length + " values and " + tokens.size()
                    + " tokens do not fit T = " + t);
        }
        return ofMatrix(m, t, TokenKinds.of(tokens));
    }

    /**
     * The norm-based statistics of one head's norm matrix ({@link NormAttention#head}), indexed by
     * {@link HeadStat#ordinal()}; the weight-based entries are NaN.
     */
    public static double[] ofNormMatrix(float[] n, int t, List<Token> tokens) {
        if (n.length != t * t || tokens.size() != t) {
            throw new IllegalArgumentException("matrix of " + n.length + " values and " + tokens.size()
                    + " tokens do not fit T = " + t);
        }
        return ofNormMatrix(n, t, TokenKinds.of(tokens));
    }

    /**
     * The mean of many texts' statistics, each text weighing the same however long it is.
     *
     * @throws IllegalArgumentException when empty or when the texts come from models of different shapes
     */
    public static HeadStats mean(Collection<HeadStats> perText) {
        CorpusStatistics corpus = null;
        for (HeadStats stats : perText) {
            if (corpus == null) {
                corpus = new CorpusStatistics(stats.layers(), stats.heads());
            }
            corpus.add(stats);
        }
        if (corpus == null) {
            throw new IllegalArgumentException("no statistics to average");
        }
        return corpus.mean();
    }

    private static double[] ofMatrix(float[] m, int t, TokenKinds kinds) {
        double entropy = 0;
        double cls = 0;
        double sep = 0;
        double punct = 0;
        double self = 0;
        double prev = 0;
        double next = 0;
        double uniform = SMOOTHING / t;
        for (int i = 0; i < t; i++) {
            int row = i * t;
            for (int j = 0; j < t; j++) {
                double a = m[row + j];
                double p = (1 - SMOOTHING) * a + uniform;
                entropy -= p * Math.log(p);
                if (kinds.cls[j]) {
                    cls += a;
                }
                if (kinds.sep[j]) {
                    sep += a;
                }
                if (kinds.punct[j]) {
                    punct += a;
                }
            }
            self += m[row + i];
            if (i > 0) {
                prev += m[row + i - 1];
            }
            if (i < t - 1) {
                next += m[row + i + 1];
            }
        }
        double[] out = new double[HeadStat.values().length];
        Arrays.fill(out, Double.NaN);
        out[HeadStat.ENTROPY.ordinal()] = entropy / t;
        out[HeadStat.CLS.ordinal()] = cls / t;
        out[HeadStat.SEP.ordinal()] = sep / t;
        out[HeadStat.PUNCT.ordinal()] = punct / t;
        out[HeadStat.SELF.ordinal()] = self / t;
        out[HeadStat.PREV.ordinal()] = t > 1 ? prev / (t - 1) : 0;
        out[HeadStat.NEXT.ordinal()] = t > 1 ? next / (t - 1) : 0;
        return out;
    }

    private static double[] ofNormMatrix(float[] n, int t, TokenKinds kinds) {
        double cls = 0;
        double sep = 0;
        double punct = 0;
        double self = 0;
        for (int i = 0; i < t; i++) {
            int row = i * t;
            double total = 0;
            for (int j = 0; j < t; j++) {
                total += n[row + j];
            }
            if (total <= 0) {
                continue;
            }
            for (int j = 0; j < t; j++) {
                double share = n[row + j] / total;
                if (kinds.cls[j]) {
                    cls += share;
                }
                if (kinds.sep[j]) {
                    sep += share;
                }
                if (kinds.punct[j]) {
                    punct += share;
                }
            }
            self += n[row + i] / total;
        }
        double[] out = new double[HeadStat.values().length];
        Arrays.fill(out, Double.NaN);
        out[HeadStat.NORM_CLS.ordinal()] = cls / t;
        out[HeadStat.NORM_SEP.ordinal()] = sep / t;
        out[HeadStat.NORM_PUNCT.ordinal()] = punct / t;
        out[HeadStat.NORM_SELF.ordinal()] = self / t;
        return out;
    }

    /** Which columns are [CLS], [SEP] or punctuation, worked out once per result. */
    private record TokenKinds(boolean[] cls, boolean[] sep, boolean[] punct) {
        static TokenKinds of(List<Token> tokens) {
            int t = tokens.size();
            boolean[] cls = new boolean[t];
            boolean[] sep = new boolean[t];
            boolean[] punct = new boolean[t];
            for (int i = 0; i < t; i++) {
                Token token = tokens.get(i);
                cls[i] = token.special() && CLS_TEXTS.contains(token.text());
                sep[i] = token.special() && SEP_TEXTS.contains(token.text());
                punct[i] = Punctuation.is(token);
            }
            return new TokenKinds(cls, sep, punct);
        }
    }
}
