package io.headlight.model;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static io.headlight.model.ModelFixtures.BGE_EN;
import static io.headlight.model.ModelFixtures.BGE_ZH;
import static io.headlight.model.ModelFixtures.E5;
import static io.headlight.model.ModelFixtures.MINILM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens checked against the WordPiece rules of the bundled tokenizers (BertNormalizer: uncased models lowercase
 * and strip accents, Han characters become words of their own; BertPreTokenizer splits whitespace and
 * punctuation; greedy longest match with '##' continuations), with ids looked up in the file's own vocabulary.
 */
class TextEncoderTest {
    private static final int MAX = 512;

    private static TextEncoder minilm;
    private static TextEncoder chinese;
    private static VocabularyFile minilmVocab;
    private static VocabularyFile chineseVocab;

    @BeforeAll
    static void open() throws HeadlightException {
        minilm = TextEncoder.open(ModelFixtures.tokenizer(MINILM), MAX);
        chinese = TextEncoder.open(ModelFixtures.tokenizer(BGE_ZH), MAX);
        minilmVocab = new VocabularyFile(ModelFixtures.tokenizer(MINILM));
        chineseVocab = new VocabularyFile(ModelFixtures.tokenizer(BGE_ZH));
    }

    @AfterAll
    static void close() {
        minilm.close();
        chinese.close();
    }

    @Test
    void englishSentenceIsLowercasedSplitAtPunctuationAndIntoWordPieces() throws HeadlightException {
        Encoding e = minilm.encode("The Tokenizer explains, heatmaps!", null);

        List<String> expected = List.of("[CLS]", "the", "token", "##izer", "explains", ",",
                "heat", "##ma", "##ps", "!", "[SEP]");
        assertEquals(expected, texts(e));
        assertArrayEquals(minilmVocab.ids(expected), e.inputIds());
    }

    @Test
    void chineseSentenceHasOneTokenPerHanCharacter() throws HeadlightException {
        String text = "我爱北京天安门";
        Encoding e = chinese.encode(text, null);

        List<String> expected = new ArrayList<>();
        expected.add("[CLS]");
        text.codePoints().forEach(c -> expected.add(new String(Character.toChars(c))));
        expected.add("[SEP]");
        assertEquals(expected, texts(e));
        assertArrayEquals(chineseVocab.ids(expected), e.inputIds());
        for (int i = 1; i <= text.length(); i++) {
            assertEquals(i - 1, e.tokens().get(i).start(), "start of token " + i);
            assertEquals(i, e.tokens().get(i).end(), "end of token " + i);
        }
    }

    @Test
    void hanCharactersInEnglishTextAreWordsOfTheirOwnOrUnknown() throws HeadlightException {
        Encoding e = minilm.encode("注意力attention", null);

        // The normalizer spaces Han characters out before WordPiece; MiniLM's vocabulary has only some of them.
        List<String> expected = new ArrayList<>();
        expected.add("[CLS]");
        for (String han : List.of("注", "意", "力")) {
            expected.add(minilmVocab.contains(han) ? han : "[UNK]");
        }
        expected.add("attention");
        expected.add("[SEP]");
        assertEquals(expected, texts(e));
    }

