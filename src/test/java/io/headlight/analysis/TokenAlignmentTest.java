package io.headlight.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenAlignmentTest {
    private static List<String> tokens(String s) {
        return List.of(s.split(" "));
    }

    /** Each pair as "first/second" token, for readable expectations. */
    private static List<String> pairs(TokenAlignment a, List<String> first, List<String> second) {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < a.pairs(); p++) {
            out.add(a.first(p) + ":" + first.get(a.first(p)) + "/" + a.second(p) + ":" + second.get(a.second(p)));
        }
        return out;
    }

    @Test
    void aLongerSentenceLeavesItsExtraTokensUnpaired() {
        List<String> a = tokens("[CLS] the cat sat . [SEP]");
        List<String> b = tokens("[CLS] the cat sat on the mat . [SEP]");
        TokenAlignment al = TokenAlignment.of(a, b);
        assertEquals(List.of("0:[CLS]/0:[CLS]", "1:the/1:the", "2:cat/2:cat", "3:sat/3:sat", "4:./7:.",
                "5:[SEP]/8:[SEP]"), pairs(al, a, b));
        assertEquals(-1, al.inFirst(4));
        assertEquals(-1, al.inFirst(6));
        assertEquals(7, al.inSecond(4));
    }

    @Test
    void equalLengthGapsBetweenMatchesArePairedAsSubstitutions() {
        List<String> a = tokens("[CLS] the cat sat on the mat [SEP]");
        List<String> b = tokens("[CLS] the dog sat on a big rug [SEP]");
        TokenAlignment al = TokenAlignment.of(a, b);
        // "cat"/"dog" is a one-for-one gap; "the mat" against "a big rug" is not, so it stays unpaired.
        assertEquals(List.of("0:[CLS]/0:[CLS]", "1:the/1:the", "2:cat/2:dog", "3:sat/3:sat", "4:on/4:on",
                "7:[SEP]/8:[SEP]"), pairs(al, a, b));
        assertEquals(-1, al.inSecond(5));
        assertEquals(-1, al.inSecond(6));
    }

    @Test
    void identicalSentencesPairEveryToken() {
        List<String> a = tokens("a b a b");
        TokenAlignment al = TokenAlignment.of(a, a);
        assertEquals(4, al.pairs());
        for (int i = 0; i < 4; i++) {
            assertEquals(i, al.inSecond(i));
        }
    }

    @Test
    void differenceIsFirstMinusSecondOverThePairedTokens() {
        List<String> a = tokens("x y");
        List<String> b = tokens("x z y");
        float[] first = {.6f, .4f, .3f, .7f};
        float[] second = {.5f, .2f, .3f, .1f, .8f, .1f, .2f, .2f, .6f};
        TokenAlignment al = TokenAlignment.of(a, b);
        // pairs: x/x (0,0) and y/y (1,2)
        assertArrayEquals(new float[] {.6f - .5f, .4f - .3f, .3f - .2f, .7f - .6f}, al.difference(first, second),
                1e-6f);
    }
}
