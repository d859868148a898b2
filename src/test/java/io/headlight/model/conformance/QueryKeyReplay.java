package io.headlight.model.conformance;

import io.headlight.model.AttentionResult;

/**
 * Replays attention from the q and k Headlight shows: {@code softmax(q . k * scale)} for every layer, head and
 * query, in double, against the probabilities it shows beside them (an unpadded text, so no mask).
 */
public final class QueryKeyReplay {
    private QueryKeyReplay() {
    }

    /** The largest difference between the replayed and the shown attention; NaN counts as the worst. */
    public static double worstDifference(AttentionResult r, float[] scales) {
        int t = r.length();
        double worst = 0;
        double[] p = new double[t];
        for (int l = 0; l < r.layers(); l++) {
            for (int h = 0; h < r.heads(); h++) {
                for (int i = 0; i < t; i++) {
                    float[] q = r.query(l, h, i);
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < t; j++) {
                        float[] k = r.key(l, h, j);
                        double dot = 0;
                        for (int c = 0; c < q.length; c++) {
                            dot += (double) q[c] * k[c];
                        }
                        p[j] = dot * scales[l];
                        max = Math.max(max, p[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < t; j++) {
                        p[j] = Math.exp(p[j] - max);
                        sum += p[j];
                    }
                    for (int j = 0; j < t; j++) {
                        double diff = Math.abs(p[j] / sum - r.attention(l, h, i, j));
                        if (Double.isNaN(diff)) {
                            return Double.NaN;
                        }
                        worst = Math.max(worst, diff);
                    }
                }
            }
        }
        return worst;
    }
}
