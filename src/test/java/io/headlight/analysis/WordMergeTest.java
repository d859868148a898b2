package io.headlight.analysis;

import io.headlight.model.AttentionResult;
import io.headlight.model.Encoding;
import io.headlight.model.HeadlightException;
import io.headlight.model.SharedModels;
import io.headlight.model.TextEncoder;
import io.headlight.model.Token;
import io.headlight.model.TokenizerFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordMergeTest {
    @Test
    void mergingSumsOverKeyPiecesAndAveragesOverQueryPieces() {
        // Words {0} and {1,2}. Row 0: [.2, .3+.5]; word 1 row: mean of rows 1 and 2 = [(.1+.4)/2, (.9+.6)/2].
        float[] m = {.2f, .3f, .5f, .1f, .6f, .3f, .4f, .4f, .2f};
        WordGrouping words = new WordGrouping(3, List.of(new int[] {0}, new int[] {1, 2}), List.of("a", "bc"));
        assertArrayEquals(new float[] {.2f, .8f, .25f, .75f}, words.merge(m), 1e-6f);
    }

    @Test
    void wordMergingKeepsRowsSummingToOne() throws HeadlightException {
        String text = "the unaffable tokenization";
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain(text, null);
        assertTrue(r.tokens().stream().anyMatch(t -> t.text().startsWith("##")), "no ## piece in " + r.tokens());
        WordGrouping words = WordMerge.words(r.tokens(), text, null);
        assertEquals(List.of("[CLS]", "the", "unaffable", "tokenization", "[SEP]"), words.labels());
        for (int l = 0; l < r.layers(); l++) {
            for (int h = 0; h < r.heads(); h++) {
                Fixtures.assertRowsSumToOne(words.merge(r.headMatrix(l, h)), words.size(), 1e-5);
            }
        }
    }

    @Test
    void spaceMarkedChineseWordsMergeAndRowsSumToOne() throws HeadlightException {
        String text = "我 喜欢 北京 天安门";
        AttentionResult r = SharedModels.get("bge-small-zh-v1.5").explain(text, null);
        WordGrouping words = WordMerge.words(r.tokens(), text, null);
        assertEquals(List.of("[CLS]", "我", "喜欢", "北京", "天安门", "[SEP]"), words.labels());
        for (int l = 0; l < r.layers(); l++) {
            for (int h = 0; h < r.heads(); h++) {
                Fixtures.assertRowsSumToOne(words.merge(r.headMatrix(l, h)), words.size(), 1e-5);
            }
        }
    }

    @Test
    void unspacedChineseKeepsEachCharacterAWord() throws HeadlightException {
        String text = "我喜欢北京";
        AttentionResult r = SharedModels.get("bge-small-zh-v1.5").explain(text, null);
        WordGrouping words = WordMerge.words(r.tokens(), text, null);
        assertEquals(r.length(), words.size());
    }

    @Test
    void punctuationStaysApartFromTheWordItFollows() throws HeadlightException {
        String text = "hello, world";
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain(text, null);
        assertEquals(List.of("[CLS]", "hello", ",", "world", "[SEP]"),
                WordMerge.words(r.tokens(), text, null).labels());
    }

    @Test
    void pairSegmentsAreMergedAgainstTheirOwnText() throws HeadlightException {
        String a = "北京 大学";
        String b = "天安 门";
        AttentionResult r = SharedModels.get("bge-small-zh-v1.5").explain(a, b);
        assertEquals(List.of("[CLS]", "北京", "大学", "[SEP]", "天安", "门", "[SEP]"),
                WordMerge.words(r.tokens(), a, b).labels());
    }

    @Test
    void byteLevelWordsAreTheTokenizersWordsAndACharacterSplitIntoBytesIsOneLetter(@TempDir Path dir)
            throws IOException, HeadlightException {
        String a = "hello world, the unaffable café";
        String b = "hello unaffable";
        try (TextEncoder bpe = TextEncoder.open(TokenizerFiles.byteLevelBpe(dir), 512)) {
            Encoding e = bpe.encode(a, b);
            WordGrouping words = WordMerge.words(e.tokens(), a, b);

            assertEquals(List.of("<s>", "hello", "world", ",", "the", "unaffable", "café", "</s>", "</s>",
                    "hello", "unaffable", "</s>"), words.labels());
            assertGroupsAreWordIds(e.tokens(), words);
        }
    }

    @Test
    void sentencePieceWordsAreTheTokenizersWordsPunctuationIncluded(@TempDir Path dir)
            throws IOException, HeadlightException {
        String text = "Hello world, the unaffable";
        try (TextEncoder unigram = TextEncoder.open(TokenizerFiles.unigram(dir), 512)) {
            Encoding e = unigram.encode(text, null);
            WordGrouping words = WordMerge.words(e.tokens(), text, null);

            assertEquals(List.of("[CLS]", "hello", "world,", "the", "unaffable", "[SEP]"), words.labels());
            assertGroupsAreWordIds(e.tokens(), words);
        }
    }

    @Test
    void sentencePieceChineseKeepsTheSpacedWordsAndSplitsUnspacedText(@TempDir Path dir)
            throws IOException, HeadlightException {
        try (TextEncoder unigram = TextEncoder.open(TokenizerFiles.unigram(dir), 512)) {
            String spaced = "我 喜欢 北京";
            assertEquals(List.of("[CLS]", "我", "喜欢", "北京", "[SEP]"),
                    WordMerge.words(unigram.encode(spaced, null).tokens(), spaced, null).labels());
            // One SentencePiece "word" for the whole sentence; its Han pieces stay apart as BERT's characters do.
            String unspaced = "我喜欢北京";
            assertEquals(List.of("[CLS]", "我", "喜", "欢", "北京", "[SEP]"),
                    WordMerge.words(unigram.encode(unspaced, null).tokens(), unspaced, null).labels());
        }
    }

    /** Tokens of one word share the tokenizer's word id; neighbouring words of a sentence do not. */
    private static void assertGroupsAreWordIds(List<Token> tokens, WordGrouping words) {
        for (int w = 0; w < words.size(); w++) {
            int[] group = words.group(w);
            Token first = tokens.get(group[0]);
            for (int i : group) {
                assertEquals(first.word(), tokens.get(i).word(), "word " + w + ": " + tokens.get(i));
            }
            if (w > 0 && !first.special()) {
                Token before = tokens.get(words.group(w - 1)[0]);
                if (!before.special() && before.segment() == first.segment()) {
                    assertNotEquals(before.word(), first.word(), "words " + (w - 1) + " and " + w);
                }
            }
        }
    }
}
