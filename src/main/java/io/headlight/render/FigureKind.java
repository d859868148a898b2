package io.headlight.render;

import io.headlight.model.AttentionResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The views that can be drawn without a window, by the names the CLI takes ({@code --view heatmap|grid|lines|
 * neuron}); built from the same figure classes the window paints, so a headless export equals the screen.
 */
public enum FigureKind {
    HEATMAP, GRID, LINES, NEURON;

    /** Light-theme colours, the ones the window uses by default. */
    public static final int BACKGROUND = 0xFFFFFFFF;
    private static final int FOREGROUND = 0xFF202020;
    private static final int ACCENT = 0xFFD9480F;

    public static FigureKind byName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown view '" + name + "' (heatmap, grid, lines or neuron)");
        }
    }

    /**
     * @param query   the query token the neuron view explains; ignored by the other views
     * @param options the window's toggles; the grid takes only hiding and merging, the neuron view none
     */
    public SurfaceFigure figure(AttentionResult r, int layer, int head, int query, ColorMap map,
                                String textA, String textB, FigureOptions options) {
        Surface measure = new PngSurface(1, 1, 1);
        boolean hide = options.hideSpecial();
        boolean words = options.wordLevel();
        boolean norms = options.norms();
        if (norms && this == NEURON) {
            throw new IllegalArgumentException("norms ‖α f(x)‖ are drawn by the heatmap, the grid and the head"
                    + " view, not the neuron view");
        }
        return switch (this) {
            case HEATMAP -> new HeatmapFigure(ShownMatrix.of(r, layer, head, options.allHeads(), false, hide, words,
                    options.norms(), textA, textB), map, FOREGROUND, measure);
            case GRID -> {
                ModelGridFigure.HeadMatrices heads = (l, h) -> ShownMatrix.of(r, l, h, false, false, hide, words,
                        norms, textA, textB);
                ModelGridFigure grid = norms ? ModelGridFigure.ofNorms(r, heads, map, FOREGROUND, ACCENT)
                        : new ModelGridFigure(r, heads, map, FOREGROUND, ACCENT);
                grid.select(layer, head);
                yield grid;
            }
            case LINES -> {
                PairFilter pairs = r.isPair() ? options.pairs() : PairFilter.ALL;
                List<ShownMatrix> heads = new ArrayList<>();
                int[] index;
                String title;
                if (!options.allHeads()) {
                    heads.add(ShownMatrix.of(r, layer, head, false, false, hide, words, norms, textA, textB));
                    index = new int[] {head};
                    title = heads.get(0).title();
                } else {
                    // As the window draws "all heads": every head over the others, each in its own colour.
                    index = new int[r.heads()];
                    for (int h = 0; h < r.heads(); h++) {
                        heads.add(ShownMatrix.of(r, layer, h, false, false, hide, words, norms, textA, textB));
                        index[h] = h;
                    }
                    title = r.modelId() + " · layer " + layer + " · all " + r.heads() + " heads";
                }
                yield norms ? HeadLinesFigure.ofNorms(heads, index, pairs, FOREGROUND, title, measure)
                        : new HeadLinesFigure(heads, index, pairs, FOREGROUND, title, measure);
            }
            case NEURON -> new NeuronFigure(r, layer, head, query, FOREGROUND, ACCENT, measure);
        };
    }
}
