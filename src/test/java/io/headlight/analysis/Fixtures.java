package io.headlight.analysis;

import io.headlight.model.AttentionResult;
import io.headlight.model.Token;

import java.util.ArrayList;
import java.util.List;

/** Hand-made results for checking formulas on matrices small enough to work out on paper. */
final class Fixtures {
    private Fixtures() {
    }

    /** Tokens named as given; "[CLS]" and "[SEP]" are special. */
    static List<Token> tokens(String... texts) {
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            boolean special = texts[i].equals("[CLS]") || texts[i].equals("[SEP]");
            tokens.add(new Token(texts[i], i, 0, special, special ? -1 : i, special ? -1 : i + 1));
        }
        return tokens;
    }

    /** A one-head-per-matrix result: {@code layers[l][h]} is the T x T matrix of layer l, head h. */
    static AttentionResult result(List<Token> tokens, float[][][] layers) {
        int t = tokens.size();
        int heads = layers[0].length;
        float[] all = new float[layers.length * heads * t * t];
        for (int l = 0; l < layers.length; l++) {
            for (int h = 0; h < heads; h++) {
                System.arraycopy(layers[l][h], 0, all, (l * heads + h) * t * t, t * t);
            }
        }
        return new AttentionResult("hand-made", tokens, layers.length, heads, all, 0, null, null, 0, null, false);
    }

    static float[] identity(int t) {
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) {
            m[i * t + i] = 1f;
        }
        return m;
    }

    static void assertRowsSumToOne(float[] m, int t, double tolerance) {
        for (int i = 0; i < t; i++) {
            double sum = 0;
            for (int j = 0; j < t; j++) {
                sum += m[i * t + j];
            }
            org.junit.jupiter.api.Assertions.assertEquals(1.0, sum, tolerance, "row " + i);
        }
    }
}
