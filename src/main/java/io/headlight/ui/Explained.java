package io.headlight.ui;

import io.headlight.model.AttentionResult;

/** A result together with the sentences it was computed from (word merging needs the original text). */
public record Explained(AttentionResult result, String textA, String textB) {
}
