package io.headlight.model;

/**
 * Whether a run also computes what norm-based attention ({@code ‖α f(x)‖}) needs. It costs about a quarter
 * of a run (one more projection per layer), so a run computes it only when something will show it.
 */
public enum Norms {
    /** Attention weights (and q/k) only; the result has no value Gram. */
    SKIP,
    /** Also every layer's value Gram, where the model's form exposes its value vectors. */
    COMPUTE
}
