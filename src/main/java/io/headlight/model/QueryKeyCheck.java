package io.headlight.model;

import java.nio.FloatBuffer;

/**
 * Whether exposed q and K^T explain a layer's attention: softmax(q . k * scale) against the probabilities,
 * on an unpadded probe. A form that missed a scale (one computed at run time, say) fails here, and Headlight
 * then shows no q/k rather than q/k that silently disagree with the attention.
 */
final class QueryKeyCheck {
    /** Far above float16 rounding (about 3e-3), far below a missed d^-1/4 factor (about 0.5). */
    static final double TOLERANCE = 1e-2;

    private QueryKeyCheck() {
    }

    /**
     * The largest difference between softmax(q . k * scale) and the attention of one layer.
     *
     * @param attention {@code [H,T,T]} probabilities, from the buffer's position
     * @param queries   {@code [H,T,d]}
     * @param keys      K^T, {@code [H,d,T]}
     */
    static double worstDifference(FloatBuffer attention, FloatBuffer queries, FloatBuffer keys, int heads, int t,
                                  int d, float scale) {
        double worst = 0;
        double[] row = new double[t];
        int base = attention.position();
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < t; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < t; j++) {
                    double dot = 0;
                    for (int c = 0; c < d; c++) {
                        dot += (double) queries.get((h * t + i) * d + c) * keys.get((h * d + c) * t + j);
                    }
                    row[j] = dot * scale;
                    max = Math.max(max, row[j]);
                }
                double sum = 0;
                for (int j = 0; j < t; j++) {
                    row[j] = Math.exp(row[j] - max);
                    sum += row[j];
                }
                for (int j = 0; j < t; j++) {
                    double diff = Math.abs(row[j] / sum - attention.get(base + (h * t + i) * t + j));
                    // NaN counts as the worst, so a broken tensor never passes.
                    worst = diff <= worst ? worst : diff;
                }
            }
        }
        return worst;
    }
}
