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
        if (options.norms() && (this == LINES || this == NEURON)) {
            throw new IllegalArgumentException("norms ‖α f(x)‖ are drawn by the heatmap and the grid, not the "
                    + name().toLowerCase(Locale.ROOT) + " view");
        }
        return switch (this) {
            case HEATMAP -> new HeatmapFigure(ShownMatrix.of(r, layer, head, options.allHeads(), false, hide, words,
                    options.norms(), textA, textB), map, FOREGROUND, measure);
            case GRID -> {
                if (options.norms()) {
                    yield normGrid(r, layer, head, map, textA, textB, hide, words);
                }
                ModelGridFigure grid = new ModelGridFigure(r,
                        (l, h) -> ShownMatrix.of(r, l, h, false, false, hide, words, textA, textB),
                        map, FOREGROUND, ACCENT);
                grid.select(layer, head);
                yield grid;
            }
            case LINES -> {
                PairFilter pairs = r.isPair() ? options.pairs() : PairFilter.ALL;
                if (!options.allHeads()) {
                    ShownMatrix shown = ShownMatrix.of(r, layer, head, false, false, hide, words, textA, textB);
                    yield new HeadLinesFigure(List.of(shown), new int[] {head}, pairs, FOREGROUND, shown.title(),
                            measure);
                }
                // As the window draws "all heads": every head over the others, each in its own colour.
                List<ShownMatrix> heads = new ArrayList<>();
                int[] index = new int[r.heads()];
                for (int h = 0; h < r.heads(); h++) {
                    heads.add(ShownMatrix.of(r, layer, h, false, false, hide, words, textA, textB));
                    index[h] = h;
                }
                yield new HeadLinesFigure(heads, index, pairs, FOREGROUND,
                        r.modelId() + " · layer " + layer + " · all " + r.heads() + " heads", measure);
            }
            case NEURON -> new NeuronFigure(r, layer, head, query, FOREGROUND, ACCENT, measure);
        };
    }

    /** Norms are not probabilities: every thumbnail is divided by the largest norm of all heads, one shared scale. */
    private static ModelGridFigure normGrid(AttentionResult r, int layer, int head, ColorMap map, String textA,
                                            String textB, boolean hide, boolean words) {
        ShownMatrix[] shown = new ShownMatrix[r.layers() * r.heads()];
        float max = 0;
        for (int l = 0; l < r.layers(); l++) {
            for (int h = 0; h < r.heads(); h++) {
                ShownMatrix m = ShownMatrix.of(r, l, h, false, false, hide, words, true, textA, textB);
                shown[l * r.heads() + h] = m;
                for (float v : m.values()) {
                    max = Math.max(max, v);
                }
            }
        }
        float scale = max > 0 ? max : 1;
        ModelGridFigure grid = new ModelGridFigure(r, (l, h) -> {
            ShownMatrix m = shown[l * r.heads() + h];
            float[] scaled = m.values().clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] /= scale;
            }
            return new ShownMatrix(scaled, m.size(), m.labels(), m.title(), m.note(), m.segments());
        }, map, FOREGROUND, ACCENT).saying(String.format(Locale.ROOT, "norms ‖α f(x)‖, 0 to %.2f", scale));
        grid.select(layer, head);
        return grid;
    }
}
