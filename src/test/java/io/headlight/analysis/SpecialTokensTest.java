package io.headlight.analysis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class SpecialTokensTest {
    @Test
    void hidingSpecialTokensRenormalisesRows() {
        // [CLS] a b [SEP]; row "a" gives .5 to [CLS], .2 to a, .2 to b, .1 to [SEP] -> a: .5, b: .5
        float[] m = {
            .7f, .1f, .1f, .1f,
            .5f, .2f, .2f, .1f,
            .4f, .3f, .1f, .2f,
            .25f, .25f, .25f, .25f};
        boolean[] keep = SpecialTokens.keepNonSpecial(Fixtures.tokens("[CLS]", "a", "b", "[SEP]"));
        float[] hidden = SpecialTokens.hide(m, 4, keep);
        assertArrayEquals(new float[] {.5f, .5f, .75f, .25f}, hidden, 1e-6f);
    }

    @Test
    void aRowThatOnlyAttendedToHiddenTokensBecomesUniform() {
        float[] m = {
            1, 0, 0,
            1, 0, 0,
            .5f, .25f, .25f};
        float[] hidden = SpecialTokens.hide(m, 3, new boolean[] {false, true, true});
        assertArrayEquals(new float[] {.5f, .5f, .5f, .5f}, hidden, 1e-7f);
    }
}
