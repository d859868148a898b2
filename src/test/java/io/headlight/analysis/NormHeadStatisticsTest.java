package io.headlight.analysis;

import io.headlight.model.AttentionResult;
import io.headlight.model.Norms;
import io.headlight.model.SharedModels;
import io.headlight.model.Token;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Norm-based head statistics: shares of ‖α f(x)‖ to [CLS], [SEP], punctuation and self, beside the weights'. */
class NormHeadStatisticsTest {
    private static final List<Token> FIVE = Fixtures.tokens("[CLS]", "hello", ",", "world", "[SEP]");

    /*
     * Uniform weights .2 and ‖f(x_j)‖ = 1 for every key but [SEP], which carries nothing: each row's norms are
     * .2,.2,.2,.2,0, so its shares are .25 to [CLS], .25 to ",", 0 to [SEP]; self is .25 on rows 0..3 and 0 on
     * row 4, a mean of .2. The weights still say .2 to [SEP].
     */
    @Test
    void aKeyThatCarriesNothingGetsNoNormShareWhateverItsWeight() {
        float[] uniform = new float[25];
        java.util.Arrays.fill(uniform, .2f);
        float[] gram = {1, 1, 1, 1, 0};
        AttentionResult r = Fixtures.result(FIVE, new float[][][] {{uniform}}).withValueGram(FloatBuffer.wrap(gram));
        HeadStats stats = HeadStatistics.of(r);
        assertEquals(.2f, stats.value(HeadStat.SEP, 0, 0), 1e-7f);
        assertEquals(0f, stats.value(HeadStat.NORM_SEP, 0, 0), 0f);
        assertEquals(.25f, stats.value(HeadStat.NORM_CLS, 0, 0), 1e-7f);
        assertEquals(.25f, stats.value(HeadStat.NORM_PUNCT, 0, 0), 1e-7f);
        assertEquals(.2f, stats.value(HeadStat.NORM_SELF, 0, 0), 1e-7f);
    }

    /* Norms 3 and 1 on keys weighted .5/.5: the shares are 3/4 and 1/4, not the weights' halves. */
    @Test
    void sharesAreEachRowsNormsOverTheirSum() {
        float[] norms = {1.5f, .5f, 1.5f, .5f};
        double[] s = HeadStatistics.ofNormMatrix(norms, 2, Fixtures.tokens("[CLS]", "a"));
        assertEquals(.75, s[HeadStat.NORM_CLS.ordinal()], 1e-7);
        assertEquals((.75 + .25) / 2, s[HeadStat.NORM_SELF.ordinal()], 1e-7);
        assertTrue(Double.isNaN(s[HeadStat.SEP.ordinal()]), "weight-based entries are not computed from norms");
    }

    @Test
    void withoutValueVectorsTheNormStatisticsAreNaN() {
        float[] uniform = new float[25];
        java.util.Arrays.fill(uniform, .2f);
        HeadStats stats = HeadStatistics.of(Fixtures.result(FIVE, new float[][][] {{uniform}}));
        assertTrue(Float.isNaN(stats.value(HeadStat.NORM_SEP, 0, 0)));
        assertEquals(.2f, stats.value(HeadStat.SEP, 0, 0), 1e-7f);
    }

    /*
     * Kobayashi et al. (2020, section 4.2): the weight BERT puts on [SEP] moves little, because ‖f([SEP])‖ is
     * small. MiniLM puts little weight on [SEP] (under .1 in every head on this text) but a lot on [CLS] (over .2
     * in 59 of 72 heads), and there the contrast holds: every such head's norm share to [CLS] is under half its
     * weight (the largest seen is .36 of .81). In the last layer the norm share to [SEP] is below its weight too.
     */
    @Test
    void onMiniLmHeavyClsWeightCarriesLittleNorm() throws Exception {
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain(
                "The cat sat on the mat, and then it slept. Later the dog came in and barked loudly.", null,
                Norms.COMPUTE);
        HeadStats stats = HeadStatistics.of(r);
        int last = r.layers() - 1;
        int lower = 0;
        int higherElsewhere = 0;
        int heavyCls = 0;
        for (int l = 0; l < r.layers(); l++) {
            for (int h = 0; h < r.heads(); h++) {
                float weight = stats.value(HeadStat.SEP, l, h);
                float norm = stats.value(HeadStat.NORM_SEP, l, h);
                System.out.printf(Locale.ROOT, "L%d H%d cls %.3f/%.3f sep %.3f/%.3f punct %.3f/%.3f self %.3f/%.3f%n",
                        l, h, stats.value(HeadStat.CLS, l, h), stats.value(HeadStat.NORM_CLS, l, h), weight, norm,
                        stats.value(HeadStat.PUNCT, l, h), stats.value(HeadStat.NORM_PUNCT, l, h),
                        stats.value(HeadStat.SELF, l, h), stats.value(HeadStat.NORM_SELF, l, h));
                for (HeadStat stat : List.of(HeadStat.NORM_CLS, HeadStat.NORM_SEP, HeadStat.NORM_PUNCT,
                        HeadStat.NORM_SELF)) {
                    float v = stats.value(stat, l, h);
                    assertTrue(v >= 0 && v <= 1, stat + " of L" + l + " H" + h + " is " + v);
                }
                float clsWeight = stats.value(HeadStat.CLS, l, h);
                if (clsWeight >= .2f) {
                    heavyCls++;
                    float clsNorm = stats.value(HeadStat.NORM_CLS, l, h);
                    assertTrue(clsNorm < clsWeight / 2, "L" + l + " H" + h + ": weight " + clsWeight
                            + " to [CLS] but norm share " + clsNorm);
                }
                if (l == last && norm < weight) {
                    lower++;
                }
                if (l != last && norm > weight) {
                    higherElsewhere++;
                }
            }
        }
        assertTrue(heavyCls >= r.layers() * r.heads() / 2, heavyCls + " heads put weight >= .2 on [CLS]");
        assertTrue(lower >= r.heads() - 1, lower + " of " + r.heads() + " last-layer heads have less norm share");
        assertTrue(higherElsewhere > 0, "norm shares to [SEP] are below the weights everywhere");
    }
}
