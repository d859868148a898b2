package io.headlight.render;

import java.util.List;

/**
 * The bertviz-style head view: tokens in two columns and a line from each query to each key it attends to,
 * opacity = weight, one colour per head. Under the title, the legend says which heads are drawn and what was
 * hidden, merged or filtered, so an exported figure says what it shows.
 */
public final class HeadLinesFigure implements SurfaceFigure {
    private static final double LEGEND_TOP = 58;
    private static final double NOTE_HEIGHT = 16;
    private static final double GAP = 220;
    private final List<ShownMatrix> heads;
    private final int[] headIndex;
    private final PairFilter filter;
    private final int fg;
    private final double row;
    private final double labelWidth;
    private final String title;
    private final double titleWidth;
    private final String note;
    private final double top;
    private int hoverSide = -1;
    private int hoverToken = -1;

    /** @param heads one matrix per drawn head; {@code headIndex[i]} is its head number (colour), -1 for mean */
    public HeadLinesFigure(List<ShownMatrix> heads, int[] headIndex, PairFilter filter, int fg, String title,
                    Surface measure) {
        this.heads = heads;
        this.headIndex = headIndex;
        this.filter = filter;
        this.fg = fg;
        this.title = title;
        int n = heads.get(0).size();
        this.row = n <= 40 ? 20 : n <= 128 ? 14 : 10;
        double widest = 0;
        for (String l : heads.get(0).labels()) {
            widest = Math.max(widest, measure.textWidth(l, font(), false));
        }
        this.labelWidth = widest + 8;
        String filtered = filter == PairFilter.ALL ? "" : filter + " lines only";
        String shown = heads.get(0).note();
        this.note = shown.isEmpty() || filtered.isEmpty() ? shown + filtered : shown + " · " + filtered;
        this.top = LEGEND_TOP + (note.isEmpty() ? 0 : NOTE_HEIGHT);
        this.titleWidth = Math.max(measure.textWidth(title, 13, true), measure.textWidth(note, 11, false));
    }

    private double font() {
        return row >= 20 ? 12 : row >= 14 ? 10 : 8;
    }

    private double colA() {
        return 16 + labelWidth;
    }

    private double colB() {
        return colA() + GAP;
    }

    @Override
    public double width() {
        return Math.max(colB() + labelWidth + 16, Math.max(32 + titleWidth, 16 + 30 * headIndex.length));
    }

    @Override
    public double height() {
        return top + row * heads.get(0).size() + 16;
    }

    /** {side (0 = query column, 1 = key column), token} under a point, or null. */
    public int[] tokenAt(double x, double y) {
        int t = (int) Math.floor((y - top) / row);
        if (y < top || t >= heads.get(0).size()) {
            return null;
        }
        if (x >= colA() - labelWidth && x <= colA() + 10) {
            return new int[] {0, t};
        }
        if (x >= colB() - 10 && x <= colB() + labelWidth) {
            return new int[] {1, t};
        }
        return null;
    }

    public void hover(int side, int token) {
        hoverSide = side;
        hoverToken = token;
    }

    @Override
    public void draw(Surface s) {
        ShownMatrix first = heads.get(0);
        int n = first.size();
        s.text(title, 16, 8, 13, true, fg, Surface.HAlign.LEFT, Surface.VAlign.TOP, 0);
        for (int i = 0; i < headIndex.length; i++) {
            if (headIndex[i] >= 0) {
                s.fillRect(16 + 30 * i, 30, 10, 10, HeadPalette.color(headIndex[i]));
                s.text(Integer.toString(headIndex[i]), 29 + 30 * i, 35, 10, false, fg, Surface.HAlign.LEFT,
                        Surface.VAlign.MIDDLE, 0);
            }
        }
        if (!note.isEmpty()) {
            s.text(note, 16, 48, 11, false, fg, Surface.HAlign.LEFT, Surface.VAlign.TOP, 0);
        }
        double lw = n <= 40 ? 2 : 1;
        float threshold = n <= 64 ? 0.002f : 0.02f;
        for (int i = 0; i < heads.size(); i++) {
            ShownMatrix m = heads.get(i);
            int rgb = (headIndex[i] < 0 ? fg : HeadPalette.color(headIndex[i])) & 0xFFFFFF;
            double alphaScale = Math.min(1, 1.6 / Math.sqrt(heads.size()));
            for (int q = 0; q < n; q++) {
                if (hoverSide == 0 && q != hoverToken) {
                    continue;
                }
                for (int k = 0; k < n; k++) {
                    if (hoverSide == 1 && k != hoverToken) {
                        continue;
                    }
                    float w = m.at(q, k);
                    if (w < threshold || (m.segments() != null && !filter.allows(m.segments()[q], m.segments()[k]))) {
                        continue;
                    }
                    int alpha = (int) Math.round(255 * Math.min(1, w * alphaScale));
                    if (alpha == 0) {
                        continue;
                    }
                    s.line(colA() + 4, y(q), colB() - 4, y(k), lw, alpha << 24 | rgb);
                }
            }
        }
        double f = font();
        for (int t = 0; t < n; t++) {
            boolean hot = (hoverSide == 0 || hoverSide == 1) && t == hoverToken;
            String label = first.labels().get(t);
            s.text(label, colA() - 4, y(t), f, hot && hoverSide == 0, fg, Surface.HAlign.RIGHT,
                    Surface.VAlign.MIDDLE, 0);
            s.text(label, colB() + 4, y(t), f, hot && hoverSide == 1, fg, Surface.HAlign.LEFT,
                    Surface.VAlign.MIDDLE, 0);
        }
    }

    private double y(int t) {
        return top + (t + 0.5) * row;
    }
}
