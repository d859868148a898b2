package io.headlight.model;

import java.util.Arrays;
import java.util.List;

/**
 * The model's input for one text or one pair of texts, as the tokenizer produced it.
 *
 * <p>Unpadded: every token is real, so {@link #attentionMask()} is all ones. Immutable.
 *
 * @param tokens    the tokens in input order, special tokens included
 * @param truncated whether the text was longer than the model's position limit and was cut to fit
 */
public record Encoding(List<Token> tokens, boolean truncated) {

    public Encoding {
        tokens = List.copyOf(tokens);
    }

    /** Vocabulary ids, as fed to {@code input_ids}. */
    public long[] inputIds() {
        long[] ids = new long[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokens.get(i).id();
        }
        return ids;
    }

    /** The tokenizer's type id of each token, as fed to {@code token_type_ids}. */
    public long[] typeIds() {
        long[] types = new long[tokens.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = tokens.get(i).typeId();
        }
        return types;
    }

    /** 0, 1, ..., T-1, as fed to {@code position_ids}: BERT's own positions for an unpadded input. */
    public long[] positionIds() {
        long[] positions = new long[tokens.size()];
        Arrays.setAll(positions, i -> i);
        return positions;
    }

    /** All ones: an encoding holds one input and is never padded. */
    public long[] attentionMask() {
        long[] mask = new long[tokens.size()];
        Arrays.fill(mask, 1L);
        return mask;
    }

    /**
     * What is fed to the model input called {@code name}: {@code input_ids}, {@code attention_mask} or
     * {@code token_type_ids}, the inputs Headlight can fill.
     *
     * @throws IllegalArgumentException for any other input name
     */
    public long[] input(String name) {
        return switch (name) {
            case "input_ids" -> inputIds();
            case "attention_mask" -> attentionMask();
            case "token_type_ids" -> typeIds();
            default -> throw new IllegalArgumentException("Headlight cannot fill a model input named " + name);
        };
    }

    /** Number of tokens T, special tokens included. */
    public int length() {
        return tokens.size();
    }
}
