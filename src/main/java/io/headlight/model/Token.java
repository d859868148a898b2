package io.headlight.model;

/**
 * One token of the model's input.
 *
 * @param text    its label, readable text for every view and export: the piece as the tokenizer decodes it,
 *                without a byte-level {@code Ġ} or SentencePiece {@code ▁} marker ({@code world} for
 *                {@code Ġworld}), the original text where a piece is only part of a character's bytes, and
 *                {@link #SPACE} for a piece that stands for whitespace alone. WordPiece pieces read as they are
 *                spelled ({@code [CLS]}, {@code ##ing}, {@code 猫}), their {@code ##} marking a continuation.
 * @param piece   the token as the tokenizer's vocabulary spells it ({@code Ġworld}, {@code ▁the}, {@code ##ing})
 * @param id      its vocabulary id, as fed to {@code input_ids}
 * @param typeId  the type id the tokenizer gave it, as fed to {@code token_type_ids} when the model takes them
 * @param segment 0 for sentence A and the special tokens before and after it, 1 for sentence B and those after
 *                it: the tokenizer's type ids where they tell the sentences apart, else its sequence ids (RoBERTa's
 *                template gives type id 0 throughout)
 * @param word    the tokenizer's word index within its own sentence (its pre-tokenizer's split), or -1 for
 *                special tokens and when unknown
 * @param special whether it is a special token ({@code [CLS]}, {@code [SEP]}, {@code <s>}, {@code </s>},
 *                {@code <pad>}), added by the tokenizer's template or written in the text
 * @param start   first character of the token in its own sentence, or -1 for special tokens
 * @param end     one past its last character in its own sentence, or -1 for special tokens
 */
public record Token(String text, String piece, long id, int typeId, int segment, int word, boolean special,
                    int start, int end) {

    /** The label of a piece that stands for whitespace only (SentencePiece's lone {@code ▁}, a lone {@code Ġ}). */
    public static final String SPACE = "␣";

    /** A token known only by its text, as hand-made results have: its piece is its text, its word unknown. */
    public Token(String text, long id, int segment, boolean special, int start, int end) {
        this(text, text, id, segment, segment, -1, special, start, end);
    }
}
