package io.headlight.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attention is a probability distribution over keys: each row of each head must sum to one. */
class AttentionRowsTest {
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "all-MiniLM-L6-v2  | The quick brown fox jumps over the lazy dog because it was bored.",
            "bge-small-zh-v1.5 | 今天天气很好，我们一起去公园散步吧。",
            "bge-small-en-v1.5 | Attention maps show which words each head looks at.",
            "e5-small-v2       | query: how do transformers read a sentence?"})
    void everyRowOfEveryHeadSumsToOne(String id, String text) throws HeadlightException {
        AttentionResult result = SharedModels.get(id).explain(text, null);
        assertRowsSumToOne(result);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "all-MiniLM-L6-v2  | A man is playing a guitar. | Someone plays music.",
            "bge-small-zh-v1.5 | 我喜欢猫。 | 猫很可爱。"})
    void rowsSumToOneForASentencePair(String id, String a, String b) throws HeadlightException {
        AttentionResult result = SharedModels.get(id).explain(a, b);
        assertTrue(result.isPair(), "the second sentence is segment 1");
        assertRowsSumToOne(result);
    }

    @org.junit.jupiter.api.Test
    void aHugeTextIsCutToTheModelsLimit() throws HeadlightException {
        String huge = "All work and no play makes Jack a dull boy. ".repeat(2300);
        assertTrue(huge.length() > 100_000);
        AttentionResult result = SharedModels.get("all-MiniLM-L6-v2").explain(huge, null);
        assertEquals(512, result.length());
        assertTrue(result.truncated());
        assertRowsSumToOne(result);
    }

    static void assertRowsSumToOne(AttentionResult result) {
        int t = result.length();
        assertTrue(t > 3, "the text was tokenized");
        for (int l = 0; l < result.layers(); l++) {
            for (int h = 0; h < result.heads(); h++) {
                for (int q = 0; q < t; q++) {
                    double sum = 0;
                    for (int k = 0; k < t; k++) {
                        float p = result.attention(l, h, q, k);
                        assertTrue(p >= 0f && p <= 1f, "a probability");
                        sum += p;
                    }
                    assertEquals(1.0, sum, TOLERANCE,
                            "layer " + l + ", head " + h + ", query " + q + " of " + result.modelId());
                }
            }
        }
    }
}
