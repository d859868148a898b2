package io.headlight.analysis;

import io.headlight.model.AttentionResult;
import io.headlight.model.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadStatisticsTest {
    private static final List<Token> FIVE = Fixtures.tokens("[CLS]", "hello", ",", "world", "[SEP]");

    @Test
    void entropyOfUniformRowsIsLnT() {
        float[] uniform = new float[25];
        java.util.Arrays.fill(uniform, .2f);
        double[] s = HeadStatistics.ofMatrix(uniform, 5, FIVE);
        assertEquals(Math.log(5), s[HeadStat.ENTROPY.ordinal()], 1e-6);
    }

    /*
     * One-hot rows: p = .9999 on one key and .0001/3 on the two others, so per row
     * H = -(p1·ln p1 + 2·p0·ln p0) with p0 = .0001/3, p1 = .9999 + p0.
     */
    @Test
    void entropyOfOneHotRowsIsTheSmoothedValue() {
        double small = 0.0001 / 3;
        double big = 0.9999 + small;
        double expected = -(big * Math.log(big) + 2 * small * Math.log(small));
        double[] s = HeadStatistics.ofMatrix(Fixtures.identity(3), 3, Fixtures.tokens("a", "b", "c"));
        assertEquals(expected, s[HeadStat.ENTROPY.ordinal()], 1e-9);
    }

    @Test
    void previousTokenPatternIsExact() {
        // Row 0 has no previous token; it attends to itself and is left out of the mean.
        int t = 5;
        float[] m = new float[t * t];
        m[0] = 1;
        for (int i = 1; i < t; i++) {
            m[i * t + i - 1] = 1;
        }
        AttentionResult r = Fixtures.result(FIVE, new float[][][] {{m}});
        HeadStats stats = HeadStatistics.of(r);
        assertEquals(1f, stats.value(HeadStat.PREV, 0, 0), 0f);
        assertEquals(0f, stats.value(HeadStat.NEXT, 0, 0), 0f);
        assertEquals(.2f, stats.value(HeadStat.SELF, 0, 0), 1e-7f);
        assertEquals(List.of("previous token"), stats.labels(0, 0));
    }

    @Test
    void nextTokenPatternIsExactAndLastRowIsLeftOut() {
        int t = 5;
        float[] m = new float[t * t];
        for (int i = 0; i < t - 1; i++) {
            m[i * t + i + 1] = 1;
        }
        m[t * t - 1] = 1;
        double[] s = HeadStatistics.ofMatrix(m, t, FIVE);
        assertEquals(1.0, s[HeadStat.NEXT.ordinal()], 0);
        assertEquals(0.0, s[HeadStat.PREV.ordinal()], 0);
    }

    @Test
    void attentionToClsSepAndPunctuationIsAveragedOverQueries() {
        // Every row: .5 to [CLS], .3 to ",", .2 to [SEP] -> cls .5, punct .3, sep .2
        float[] m = new float[25];
        for (int i = 0; i < 5; i++) {
            m[i * 5] = .5f;
            m[i * 5 + 2] = .3f;
            m[i * 5 + 4] = .2f;
        }
        double[] s = HeadStatistics.ofMatrix(m, 5, FIVE);
        assertEquals(.5, s[HeadStat.CLS.ordinal()], 1e-7);
        assertEquals(.3, s[HeadStat.PUNCT.ordinal()], 1e-7);
        assertEquals(.2, s[HeadStat.SEP.ordinal()], 1e-7);
    }

    @Test
    void headsAttendingToSepMostlyAreLabelledSep() {
        float[] m = new float[25];
        for (int i = 0; i < 5; i++) {
            m[i * 5 + 4] = .7f;
            m[i * 5 + i] += .3f;
        }
        HeadStats stats = HeadStatistics.of(Fixtures.result(FIVE, new float[][][] {{m}}));
        assertEquals(List.of("[SEP]"), stats.labels(0, 0));
    }

    @Test
    void corpusMeanWeighsEachTextEqually() {
        float[] prev = new float[4];
        prev[0] = 1;
        prev[2] = 1;
        float[] self = Fixtures.identity(2);
        HeadStats a = HeadStatistics.of(Fixtures.result(Fixtures.tokens("a", "b"), new float[][][] {{prev}}));
        HeadStats b = HeadStatistics.of(Fixtures.result(Fixtures.tokens("a", "b"), new float[][][] {{self}}));
        HeadStats mean = HeadStatistics.mean(List.of(a, b));
        assertEquals(.5f, mean.value(HeadStat.PREV, 0, 0), 1e-7f);
        assertEquals(.75f, mean.value(HeadStat.SELF, 0, 0), 1e-7f);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ",|true", ".|true", "...|true", "##.|true", "，|true", "。|true", "(|true", "\"|true",
        "$|false", "+|false", "a,|false", "hello|false", "##s|false", "|false"})
    void punctuationIsTextMadeOnlyOfUnicodePunctuation(String text, boolean punctuation) {
        assertEquals(punctuation, Punctuation.isText(text == null ? "" : text));
    }

    @Test
    void specialTokensAreNeverPunctuation() {
        assertTrue(!Punctuation.is(new Token(".", 0, 0, true, -1, -1)));
    }
}
