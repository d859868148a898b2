package io.headlight.analysis;

import io.headlight.model.AttentionResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RolloutTest {
    @Test
    void rolloutOfIdentityAttentionIsIdentity() {
        float[] id = Fixtures.identity(4);
        AttentionResult r = Fixtures.result(Fixtures.tokens("[CLS]", "a", "b", "[SEP]"),
                new float[][][] {{id, id}, {id, id}, {id, id}});
        assertArrayEquals(id, Rollout.upTo(r, 2), 0f);
    }

    /*
     * A1 = [[1,0,0],[.5,.5,0],[0,0,1]]  -> Â1 = .5·A1 + .5·I = [[1,0,0],[.25,.75,0],[0,0,1]]
     * A2 = [[0,1,0],[0,1,0],[0,1,0]]    -> Â2 = [[.5,.5,0],[0,1,0],[0,.5,.5]]
     * R2 = Â2·Â1: row0 = .5·[1,0,0] + .5·[.25,.75,0] = [.625,.375,0]
     *             row1 = [.25,.75,0]
     *             row2 = .5·[.25,.75,0] + .5·[0,0,1] = [.125,.375,.5]
     */
    @Test
    void twoLayersOfThreeTokensMatchTheHandComputation() {
        float[] a1 = {1, 0, 0, .5f, .5f, 0, 0, 0, 1};
        float[] a2 = {0, 1, 0, 0, 1, 0, 0, 1, 0};
        float[] expected = {.625f, .375f, 0, .25f, .75f, 0, .125f, .375f, .5f};
        assertArrayEquals(expected, Rollout.of(List.of(a1, a2), 3), 1e-7f);
    }

    @Test
    void layersAreAveragedOverHeadsBeforeRollingOut() {
        // Heads [[1,0],[0,1]] and [[0,1],[1,0]] average to 0.5 everywhere; Â = [[.75,.25],[.25,.75]].
        float[] h0 = {1, 0, 0, 1};
        float[] h1 = {0, 1, 1, 0};
        AttentionResult r = Fixtures.result(Fixtures.tokens("a", "b"), new float[][][] {{h0, h1}});
        assertArrayEquals(new float[] {.75f, .25f, .25f, .75f}, Rollout.upTo(r, 0), 1e-7f);
    }

    @Test
    void everyLayerEqualsRollingOutUpToEachLayer() {
        float[] a = {.2f, .8f, .6f, .4f};
        float[] b = {.9f, .1f, .3f, .7f};
        AttentionResult r = Fixtures.result(Fixtures.tokens("a", "b"), new float[][][] {{a}, {b}, {a}});
        float[][] all = Rollout.everyLayer(r);
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(Rollout.upTo(r, l), all[l], 0f, "layer " + l);
        }
    }

    @Test
    void rowsOfTheRolloutSumToOne() {
        float[] a = {.2f, .5f, .3f, .1f, .1f, .8f, .4f, .4f, .2f};
        float[] b = {.6f, .2f, .2f, 0, 1, 0, .3f, .3f, .4f};
        Fixtures.assertRowsSumToOne(Rollout.of(List.of(a, b, a, b), 3), 3, 1e-6);
    }

    @Test
    void aLayerBeyondTheModelIsRejected() {
        float[] id = Fixtures.identity(2);
        AttentionResult r = Fixtures.result(Fixtures.tokens("a", "b"), new float[][][] {{id}});
        assertThrows(IndexOutOfBoundsException.class, () -> Rollout.upTo(r, 1));
    }
}
