package io.headlight.analysis;

import io.headlight.model.AttentionResult;

import java.util.List;

/**
 * Attention rollout (Abnar &amp; Zuidema, 2020): how much each input token flows into each position after a
 * number of layers, counting the residual connection as half of every layer.
 *
 * <p>Per layer {@code A = mean over heads}, {@code Â = 0.5·A + 0.5·I} with rows renormalised to sum 1,
 * {@code R_1 = Â_1}, {@code R_l = Â_l · R_(l-1)}. Products are accumulated in double so that twelve layers
 * of 512 x 512 do not drift; the result is rounded to float once at the end.
 */
public final class Rollout {
    private Rollout() {
    }

    /**
     * Rollout from the first layer up to and including {@code layerInclusive} (0-based).
     *
     * @return a new row-major {@code T x T} matrix whose rows sum to 1
     */
    public static float[] upTo(AttentionResult result, int layerInclusive) {
        if (layerInclusive < 0 || layerInclusive >= result.layers()) {
            throw new IndexOutOfBoundsException("layer " + layerInclusive + " outside 0.." + (result.layers() - 1));
        }
        int t = result.length();
        double[] rollout = null;
        for (int l = 0; l <= layerInclusive; l++) {
            rollout = step(rollout, HeadMean.of(result, l), t);
        }
        return toFloat(rollout);
    }

    /**
     * Rollout after every layer at once, for views that scrub through layers without recomputing:
     * element {@code l} equals {@code upTo(result, l)}.
     */
    public static float[][] everyLayer(AttentionResult result) {
        int t = result.length();
        float[][] out = new float[result.layers()][];
        double[] rollout = null;
        for (int l = 0; l < result.layers(); l++) {
            rollout = step(rollout, HeadMean.of(result, l), t);
            out[l] = toFloat(rollout);
        }
        return out;
    }

    /**
     * Rollout of plain matrices, one per layer in order, each already averaged over heads.
     *
     * @param layerMeans row-major {@code T x T} matrices, first layer first
     * @param t          the number of tokens T
     */
    public static float[] of(List<float[]> layerMeans, int t) {
        if (layerMeans.isEmpty()) {
            throw new IllegalArgumentException("rollout needs at least one layer");
        }
        double[] rollout = null;
        for (float[] mean : layerMeans) {
            if (mean.length != t * t) {
                throw new IllegalArgumentException("a layer holds " + mean.length + " values, expected " + t * t);
            }
            rollout = step(rollout, mean, t);
        }
        return toFloat(rollout);
    }

    /** {@code Â · previous}, or {@code Â} alone for the first layer. */
    private static double[] step(double[] previous, float[] mean, int t) {
        double[] residual = withResidual(mean, t);
        if (previous == null) {
            return residual;
        }
        double[] product = new double[t * t];
        // i-k-j order streams both operands row by row, which matters at T = 512.
        for (int i = 0; i < t; i++) {
            int row = i * t;
            for (int k = 0; k < t; k++) {
                double a = residual[row + k];
                if (a == 0.0) {
                    continue;
                }
                int other = k * t;
                for (int j = 0; j < t; j++) {
                    product[row + j] += a * previous[other + j];
                }
            }
        }
        return product;
    }

    /** {@code 0.5·A + 0.5·I}, rows renormalised: they already sum to 1 unless A's rows did not. */
    private static double[] withResidual(float[] mean, int t) {
        double[] out = new double[t * t];
        for (int i = 0; i < t; i++) {
            double sum = 0;
            for (int j = 0; j < t; j++) {
                double v = 0.5 * mean[i * t + j] + (i == j ? 0.5 : 0.0);
                out[i * t + j] = v;
                sum += v;
            }
            for (int j = 0; j < t; j++) {
                out[i * t + j] /= sum;
            }
        }
        return out;
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
