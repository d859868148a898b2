package io.headlight.model;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Byte-level BPE (RoBERTa) and Unigram (ALBERT) tokenizers written in the test: readable labels, the
 * tokenizer's own words and pair template, sentences told apart; and WordPiece as it always was.
 */
class TokenizerFamiliesTest {
    private static final String TEXT = "hello world, the unaffable café";

    @TempDir
    static Path dir;
    private static Path bpeFile;
    private static TextEncoder bpe;
    private static TextEncoder unigram;

    @BeforeAll
    static void open() throws IOException, HeadlightException {
        bpeFile = TokenizerFiles.byteLevelBpe(dir);
        bpe = TextEncoder.open(bpeFile, 512);
        unigram = TextEncoder.open(TokenizerFiles.unigram(dir), 512);
    }

    @AfterAll
    static void close() {
        bpe.close();
        unigram.close();
    }

    @Test
    void byteLevelPiecesKeepTheirSpaceMarkerAndLabelsDropIt() throws HeadlightException {
        Encoding e = bpe.encode(TEXT, null);

        assertEquals(List.of("<s>", "hello", "Ġworld", ",", "Ġthe", "Ġun", "aff", "able", "Ġcaf", "Ã", "©", "</s>"),
                pieces(e));
        assertEquals(List.of("<s>", "hello", "world", ",", "the", "un", "aff", "able", "caf", "é", "é", "</s>"),
                labels(e));
    }

    @Test
    void byteLevelLabelsAreTheTextEachPieceCovers() throws HeadlightException {
        String a = "the cat, unaffable café!";
        String b = "hello  world";
        Encoding e = bpe.encode(a, b);

        int checked = 0;
        for (Token t : e.tokens()) {
            if (!t.special()) {
                String covered = (t.segment() == 0 ? a : b).substring(t.start(), t.end()).strip();
                assertEquals(covered.isEmpty() ? Token.SPACE : covered, t.text(), "label of " + t);
                assertFalse(t.text().contains("Ġ"), t.toString());
                checked++;
            }
        }
        assertTrue(checked > 12, "checked " + checked);
    }

    @Test
    void byteLevelPairFollowsThePostProcessorsTemplate() throws IOException, HeadlightException {
        JsonObject post = JsonParser.parseString(Files.readString(bpeFile)).getAsJsonObject()
                .getAsJsonObject("post_processor");
        String cls = post.getAsJsonArray("cls").get(0).getAsString();
        String sep = post.getAsJsonArray("sep").get(0).getAsString();
        List<String> a = inner(bpe.encode("hello world", null));
        List<String> b = inner(bpe.encode("the cat", null));

        Encoding pair = bpe.encode("hello world", "the cat");

        List<String> expected = new ArrayList<>();
        expected.add(cls);
        expected.addAll(a);
        expected.add(sep);
        expected.add(sep);
        expected.addAll(b);
        expected.add(sep);
        assertEquals(expected, pieces(pair));
        for (Token t : pair.tokens()) {
            assertEquals(0, t.typeId(), "RoBERTa's template gives type id 0 throughout: " + t);
        }
        // The sentences are told apart by sequence: <s>, A and the two separators, then B and the last </s>.
        int firstOfB = 1 + a.size() + 2;
        for (int i = 0; i < pair.length(); i++) {
            assertEquals(i < firstOfB ? 0 : 1, pair.tokens().get(i).segment(), "segment of token " + i);
        }
    }

    @Test
    void unigramLabelsDropTheMetaspaceMarkerAndLowercaseAsTheNormalizerDoes() throws HeadlightException {
        Encoding e = unigram.encode("Hello world, the unaffable", null);

        assertEquals(List.of("[CLS]", "▁hello", "▁world", ",", "▁the", "▁un", "aff", "able", "[SEP]"), pieces(e));
        assertEquals(List.of("[CLS]", "hello", "world", ",", "the", "un", "aff", "able", "[SEP]"), labels(e));
        for (Token t : e.tokens().subList(1, e.length() - 1)) {
            String covered = "Hello world, the unaffable".substring(t.start(), t.end()).strip();
            assertEquals(covered.toLowerCase(Locale.ROOT), t.text(), "label of " + t);
        }
    }

