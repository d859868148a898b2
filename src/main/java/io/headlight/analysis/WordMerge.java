package io.headlight.analysis;

import io.headlight.model.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups word pieces into words.
 *
 * <p>A token joins the word before it when both are non-special tokens of the same segment and either
 * <ul>
 *   <li>both cover the same character (byte-level BPE splits a character's UTF-8 bytes), or</li>
 *   <li>the tokenizer put them in the same word (its pre-tokenizer's split, {@link Token#word()}): BERT's
 *       {@code ##} pieces, byte-level BPE's pieces after a {@code Ġ}, SentencePiece's after a {@code ▁};
 *       except two pieces of Han text, since SentencePiece leaves a whole unspaced Chinese sentence one
 *       "word"; for tokens that do not know their word, a {@code ##} continuation piece joins, or</li>
 *   <li>the segment's text contains whitespace between words (the user marked words, as Chinese users do
 *       with {@code 我 喜欢 北京}), both tokens lie inside the same whitespace-separated word of that text, one
 *       of them is a Han character, and neither or both are punctuation.</li>
 * </ul>
 * Punctuation thus stays apart from letters where the tokenizer splits it ({@code "word,"} gives {@code word}
 * and {@code ,} with BERT and byte-level BPE; SentencePiece keeps {@code word,} whole). In a segment without
 * inner whitespace (an unspaced Chinese sentence) each Han piece stays a word of its own (one character for
 * BERT), since the whole text would otherwise become one word. Special tokens are always words of their own.
 *
 * <p>A word's label joins its pieces' labels: {@code ##} dropped, a piece that covers the same characters as
 * the one before it (the second half of a byte-level character) and whitespace pieces left out.
 */
public final class WordMerge {
    private WordMerge() {
    }

    /**
     * @param tokens the result's tokens, with character offsets into their own segment's text
     * @param textA  the text of segment 0
     * @param textB  the text of segment 1, or null for a single sentence
     */
    public static WordGrouping words(List<Token> tokens, String textA, String textB) {
        String[] texts = {textA == null ? "" : textA, textB == null ? "" : textB};
        int[][] wordIds = {wordIds(texts[0]), wordIds(texts[1])};
        boolean[] spaced = {hasInnerWhitespace(texts[0]), hasInnerWhitespace(texts[1])};
        List<int[]> groups = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        StringBuilder label = new StringBuilder();
        Token labelled = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (i > 0 && !joinsPrevious(tokens.get(i - 1), token, wordIds, spaced)) {
                close(current, label, groups, labels);
                labelled = null;
            }
            current.add(i);
            boolean repeats = labelled != null && token.start() >= 0
                    && token.start() == labelled.start() && token.end() == labelled.end();
            if (!repeats && !token.text().equals(Token.SPACE)) {
                label.append(isContinuation(token) ? token.text().substring(2) : token.text());
                labelled = token;
            }
        }
        close(current, label, groups, labels);
        return new WordGrouping(tokens.size(), groups, labels);
    }

    private static boolean joinsPrevious(Token previous, Token token, int[][] wordIds, boolean[] spaced) {
        if (token.special() || previous.special() || token.segment() != previous.segment()) {
            return false;
        }
        if (token.start() >= 0 && previous.end() >= 0 && token.start() < previous.end()) {
            return true;
        }
        if (token.word() >= 0 && previous.word() >= 0) {
            if (token.word() == previous.word() && !(isHan(token) && isHan(previous))) {
                return true;
            }
        } else if (isContinuation(token)) {
            return true;
        }
        int segment = token.segment();
        if (segment < 0 || segment > 1 || !spaced[segment]) {
            return false;
        }
        if (Punctuation.is(token) != Punctuation.is(previous) || !(isHan(token) || isHan(previous))) {
            return false;
        }
        int word = wordAt(wordIds[segment], token.start());
        return word >= 0 && word == wordAt(wordIds[segment], previous.start());
    }

    /** A WordPiece continuation: its label is its piece, spelled with the {@code ##} prefix. */
    private static boolean isContinuation(Token token) {
        return token.text().startsWith("##") && token.text().length() > 2 && token.text().equals(token.piece());
    }

    private static boolean isHan(Token token) {
        return token.text().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private static int wordAt(int[] ids, int offset) {
        return offset >= 0 && offset < ids.length ? ids[offset] : -1;
    }

    /** For each character, the index of the whitespace-separated word it belongs to, or -1 on whitespace. */
    private static int[] wordIds(String text) {
        int[] ids = new int[text.length()];
        int word = -1;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                ids[i] = -1;
                inWord = false;
            } else {
                if (!inWord) {
                    word++;
                    inWord = true;
                }
                ids[i] = word;
            }
        }
        return ids;
    }

    private static boolean hasInnerWhitespace(String text) {
        String trimmed = text.strip();
        return trimmed.codePoints().anyMatch(Character::isWhitespace);
    }

    private static void close(List<Integer> current, StringBuilder label, List<int[]> groups, List<String> labels) {
        if (current.isEmpty()) {
            return;
        }
        groups.add(current.stream().mapToInt(Integer::intValue).toArray());
        labels.add(label.isEmpty() ? Token.SPACE : label.toString());
        current.clear();
        label.setLength(0);
    }
}
