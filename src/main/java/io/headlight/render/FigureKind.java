package io.headlight.render;

import io.headlight.model.AttentionResult;

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
     * @param query the query token the neuron view explains; ignored by the other views
     */
    public SurfaceFigure figure(AttentionResult r, int layer, int head, int query, ColorMap map,
                                String textA, String textB) {
        Surface measure = new PngSurface(1, 1, 1);
        return switch (this) {
            case HEATMAP -> new HeatmapFigure(
                    ShownMatrix.of(r, layer, head, false, false, false, false, textA, textB), map, FOREGROUND, measure);
            case GRID -> {
                ModelGridFigure grid = new ModelGridFigure(r, (l, h) -> ShownMatrix.of(r, l, h, false, false, false,
                        false, textA, textB), map, FOREGROUND, ACCENT);
                grid.select(layer, head);
                yield grid;
            }
            case LINES -> {
                ShownMatrix shown = ShownMatrix.of(r, layer, head, false, false, false, false, textA, textB);
                yield new HeadLinesFigure(List.of(shown), new int[] {head}, PairFilter.ALL, FOREGROUND,
                        shown.title(), measure);
            }
            case NEURON -> new NeuronFigure(r, layer, head, query, FOREGROUND, ACCENT, measure);
        };
    }
}