    @Test
    void pairIsClsASepBSepWithTypeIdsZeroThenOne() throws HeadlightException {
        Encoding e = minilm.encode("The cat sat.", "It was happy!");

        assertEquals(List.of("[CLS]", "the", "cat", "sat", ".", "[SEP]", "it", "was", "happy", "!", "[SEP]"),
                texts(e));
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, e.typeIds());
        boolean[] special = new boolean[e.length()];
        for (int i = 0; i < special.length; i++) {
            special[i] = e.tokens().get(i).special();
        }
        assertArrayEquals(new boolean[] {true, false, false, false, false, true, false, false, false, false, true},
                special);
        assertEquals(minilmVocab.id("[SEP]"), e.inputIds()[5]);
        assertEquals(minilmVocab.id("[SEP]"), e.inputIds()[10]);
    }

    @Test
    void secondSentenceOffsetsCountFromItsOwnStart() throws HeadlightException {
        Encoding e = minilm.encode("The cat sat.", "It was happy!");

        Token happy = e.tokens().get(8);
        assertEquals("happy", happy.text());
        assertEquals(7, happy.start());
        assertEquals(12, happy.end());
    }

    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE_EN, E5})
    void uncasedModelsStripAccents(String model) throws HeadlightException {
        try (TextEncoder encoder = TextEncoder.open(ModelFixtures.tokenizer(model), MAX)) {
            Encoding e = encoder.encode("Café naïve", null);

            assertEquals(List.of("[CLS]", "cafe", "naive", "[SEP]"), texts(e));
        }
    }

    @Test
    void emojiOutsideTheVocabularyBecomesUnknownSpanningBothSurrogates() throws HeadlightException {
        String text = "I love 😀 pizza";
        Encoding e = minilm.encode(text, null);

        assertEquals(List.of("[CLS]", "i", "love", "[UNK]", "pizza", "[SEP]"), texts(e));
        assertEquals(minilmVocab.id("[UNK]"), e.inputIds()[3]);
        Token unknown = e.tokens().get(3);
        assertEquals("😀", text.substring(unknown.start(), unknown.end()));
        Token pizza = e.tokens().get(4);
        assertEquals("pizza", text.substring(pizza.start(), pizza.end()));
    }

    @Test
    void offsetsMapEachTokenBackToItsSubstring() throws HeadlightException {
        String a = "Naïve Élodie's café, 2024: transformers (😀) rock 北京!";
        String b = "😀 Second sentence, with «quotes» and 天安门.";
        Encoding e = minilm.encode(a, b);

        int checked = 0;
        for (Token t : e.tokens()) {
            if (t.special()) {
                assertEquals(-1, t.start());
                assertEquals(-1, t.end());
                continue;
            }
            String source = t.segment() == 0 ? a : b;
            String original = source.substring(t.start(), t.end());
            if (t.text().equals("[UNK]")) {
                assertFalse(original.isBlank(), "unknown token covers some text");
            } else {
                assertEquals(t.text().replaceFirst("^##", ""), uncased(original), "token " + t);
            }
            checked++;
        }
        assertTrue(checked > 20, "checked " + checked + " tokens");
    }

    @Test
    void specialTokensHaveNoOffsetsAndOthersDo() throws HeadlightException {
        Encoding e = minilm.encode("Hello world", null);

        assertTrue(e.tokens().get(0).special());
        assertTrue(e.tokens().get(e.length() - 1).special());
        for (Token t : e.tokens().subList(1, e.length() - 1)) {
            assertFalse(t.special());
            assertTrue(t.start() >= 0 && t.end() > t.start(), "offsets of " + t);
        }
    }

    @Test
    void textOfExactlyTheLimitIsNotTruncated() throws HeadlightException {
        Encoding e = minilm.encode("word ".repeat(MAX - 2), null);

        assertEquals(MAX, e.length());
        assertFalse(e.truncated());
    }

    @Test
    void textOneTokenOverTheLimitIsTruncatedToExactlyTheLimit() throws HeadlightException {
        Encoding e = minilm.encode("word ".repeat(MAX - 1), null);

        assertEquals(MAX, e.length());
        assertTrue(e.truncated());
        assertEquals("[SEP]", e.tokens().get(MAX - 1).text());
        assertEquals("word", e.tokens().get(MAX - 2).text());
    }

    @Test
    void limitIsTheModelsNotTheTokenizerJsonsOwn128() throws HeadlightException {
        Encoding e = minilm.encode("word ".repeat(200), null);

        assertEquals(202, e.length());
        assertFalse(e.truncated());
    }

    @Test
    void shortTextIsNotPaddedToTheTokenizerJsonsFixed128() throws HeadlightException {
        Encoding e = minilm.encode("Hi", null);

        assertEquals(List.of("[CLS]", "hi", "[SEP]"), texts(e));
        assertArrayEquals(new long[] {1, 1, 1}, e.attentionMask());
    }

    @Test
    void pairKeepsTheShortSentenceAndCutsTheLongOne() throws HeadlightException {
        Encoding e = minilm.encode("alpha ".repeat(600), "beta ".repeat(20));

        assertEquals(MAX, e.length());
        assertTrue(e.truncated());
        assertEquals(MAX - 3 - 20, count(e, "alpha"));
        assertEquals(20, count(e, "beta"));
        assertEquals("[SEP]", e.tokens().get(MAX - 1).text());
    }

    @Test
    void pairOfTwoLongSentencesIsCutLongestFirstToAboutHalfEach() throws HeadlightException {
        Encoding e = minilm.encode("alpha ".repeat(700), "beta ".repeat(400));

        assertEquals(MAX, e.length());
        assertTrue(e.truncated());
        int alpha = count(e, "alpha");
        int beta = count(e, "beta");
        assertEquals(MAX - 3, alpha + beta);
        assertTrue(Math.abs(alpha - beta) <= 1, "alpha " + alpha + ", beta " + beta);
    }

    @Test
    void pairWhereOnlyTheFirstIsLongStillFlagsTruncation() throws HeadlightException {
        Encoding e = minilm.encode("beta ".repeat(20), "alpha ".repeat(600));

        assertTrue(e.truncated());
        assertEquals(20, count(e, "beta"));
        assertEquals(MAX - 3 - 20, count(e, "alpha"));
    }

    @Test
    void hugeTextIsTruncatedNotRejected() throws HeadlightException {
        String huge = randomWords(100_000);

        Encoding e = minilm.encode(huge, null);

        assertEquals(MAX, e.length());
        assertTrue(e.truncated());
        Token last = e.tokens().get(MAX - 2);
        assertTrue(last.end() < 10_000, "kept only the start of the text, up to char " + last.end());
    }

    @Test
    void idsTypeIdsAndMaskLineUpWithTokens() throws HeadlightException {
        Encoding e = minilm.encode("One two", "three");

        assertEquals(e.length(), e.inputIds().length);
        assertEquals(e.length(), e.typeIds().length);
        assertEquals(e.length(), e.attentionMask().length);
        for (int i = 0; i < e.length(); i++) {
            assertEquals(e.tokens().get(i).id(), e.inputIds()[i]);
            assertEquals(e.tokens().get(i).segment(), e.typeIds()[i]);
        }
    }

    @Test
    void blankSecondSentenceMeansASingleText() throws HeadlightException {
        assertEquals(minilm.encode("Hello there", null), minilm.encode("Hello there", "  "));
    }

    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE_ZH})
    void vocabSizeIsTheLargestIdPlusOne(String model) throws HeadlightException {
        try (TextEncoder encoder = TextEncoder.open(ModelFixtures.tokenizer(model), MAX)) {
            VocabularyFile vocab = new VocabularyFile(ModelFixtures.tokenizer(model));

            assertEquals(vocab.largestId() + 1, encoder.vocabSize());
        }
    }

    @Test
    void maxLengthIsTheOneGiven() throws HeadlightException {
        try (TextEncoder encoder = TextEncoder.open(ModelFixtures.tokenizer(MINILM), 64)) {
            assertEquals(64, encoder.maxLength());
            assertEquals(64, encoder.encode("word ".repeat(100), null).length());
        }
    }

    @Test
    void closeIsIdempotentAndLaterUseFails() throws HeadlightException {
        TextEncoder encoder = TextEncoder.open(ModelFixtures.tokenizer(MINILM), MAX);
        encoder.close();
        encoder.close();

        assertThrows(IllegalStateException.class, () -> encoder.encode("Hello", null));
        assertThrows(IllegalStateException.class, encoder::vocabSize);
    }

    private static List<String> texts(Encoding e) {
        return e.tokens().stream().map(Token::text).toList();
    }

    private static int count(Encoding e, String text) {
        return (int) e.tokens().stream().filter(t -> t.text().equals(text)).count();
    }

    /** What the uncased BertNormalizer does to a span: lowercase, then drop combining marks after NFD. */
    private static String uncased(String s) {
        return Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{Mn}", "");
    }

    private static String randomWords(int chars) {
        String[] words = {"the", "attention", "of", "every", "head", "model", "token", "layer", "sentence"};
        Random random = new Random(7);
        StringBuilder sb = new StringBuilder(chars + 16);
        while (sb.length() < chars) {
            sb.append(words[random.nextInt(words.length)]).append(random.nextInt(5) == 0 ? ". " : " ");
        }
        return sb.substring(0, chars);
    }
}
