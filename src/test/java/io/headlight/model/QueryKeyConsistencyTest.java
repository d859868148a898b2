package io.headlight.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.headlight.model.ModelFixtures.BGE_ZH;
import static io.headlight.model.ModelFixtures.MINILM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exposed query and key vectors explain the attention exactly, as the neuron view claims: for every layer,
 * head and query, softmax(q . k / sqrt(d)) over the keys equals the model's attention (no padding here).
 */
class QueryKeyConsistencyTest {
    private static final double TOLERANCE = 1e-4;

    static Stream<Arguments> sentences() {
        return Stream.of(
                Arguments.of(MINILM, 6, 12, 32, "Attention heads often look at the next word, or at [SEP].", null),
                Arguments.of(MINILM, 6, 12, 32, "The keys come from here.", "And the queries from there!"),
                Arguments.of(BGE_ZH, 4, 8, 64, "注意力机制让模型关注句子中重要的词。", null));
    }

    @ParameterizedTest(name = "{0}: {4} / {5}")
    @MethodSource("sentences")
    void softmaxOfScaledQueryKeyProductsIsTheAttention(String model, int layers, int heads, int headDim,
                                                      String textA, String textB) throws HeadlightException {
        AttentionResult r;
        try (AttentionModel attention = AttentionModel.open(ModelSource.resolve(model))) {
            r = attention.explain(textA, textB);
        }
        assertTrue(r.hasQueryKey(), model + " exposes no query/key vectors");
        assertEquals(layers, r.layers());
        assertEquals(heads, r.heads());
        assertEquals(headDim, r.headDim());

        int t = r.length();
        double worst = 0;
        String where = "";
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                float[][] keys = new float[t][];
                for (int j = 0; j < t; j++) {
                    keys[j] = r.key(l, h, j);
                }
                for (int i = 0; i < t; i++) {
                    double[] expected = softmaxOfScaledScores(r.query(l, h, i), keys);
                    for (int j = 0; j < t; j++) {
                        double diff = Math.abs(expected[j] - r.attention(l, h, i, j));
                        if (diff > worst) {
                            worst = diff;
                            where = "layer " + l + ", head " + h + ", query " + i + ", key " + j;
                        }
                    }
                }
            }
        }
        assertTrue(worst <= TOLERANCE, "largest difference " + worst + " at " + where);
    }

    private static double[] softmaxOfScaledScores(float[] query, float[][] keys) {
        double scale = 1 / Math.sqrt(query.length);
        double[] p = new double[keys.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < keys.length; j++) {
            double dot = 0;
            for (int c = 0; c < query.length; c++) {
                dot += (double) query[c] * keys[j][c];
            }
            p[j] = dot * scale;
            max = Math.max(max, p[j]);
        }
        double sum = 0;
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.exp(p[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < p.length; j++) {
            p[j] /= sum;
        }
        return p;
    }
}
