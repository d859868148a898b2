package io.headlight.analysis;

import io.headlight.model.AttentionResult;

/** The attention of one layer averaged over its heads: what rollout and the "all heads" view start from. */
public final class HeadMean {
    private HeadMean() {
    }

    /**
     * The mean over heads of one layer.
     *
     * @return a new row-major {@code T x T} matrix; its rows sum to 1 when every head's rows do
     * @throws IndexOutOfBoundsException when {@code layer} is outside the model
     */
    public static float[] of(AttentionResult result, int layer) {
        int t = result.length();
        int heads = result.heads();
        if (layer < 0 || layer >= result.layers()) {
            throw new IndexOutOfBoundsException("layer " + layer + " outside 0.." + (result.layers() - 1));
        }
        double[] sum = new double[t * t];
        java.nio.FloatBuffer all = result.attentionBuffer();
        for (int h = 0; h < heads; h++) {
            int base = (layer * heads + h) * t * t;
            for (int i = 0; i < sum.length; i++) {
                sum[i] += all.get(base + i);
            }
        }
        float[] mean = new float[t * t];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (sum[i] / heads);
        }
        return mean;
    }
}
