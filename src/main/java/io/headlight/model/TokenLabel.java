package io.headlight.model;

/**
 * The readable label of one non-special piece, from what the tokenizer's own decoder makes of it alone: that
 * drops byte-level BPE's {@code Ġ} and SentencePiece's {@code ▁} (and turns byte-level's other stand-in
 * characters back into the text) but leaves WordPiece's {@code ##} pieces as they are spelled.
 */
final class TokenLabel {
    private static final char REPLACEMENT = '\uFFFD';

    private TokenLabel() {
    }

    /**
     * @param piece    the piece as the vocabulary spells it
     * @param decoded  the tokenizer's decoding of this piece alone
     * @param original the piece's span of the original text, or "" when it has none
     * @param unknown  whether the piece is the unknown token
     */
    static String of(String piece, String decoded, String original, boolean unknown) {
        if (unknown) {
            // WordPiece spells it [UNK]; SentencePiece keeps the text it did not know, which decodes to <unk>.
            return withoutMarker(piece);
        }
        if (decoded.indexOf(REPLACEMENT) >= 0 && piece.indexOf(REPLACEMENT) < 0) {
            // Some of one character's bytes (byte-level BPE, byte fallback): the character they belong to.
            String text = original.strip();
            return text.isEmpty() ? piece : text;
        }
        String label = decoded.strip();
        if (label.isEmpty()) {
            return Token.SPACE;
        }
        // A tokenizer.json without a decoder gives the piece back unchanged.
        return label.equals(piece) ? withoutMarker(label) : label;
    }

    private static String withoutMarker(String piece) {
        boolean marked = piece.length() > 1 && (piece.charAt(0) == 'Ġ' || piece.charAt(0) == '▁');
        return marked ? piece.substring(1) : piece;
    }
}
