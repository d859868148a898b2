package io.headlight.render;

import java.util.List;

/**
 * The bertviz-style head view: tokens in two columns and a line from each query to each key it attends to,
 * opacity = weight (its square root in the compact layout), one colour per head. Under the title, the legend says
 * which heads are drawn and what was hidden, merged or filtered, so an exported figure says what it shows.
 *
 * <p>Laid out for a zoom like the heatmap: rows grow, labels keep their size and thin out. Past
 * {@value #COMPACT_FROM} tokens it is compact: each query draws only its {@value #TOP_K} strongest lines, except the
 * hovered or selected token, which draws all of its own. The compact layout's lines are blended into one image
 * ({@link LineRaster}) at the surface's resolution, on screen only where the screen shows them: stroked one by
 * one, a 512-token head's thousand-odd lines took longer than a frame.
 */
public final class HeadLinesFigure implements ScalableFigure {
    /** From this many tokens on, only the strongest lines per query are drawn. */
    public static final int COMPACT_FROM = 65;
    private static final int TOP_K = 3;
    /** What the compact layout draws differently, in its legend. */
    static final String DENSE_NOTE = "each query's " + TOP_K + " strongest lines · opacity √weight";
    private static final double LEGEND_TOP = 58;
    private static final double NOTE_HEIGHT = 16;
    private static final double GAP = 220;
    /** Most pixels the compact layout's line image may hold; a larger one is made at a coarser resolution. */
    private static final double MAX_RASTER_PIXELS = 4e6;
    private final List<ShownMatrix> heads;
    private final int[] headIndex;
    private final PairFilter filter;
    private final int fg;
    private final double naturalRow;
    private double row;
    private final List<String> labels;
    private final double labelWidth;
    private final String title;
    private final double titleWidth;
    private final String note;
    private final double top;
    private int hoverSide = -1;
    private int hoverToken = -1;
    private int selected = -1;
    private double shownTop = Double.NEGATIVE_INFINITY;
    private double shownBottom = Double.POSITIVE_INFINITY;

    /**
     * The head view of norm-based attention: line opacity is a weight's share of 1, so every norm is divided by
     * the largest norm drawn, and the title says by how much.
     */
    public static HeadLinesFigure ofNorms(List<ShownMatrix> norms, int[] headIndex, PairFilter filter, int fg,
                                          String title, Surface measure) {
        float scale = ShownMatrix.largest(norms);
        return new HeadLinesFigure(norms.stream().map(m -> m.dividedBy(scale)).toList(), headIndex, filter, fg,
                title + (title.contains("norms") ? "" : " · norms ‖α f(x)‖")
                        + String.format(java.util.Locale.ROOT, " · opacity 0 to %.2f", scale), measure);
    }

    /** @param heads one matrix per drawn head; {@code headIndex[i]} is its head number (colour), -1 for mean */
    public HeadLinesFigure(List<ShownMatrix> heads, int[] headIndex, PairFilter filter, int fg, String title,
                    Surface measure) {
        this.heads = heads;
        this.headIndex = headIndex;
        this.filter = filter;
        this.fg = fg;
        this.title = title;
        int n = heads.get(0).size();
        this.naturalRow = n <= 40 ? 20 : n <= 128 ? 14 : 10;
        this.row = naturalRow;
        this.labels = heads.get(0).axisLabels();
        double widest = 0;
        for (String l : labels) {
            widest = Math.max(widest, measure.textWidth(l, 12, true));
        }
        this.labelWidth = widest + 8;
        String filtered = filter == PairFilter.ALL ? "" : filter + " lines only";
        String shown = heads.get(0).note();
        String joined = shown.isEmpty() || filtered.isEmpty() ? shown + filtered : shown + " · " + filtered;
        this.note = n < COMPACT_FROM ? joined : (joined.isEmpty() ? "" : joined + " · ") + DENSE_NOTE;
        this.top = LEGEND_TOP + (note.isEmpty() ? 0 : NOTE_HEIGHT);
        this.titleWidth = Math.max(measure.textWidth(title, 13, true), measure.textWidth(note, 11, false));
    }

    private double font() {
        return Math.max(9, Math.min(12, row - 2));
    }

    @Override
    public void layout(double scale) {
        row = naturalRow * scale;
    }

    @Override
    public double scaleToFit(double width, double height) {
        double fitted = (height - top - 16) / heads.get(0).size();
        return Math.max(0.5, Math.min(24, fitted)) / naturalRow;
    }

    @Override
    public void labelsOnlyIn(double x, double y, double w, double h) {
        shownTop = y;
        shownBottom = y + h;
    }

    /** The token whose lines stay drawn in the compact layout, or -1. */
    public void select(int token) {
        selected = token;
    }

    /** Vertical middle of token {@code t}'s row. */
    public double rowY(int t) {
        return y(t);
    }

    /** Row height at the current layout. */
    public double row() {
        return row;
    }

    private double colA() {
        return 16 + labelWidth;
    }

    private double colB() {
        return colA() + GAP;
    }

