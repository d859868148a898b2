package io.headlight.analysis;

import io.headlight.model.AttentionResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Rollout ({@link Rollout}) of norm-based attention instead of weights: each layer's heads-mixed norms
 * {@code ‖Σ_h α^h_ij f_h(x_j)‖} ({@link NormAttention#layerMatrix}), every row divided by its sum so that it says
 * which share of what reaches token i comes from each token j, then rolled out with the residual as half of
 * every layer, as the weights are. Without the row division the residual's half would weigh nothing beside
 * norms of several units.
 */
public final class NormRollout {
    private NormRollout() {
    }

    /**
     * Norm-based rollout from the first layer up to and including {@code layerInclusive} (0-based).
     *
     * @return a new row-major {@code T x T} matrix whose rows sum to 1
     * @throws IllegalStateException when the result carries no value vectors ({@link NormAttention#available})
     */
    public static float[] upTo(AttentionResult result, int layerInclusive) {
        if (layerInclusive < 0 || layerInclusive >= result.layers()) {
            throw new IndexOutOfBoundsException("layer " + layerInclusive + " outside 0.." + (result.layers() - 1));
        }
        int t = result.length();
        List<float[]> shares = new ArrayList<>();
        for (int l = 0; l <= layerInclusive; l++) {
            shares.add(rowShares(NormAttention.layerMatrix(result, l), t));
        }
        return Rollout.of(shares, t);
    }

    /** Each row divided by its sum, in place; a row of zeros (nothing reaches the token) stays zero. */
    static float[] rowShares(float[] m, int t) {
        for (int i = 0; i < t; i++) {
            double sum = 0;
            for (int j = 0; j < t; j++) {
                sum += m[i * t + j];
            }
            if (sum > 0) {
                for (int j = 0; j < t; j++) {
                    m[i * t + j] = (float) (m[i * t + j] / sum);
                }
            }
        }
        return m;
    }
}
