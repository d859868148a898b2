package io.headlight.model;

/**
 * One token of the model's input.
 *
 * @param text    the token as the tokenizer's vocabulary spells it ({@code [CLS]}, {@code ##ing}, {@code 猫})
 * @param id      its vocabulary id, as fed to {@code input_ids}
 * @param segment 0 for sentence A and the leading special tokens, 1 for sentence B ({@code token_type_ids})
 * @param special whether the tokenizer added it ({@code [CLS]}, {@code [SEP]})
 * @param start   first character of the token in its own sentence, or -1 for special tokens
 * @param end     one past its last character in its own sentence, or -1 for special tokens
 */
public record Token(String text, long id, int segment, boolean special, int start, int end) {
}
