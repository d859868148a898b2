package io.headlight.render;

/**
 * What a headless figure shows beyond its layer and head: the window's toggles, as the command line sets them.
 *
 * @param allHeads    every head of the layer: their mean in the heatmap, each in its colour in the head view
 * @param hideSpecial [CLS]/[SEP] hidden and rows renormalised
 * @param wordLevel   word pieces merged into words
 * @param pairs       which lines between the two sentences the head view draws
 * @param norms       norm-based attention {@code ‖α f(x)‖} instead of the weights α (heatmap and grid)
 */
public record FigureOptions(boolean allHeads, boolean hideSpecial, boolean wordLevel, PairFilter pairs,
                            boolean norms) {
    /** One head, every token, every line: the window's defaults. */
    public static final FigureOptions PLAIN = new FigureOptions(false, false, false, PairFilter.ALL);

    /** The weights α, as the window shows them by default. */
    public FigureOptions(boolean allHeads, boolean hideSpecial, boolean wordLevel, PairFilter pairs) {
        this(allHeads, hideSpecial, wordLevel, pairs, false);
    }
}