    @Test
    void aLoneMetaspacePieceIsLabelledAsASpace() throws HeadlightException {
        Encoding e = unigram.encode("我 喜欢", null);

        assertEquals(List.of("[CLS]", "▁", "我", "▁", "喜", "欢", "[SEP]"), pieces(e));
        assertEquals(List.of("[CLS]", Token.SPACE, "我", Token.SPACE, "喜", "欢", "[SEP]"), labels(e));
    }

    @Test
    void unigramPairTakesItsTemplatesTypeIdsAsSegments() throws HeadlightException {
        Encoding e = unigram.encode("the cat", "hello");

        assertEquals(List.of("[CLS]", "▁the", "▁cat", "[SEP]", "▁hello", "[SEP]"), pieces(e));
        long[] types = e.typeIds();
        assertEquals(List.of(0L, 0L, 0L, 0L, 1L, 1L), java.util.Arrays.stream(types).boxed().toList());
        for (int i = 0; i < e.length(); i++) {
            assertEquals(types[i], e.tokens().get(i).segment(), "segment of token " + i);
        }
    }

    @Test
    void wordIdsAreTheTokenizersOwnAndRestartInTheSecondSentence() throws HeadlightException {
        Encoding e = bpe.encode("hello unaffable", "hello world");

        List<Integer> words = e.tokens().stream().map(Token::word).toList();
        // <s> hello Ġun aff able </s> </s> hello Ġworld </s>
        assertEquals(List.of(-1, 0, 1, 1, 1, -1, -1, 0, 1, -1), words);
    }

    @Test
    void specialTokensWrittenInTheTextAreSpecialButUnknownTextIsNot() throws HeadlightException {
        Encoding e = bpe.encode("hello <pad> world", null);
        Token pad = e.tokens().stream().filter(t -> t.piece().equals("<pad>")).findFirst().orElseThrow();
        assertTrue(pad.special(), pad.toString());

        Encoding unknown = unigram.encode("hello жук", null);
        List<Token> unk = unknown.tokens().stream().filter(t -> t.id() == 1).toList();
        assertFalse(unk.isEmpty(), "ж is not in the vocabulary: " + unknown.tokens());
        for (Token t : unk) {
            assertFalse(t.special(), t.toString());
            assertEquals("hello жук".substring(t.start(), t.end()), t.text());
        }
    }

    @Test
    void wordPieceLabelsAreItsPiecesAsSpelled() throws HeadlightException {
        try (TextEncoder minilm = TextEncoder.open(ModelFixtures.tokenizer(ModelFixtures.MINILM), 512)) {
            Encoding e = minilm.encode("The unaffable Tokenizer [SEP] explains 😀", "It was happy!");

            for (Token t : e.tokens()) {
                assertEquals(t.piece(), t.text(), t.toString());
            }
            Token typedSep = e.tokens().get(7);
            assertEquals("[SEP]", typedSep.piece());
            assertTrue(typedSep.special(), "a [SEP] written in the text is the special token: " + typedSep);
            List<Integer> words = e.tokens().subList(1, 7).stream().map(Token::word).toList();
            // the una ##ffa ##ble token ##izer
            assertEquals(List.of(0, 1, 1, 1, 2, 2), words);
        }
    }

    private static List<String> pieces(Encoding e) {
        return e.tokens().stream().map(Token::piece).toList();
    }

    private static List<String> labels(Encoding e) {
        return e.tokens().stream().map(Token::text).toList();
    }

    /** The pieces of a single text without its template tokens. */
    private static List<String> inner(Encoding e) {
        return e.tokens().stream().filter(t -> !t.special()).map(Token::piece).toList();
    }
}