    /** What the figure's title says. */
    public String title() {
        return title;
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
        boolean compact = n >= COMPACT_FROM;
        Band band = compact ? band(s, n) : null;
        for (int i = 0; i < heads.size(); i++) {
            ShownMatrix m = heads.get(i);
            int rgb = (headIndex[i] < 0 ? fg : HeadPalette.color(headIndex[i])) & 0xFFFFFF;
            double alphaScale = Math.min(1, 1.6 / Math.sqrt(heads.size()));
            for (int q = 0; q < n; q++) {
                if (hoverSide == 0 && q != hoverToken) {
                    continue;
                }
                float least = compact && hoverSide < 0 && q != selected ? kthLargest(m, q, TOP_K) : 0;
                for (int k = 0; k < n; k++) {
                    if (hoverSide == 1 && k != hoverToken) {
                        continue;
                    }
                    float w = m.at(q, k);
                    if (w < threshold || w < least || (m.segments() != null && !filter.allows(m.segments()[q], m.segments()[k]))) {
                        continue;
                    }
                    // Past 64 tokens a weight is mostly a few hundredths: drawn as is, the lines other than those to
                    // [CLS] all but vanish; the square root keeps their order and makes them visible.
                    double shade = compact ? Math.sqrt(w) : w;
                    int alpha = (int) Math.round(255 * Math.min(1, shade * alphaScale));
                    if (alpha == 0) {
                        continue;
                    }
                    if (band == null) {
                        s.line(colA() + 4, y(q), colB() - 4, y(k), lw, alpha << 24 | rgb);
                    } else {
                        band.line(y(q), y(k), lw, alpha << 24 | rgb);
                    }
                }
            }
        }
        if (band != null) {
            band.draw(s);
        }
        double f = font();
        int step = PositionLabels.step(row, f + 2);
        int from = Math.max(0, (int) Math.floor((shownTop - top) / row));
        int to = Math.min(n - 1, (int) Math.floor((shownBottom - top) / row));
        for (int t = from; t <= to; t++) {
            boolean hot = (hoverSide == 0 || hoverSide == 1) && t == hoverToken;
            boolean focus = hot || t == selected;
            if (!focus && (t % step != 0 || near(t, hoverSide >= 0 ? hoverToken : -1, f)
                    || near(t, selected, f))) {
                continue;
            }
            String label = labels.get(t);
            s.text(label, colA() - 4, y(t), f, t == selected || hot && hoverSide == 0, fg, Surface.HAlign.RIGHT,
                    Surface.VAlign.MIDDLE, 0);
            s.text(label, colB() + 4, y(t), f, hot && hoverSide == 1, fg, Surface.HAlign.LEFT,
                    Surface.VAlign.MIDDLE, 0);
        }
    }

    /**
     * The strip between the columns where lines run, over the rows the surface shows (all of them when the shown
     * area is unset or empty, as for an export or the overview), as an image at the surface's resolution.
     */
    private Band band(Surface s, int n) {
        double y0 = top;
        double y1 = top + row * n;
        if (shownBottom > shownTop) {
            y0 = Math.max(y0, shownTop);
            y1 = Math.min(y1, shownBottom);
        }
        double w = colB() - colA() - 8;
        double h = Math.max(0, y1 - y0);
        double px = Math.min(s.pixelScale(), Math.sqrt(MAX_RASTER_PIXELS / Math.max(1, w * h)));
        int pw = Math.max(1, (int) Math.ceil(w * px));
        int ph = Math.max(1, (int) Math.ceil(h * px));
        return new Band(new LineRaster(pw, ph), colA() + 4, y0, px, pw, ph);
    }

    /** The compact layout's lines, drawn into {@code raster}, whose pixel (0, 0) is figure point (x, y). */
    private record Band(LineRaster raster, double x, double y, double px, int pw, int ph) {
        void line(double yQuery, double yKey, double lineWidth, int argb) {
            raster.line(0, (yQuery - y) * px, pw, (yKey - y) * px, lineWidth * px, argb);
        }

        void draw(Surface s) {
            s.image(raster.argb(), pw, ph, x, y, pw / px, ph / px);
        }
    }

    /** Whether a thinned label at {@code t} would touch the always-drawn label of {@code focus}. */
    private boolean near(int t, int focus, double font) {
        return focus >= 0 && Math.abs(t - focus) * row < font + 2;
    }

    /** The {@code k}-th largest weight of query {@code q}: the compact layout draws only lines at least this. */
    private static float kthLargest(ShownMatrix m, int q, int k) {
        float[] best = new float[k];
        java.util.Arrays.fill(best, -1);
        for (int key = 0; key < m.size(); key++) {
            float w = m.at(q, key);
            if (w > best[k - 1]) {
                int i = k - 1;
                while (i > 0 && best[i - 1] < w) {
                    best[i] = best[i - 1];
                    i--;
                }
                best[i] = w;
            }
        }
        return best[k - 1];
    }

    private double y(int t) {
        return top + (t + 0.5) * row;
    }
}
