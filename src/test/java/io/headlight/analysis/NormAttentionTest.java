package io.headlight.analysis;

import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormAttentionTest {
    /*
     * Two heads, two tokens, hidden size 2. What each head carries from each token:
     *   f_0(x_0) = (3, 4)   f_0(x_1) = (0, 1)
     *   f_1(x_0) = (1, 0)   f_1(x_1) = (0, 2)
     * so ‖f_0‖ = (5, 1), ‖f_1‖ = (1, 2) and the Gram matrices are
     *   G_0 = [[25, 3], [3, 1]]   G_1 = [[1, 2], [2, 4]].
     * Weights: head 0 = [[.5, .5], [1, 0]], head 1 = [[.25, .75], [0, 1]].
     * Heads mixed, query 0: key 0 gets .5·(3,4) + .25·(1,0) = (1.75, 2), norm sqrt(7.0625);
     *                       key 1 gets .5·(0,1) + .75·(0,2) = (0, 2), norm 2.
     *              query 1: key 0 gets 1·(3,4) + 0 = (3, 4), norm 5; key 1 gets 0 + 1·(0,2), norm 2.
     */
    private static final float[] TRANSFORMED = {3, 4, 0, 1, 1, 0, 0, 2};
    private static final float[] HEAD0 = {.5f, .5f, 1, 0};
    private static final float[] HEAD1 = {.25f, .75f, 0, 1};

    @Test
    void gramOfTheHandExampleHoldsTheDotProductsOfEachTokensHeads() {
        assertArrayEquals(new float[] {25, 3, 3, 1, 1, 2, 2, 4}, NormAttention.gram(TRANSFORMED, 2, 2, 2), 0f);
    }

    @Test
    void valueNormsAreTheSquareRootsOfTheGramDiagonal() {
        FloatBuffer gram = FloatBuffer.wrap(NormAttention.gram(TRANSFORMED, 2, 2, 2));
        assertArrayEquals(new float[] {5, 1, 1, 2}, NormAttention.valueNorms(gram, 2, 2), 1e-6f);
    }

    @Test
    void headNormsScaleEachWeightByItsKeysValueNorm() {
        assertArrayEquals(new float[] {2.5f, .5f, 5, 0}, NormAttention.head(HEAD0, new float[] {5, 1}), 1e-6f);
        assertArrayEquals(new float[] {.25f, 1.5f, 0, 2}, NormAttention.head(HEAD1, new float[] {1, 2}), 1e-6f);
    }

    @Test
    void layerNormsMatchTheHandComputedSumsOfHeads() {
        FloatBuffer weights = FloatBuffer.wrap(concat(HEAD0, HEAD1));
        FloatBuffer gram = FloatBuffer.wrap(NormAttention.gram(TRANSFORMED, 2, 2, 2));
        float[] expected = {(float) Math.sqrt(7.0625), 2, 5, 2};
        assertArrayEquals(expected, NormAttention.layer(weights, gram, 2, 2), 1e-6f);
    }

    @Test
    void layerNormsEqualTheNormOfTheWeightedSumOfVectorsOnRandomData() {
        Random random = new Random(7);
        int heads = 5;
        int t = 9;
        int hidden = 6;
        float[] transformed = new float[heads * t * hidden];
        for (int i = 0; i < transformed.length; i++) {
            transformed[i] = (float) random.nextGaussian();
        }
        float[] weights = randomRows(random, heads, t);
        float[] fromGram = NormAttention.layer(FloatBuffer.wrap(weights),
                FloatBuffer.wrap(NormAttention.gram(transformed, heads, t, hidden)), heads, t);
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                double[] sum = new double[hidden];
                for (int h = 0; h < heads; h++) {
                    for (int k = 0; k < hidden; k++) {
                        sum[k] += weights[(h * t + i) * t + j] * transformed[(h * t + j) * hidden + k];
                    }
                }
                double norm = 0;
                for (double v : sum) {
                    norm += v * v;
                }
                assertEquals(Math.sqrt(norm), fromGram[i * t + j], 1e-5, "query " + i + ", key " + j);
            }
        }
    }

    @Test
    void normsAreNonNegativeAndZeroWhereEveryWeightIsZero() {
        Random random = new Random(11);
        int heads = 3;
        int t = 6;
        float[] transformed = new float[heads * t * 4];
        for (int i = 0; i < transformed.length; i++) {
            transformed[i] = (float) random.nextGaussian();
        }
        float[] weights = randomRows(random, heads, t);
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < t; i++) {
                weights[(h * t + i) * t + 2] = 0; // no head attends to key 2
            }
        }
        FloatBuffer gram = FloatBuffer.wrap(NormAttention.gram(transformed, heads, t, 4));
        float[] layer = NormAttention.layer(FloatBuffer.wrap(weights), gram, heads, t);
        float[] norms = NormAttention.valueNorms(gram, heads, t);
        float[] head = NormAttention.head(java.util.Arrays.copyOfRange(weights, 0, t * t),
                java.util.Arrays.copyOfRange(norms, 0, t));
        for (int i = 0; i < t; i++) {
            assertEquals(0f, layer[i * t + 2], 0f);
            assertEquals(0f, head[i * t + 2], 0f);
        }
        for (int i = 0; i < t * t; i++) {
            assertTrue(layer[i] >= 0 && head[i] >= 0, "cell " + i);
        }
    }

    @Test
    void allHeadsAtOnceEqualEachHeadsWeightsTimesItsKeysValueNorms() throws Exception {
        io.headlight.model.AttentionResult r = io.headlight.model.SharedModels.get("all-MiniLM-L6-v2")
                .explain("A lighthouse keeper, alone, counted the ships.", null, io.headlight.model.Norms.COMPUTE);
        int t = r.length();
        float[][] all = NormAttention.headMatrices(r);
        assertEquals(r.layers() * r.heads(), all.length);
        for (int l = 0; l < r.layers(); l++) {
            float[] norms = NormAttention.valueNorms(r.valueGramBuffer(l), r.heads(), t);
            for (int h = 0; h < r.heads(); h++) {
                float[] expected = NormAttention.head(r.headMatrix(l, h),
                        java.util.Arrays.copyOfRange(norms, h * t, (h + 1) * t));
                assertArrayEquals(expected, all[l * r.heads() + h], 0f, "layer " + l + ", head " + h);
            }
        }
    }

    @Test
    void buffersAreReadFromTheirPositions() {
        float[] padded = concat(new float[] {9, 9, 9}, concat(HEAD0, HEAD1));
        FloatBuffer weights = FloatBuffer.wrap(padded).position(3).slice();
        float[] gramValues = concat(new float[] {-1}, NormAttention.gram(TRANSFORMED, 2, 2, 2));
        FloatBuffer gram = FloatBuffer.wrap(gramValues).position(1);
        FloatBuffer plainGram = FloatBuffer.wrap(NormAttention.gram(TRANSFORMED, 2, 2, 2));
        assertArrayEquals(NormAttention.layer(FloatBuffer.wrap(concat(HEAD0, HEAD1)), plainGram, 2, 2),
                NormAttention.layer(FloatBuffer.wrap(padded).position(3), gram, 2, 2), 0f);
        assertArrayEquals(NormAttention.valueNorms(plainGram, 2, 2), NormAttention.valueNorms(gram, 2, 2), 0f);
        assertEquals(8, weights.remaining());
    }

    @Test
    void tensorsOfTheWrongSizeAreRefused() {
        FloatBuffer gram = FloatBuffer.wrap(new float[7]);
        assertThrows(IllegalArgumentException.class, () -> NormAttention.valueNorms(gram, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> NormAttention.head(new float[3], new float[2]));
        assertThrows(IllegalArgumentException.class,
                () -> NormAttention.layer(FloatBuffer.wrap(new float[7]), FloatBuffer.wrap(new float[8]), 2, 2));
    }

    private static float[] randomRows(Random random, int heads, int t) {
        float[] weights = new float[heads * t * t];
        for (int row = 0; row < heads * t; row++) {
            double sum = 0;
            for (int j = 0; j < t; j++) {
                weights[row * t + j] = random.nextFloat();
                sum += weights[row * t + j];
            }
            for (int j = 0; j < t; j++) {
                weights[row * t + j] /= (float) sum;
            }
        }
        return weights;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /* The parallel form must give each layer exactly the sequential layer's matrix, in its place. */
    @Test
    void layerMatricesInParallelEqualEachLayerAlone() throws Exception {
        io.headlight.model.AttentionResult r = io.headlight.model.SharedModels.get("all-MiniLM-L6-v2")
                .explain("Attention is not only a weight.", null, io.headlight.model.Norms.COMPUTE);
        float[][] all = NormAttention.layerMatrices(r);
        assertEquals(r.layers(), all.length);
        for (int l = 0; l < r.layers(); l++) {
            assertArrayEquals(NormAttention.layerMatrix(r, l), all[l], "layer " + l);
        }
    }
}
