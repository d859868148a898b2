package io.headlight.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import static io.headlight.model.ModelFixtures.BGE_ZH;
import static io.headlight.model.ModelFixtures.MINILM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layer 0's attention recomputed in plain Java, in double precision, from the weights in the model's own ONNX
 * file: word + position + token-type embeddings, LayerNorm, the query and key projections, scores scaled by
 * 1/sqrt(d), softmax over the keys. What the engine extracts from the running graph must equal it.
 */
class LayerZeroReferenceTest {
    private static final double TOLERANCE = 1e-4;
    private static final double LAYER_NORM_EPS = 1e-12;
    private static final String QUERY = "/encoder/layer.0/attention/self/query/MatMul";
    private static final String KEY = "/encoder/layer.0/attention/self/key/MatMul";

    static Stream<Arguments> sentences() {
        return Stream.of(
                Arguments.of(MINILM, 12, "The quick brown fox jumps over the lazy dog near the riverbank.", null),
                Arguments.of(MINILM, 12, "Where is the station?", "It is two streets away, next to the café."),
                Arguments.of(BGE_ZH, 8, "我爱北京天安门，天安门上太阳升。", null));
    }

    @ParameterizedTest(name = "{0}: {2} / {3}")
    @MethodSource("sentences")
    void layerZeroMatchesRecomputationFromTheModelsWeights(String model, int heads, String textA, String textB)
            throws HeadlightException, IOException {
        AttentionResult result;
        try (AttentionModel attention = AttentionModel.open(ModelSource.resolve(model))) {
            result = attention.explain(textA, textB);
        }
        OnnxWeights weights = new OnnxWeights(ModelFixtures.onnx(model));

        double[][] x = layerNorm(embed(weights, result.tokens()),
                weights.initializer("embeddings.LayerNorm.weight"), weights.initializer("embeddings.LayerNorm.bias"));
        double[][] q = linear(x, weights.matMulWeight(QUERY), weights.biasAfter(QUERY));
        double[][] k = linear(x, weights.matMulWeight(KEY), weights.biasAfter(KEY));
        int t = result.length();
        int d = x[0].length / heads;
        assertEquals(heads, result.heads());

        double worst = 0;
        String where = "";
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < t; i++) {
                double[] expected = softmaxOfScaledScores(q[i], k, h * d, d);
                for (int j = 0; j < t; j++) {
                    double diff = Math.abs(expected[j] - result.attention(0, h, i, j));
                    if (diff > worst) {
                        worst = diff;
                        where = "head " + h + ", query " + i + ", key " + j + ": expected " + expected[j]
                                + ", engine " + result.attention(0, h, i, j);
                    }
                }
            }
        }
        assertTrue(worst <= TOLERANCE, "largest difference " + worst + " at " + where);
    }

    /** Word + position + token-type embedding of each token; positions count from 0 as in BERT. */
    private static double[][] embed(OnnxWeights weights, List<Token> tokens) {
        OnnxWeights.Tensor word = weights.initializer("embeddings.word_embeddings.weight");
        OnnxWeights.Tensor position = weights.initializer("embeddings.position_embeddings.weight");
        OnnxWeights.Tensor type = weights.initializer("embeddings.token_type_embeddings.weight");
        int hidden = word.dims()[1];
        double[][] x = new double[tokens.size()][hidden];
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            for (int c = 0; c < hidden; c++) {
                x[i][c] = word.at((int) token.id(), c) + position.at(i, c) + type.at(token.segment(), c);
            }
        }
        return x;
    }

    private static double[][] layerNorm(double[][] x, OnnxWeights.Tensor gamma, OnnxWeights.Tensor beta) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            int n = x[i].length;
            double mean = 0;
            for (double v : x[i]) {
                mean += v;
            }
            mean /= n;
            double variance = 0;
            for (double v : x[i]) {
                variance += (v - mean) * (v - mean);
            }
            variance /= n;
            double scale = 1 / Math.sqrt(variance + LAYER_NORM_EPS);
            out[i] = new double[n];
            for (int c = 0; c < n; c++) {
                out[i][c] = (x[i][c] - mean) * scale * gamma.values()[c] + beta.values()[c];
            }
        }
        return out;
    }

    /** {@code x W + b} with W stored {@code [in][out]}, as the graph's MatMul takes it. */
    private static double[][] linear(double[][] x, OnnxWeights.Tensor w, OnnxWeights.Tensor b) {
        int in = w.dims()[0];
        int out = w.dims()[1];
        assertEquals(x[0].length, in, "projection input width");
        double[][] y = new double[x.length][out];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < out; o++) {
                double sum = b.values()[o];
                for (int c = 0; c < in; c++) {
                    sum += x[i][c] * w.at(c, o);
                }
                y[i][o] = sum;
            }
        }
        return y;
    }

    /** One query's attention over all keys in the head whose columns start at {@code from}. */
    private static double[] softmaxOfScaledScores(double[] query, double[][] keys, int from, int d) {
        double[] p = new double[keys.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < keys.length; j++) {
            double dot = 0;
            for (int c = from; c < from + d; c++) {
                dot += query[c] * keys[j][c];
            }
            p[j] = dot / Math.sqrt(d);
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
