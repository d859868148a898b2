package io.headlight.analysis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class HeadMeanTest {
    @Test
    void meanOfTwoHeadsIsTheirElementwiseAverage() {
        float[] h0 = {1, 0, .5f, .5f};
        float[] h1 = {0, 1, .1f, .9f};
        float[] other = {.3f, .7f, .3f, .7f};
        var r = Fixtures.result(Fixtures.tokens("a", "b"), new float[][][] {{other, other}, {h0, h1}});
        assertArrayEquals(new float[] {.5f, .5f, .3f, .7f}, HeadMean.of(r, 1), 1e-7f);
    }
}
