package io.headlight.analysis;

import io.headlight.model.HeadlightException;

/** The difference of two attention matrices over the same tokens, for the compare view. */
public final class AttentionDiff {
    private AttentionDiff() {
    }

    /**
     * {@code a - b} elementwise; values lie in [-1, 1] when both are attention matrices.
     *
     * @throws HeadlightException when the two matrices do not cover the same number of tokens
     */
    public static float[] of(float[] a, float[] b) throws HeadlightException {
        if (a.length != b.length) {
            throw new HeadlightException("Cannot subtract attention over " + side(b) + " tokens from attention over "
                    + side(a) + " tokens; compare inputs that tokenize to the same number of tokens");
        }
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static String side(float[] m) {
        long t = Math.round(Math.sqrt(m.length));
        return t * t == m.length ? Long.toString(t) : "a non-square " + m.length + " values; expected T x T";
    }
}
