package io.headlight.analysis;

import java.util.Optional;

/**
 * The per-head statistics of Clark et al. (2019), "What does BERT look at?", each averaged over query tokens,
 * with the threshold above which a head earns a pattern label.
 */
public enum HeadStat {
    /** Entropy of each row in nats, after smoothing {@code α <- 0.9999·α + 0.0001/T}. Label "broad" above 3.8. */
    ENTROPY("entropy", "entropy (nats)", "broad", 3.8),
    /** Attention given to [CLS] tokens. Label above 0.6. */
    CLS("cls", "attention to [CLS]", "[CLS]", 0.6),
    /** Attention given to [SEP] tokens (both of them for a pair). Label above 0.6. */
    SEP("sep", "attention to [SEP]", "[SEP]", 0.6),
    /** Attention given to punctuation tokens (see {@link Punctuation}). No label. */
    PUNCT("punct", "attention to punctuation", null, Double.NaN),
    /** Attention a token gives to itself. No label. */
    SELF("self", "attention to itself", null, Double.NaN),
    /** Attention to the previous token, over the rows that have one (all but the first). Label above 0.5. */
    PREV("prev", "attention to the previous token", "previous token", 0.5),
    /** Attention to the next token, over the rows that have one (all but the last). Label above 0.5. */
    NEXT("next", "attention to the next token", "next token", 0.5),
    /**
     * Norm-based share given to [CLS] (Kobayashi et al. 2020): per query row, {@code Σ_[CLS] ‖α f(x)‖} over
     * {@code Σ_j ‖α_ij f(x_j)‖}. No label. NaN when the model's results carry no value vectors.
     */
    NORM_CLS("norm_cls", "norm share to [CLS] (‖α f(x)‖)", null, Double.NaN),
    /** Norm-based share given to [SEP] tokens, as {@link #NORM_CLS}. No label. */
    NORM_SEP("norm_sep", "norm share to [SEP] (‖α f(x)‖)", null, Double.NaN),
    /** Norm-based share given to punctuation tokens, as {@link #NORM_CLS}. No label. */
    NORM_PUNCT("norm_punct", "norm share to punctuation (‖α f(x)‖)", null, Double.NaN),
    /** Norm-based share a token gives to itself, as {@link #NORM_CLS}. No label. */
    NORM_SELF("norm_self", "norm share to itself (‖α f(x)‖)", null, Double.NaN);

    private final String column;
    private final String title;
    private final String label;
    private final double threshold;

    HeadStat(String column, String title, String label, double threshold) {
        this.column = column;
        this.title = title;
        this.label = label;
        this.threshold = threshold;
    }

    /** Short lower-case name, used as the CSV column. */
    public String column() {
        return column;
    }

    /** Full name with its unit where it has one ("entropy (nats)", "attention to [CLS]"), for figures. */
    public String title() {
        return title;
    }

    /** The pattern name a head gets when its value exceeds {@link #threshold()}, or null when none. */
    public String label() {
        return label;
    }

    /** The value above which {@link #label()} applies; NaN for statistics without a label. */
    public double threshold() {
        return threshold;
    }

    /**
     * The same share measured the other way, weights α or norms ‖α f(x)‖ ({@code SEP} and {@code NORM_SEP}), so
     * that the two can be read side by side; empty for statistics measured only one way.
     */
    public Optional<HeadStat> counterpart() {
        return Optional.ofNullable(switch (this) {
            case CLS -> NORM_CLS;
            case SEP -> NORM_SEP;
            case PUNCT -> NORM_PUNCT;
            case SELF -> NORM_SELF;
            case NORM_CLS -> CLS;
            case NORM_SEP -> SEP;
            case NORM_PUNCT -> PUNCT;
            case NORM_SELF -> SELF;
            default -> null;
        });
    }

    /** Whether a head with this value earns this statistic's label. */
    public boolean labels(double value) {
        return label != null && value > threshold;
    }
}
