package io.headlight.render;

import java.util.Locale;

/**
 * One matrix as a heatmap: cells as one pixel buffer, token labels on both axes (columns rotated), a colour bar,
 * the title, and the values printed in the cells when they fit. Probabilities run from 0 to the matrix's largest
 * value; a matrix with negative values (a difference) gets a scale symmetric around 0 for a diverging map.
 */
public final class HeatmapFigure implements SurfaceFigure {
    private static final double FONT = 11;
    private final ShownMatrix m;
    private final ColorMap map;
    private final int fg;
    private final double cell;
    private final double left;
    private final double top;
    private final float max;
    private final boolean signed;
    private final double titleWidth;
    private int hoverQuery = -1;
    private int hoverKey = -1;

    public HeatmapFigure(ShownMatrix m, ColorMap map, int fg, Surface measure) {
        this(m, map, fg, measure, 0);
    }

    /** @param scaleMax top of the colour scale when it is shared with another figure; 0 for the matrix's own */
    public HeatmapFigure(ShownMatrix m, ColorMap map, int fg, Surface measure, float scaleMax) {
        this.m = m;
        this.map = map;
        this.fg = fg;
        int n = m.size();
        this.cell = n <= 20 ? 34 : n <= 48 ? 20 : n <= 160 ? 12 : 7;
        double widest = 0;
        for (String l : m.labels()) {
            widest = Math.max(widest, measure.textWidth(l, labelFont(), false));
        }
        this.left = widest + 12;
        this.top = 30 + widest + 8;
        float mx = 0;
        boolean negative = false;
        for (float v : m.values()) {
            mx = Math.max(mx, Math.abs(v));
            negative |= v < 0;
        }
        this.max = scaleMax > 0 ? scaleMax : mx > 0 ? mx : 1;
        this.signed = negative;
        this.titleWidth = Math.max(measure.textWidth(m.title(), 13, true), measure.textWidth(m.note(), 11, false));
    }

    private double labelFont() {
        return Math.min(FONT, cell - 1);
    }

    @Override
    public double width() {
        return Math.max(left + cell * m.size() + 80, left + titleWidth + 16);
    }

    @Override
    public double height() {
        return top + cell * m.size() + 36;
    }

    /** The (query, key) cell under a figure point, or null. */
    public int[] cellAt(double x, double y) {
        int k = (int) Math.floor((x - left) / cell);
        int q = (int) Math.floor((y - top) / cell);
        if (x < left || y < top || k >= m.size() || q >= m.size()) {
            return null;
        }
        return new int[] {q, k};
    }

    public void hover(int query, int key) {
        hoverQuery = query;
        hoverKey = key;
    }

    /** Two decimals without the leading zero, as in print figures; 1 stays "1". */
    private static String cellText(float v) {
        String text = String.format(Locale.ROOT, "%.2f", v);
        if (text.equals("-0.00")) {
            text = "0.00";
        }
        return text.startsWith("0") ? text.substring(1) : text.startsWith("-0") ? "-" + text.substring(2)
                : text.equals("1.00") ? "1" : text;
    }

    /** Where a value falls on the colour map, 0 to 1. */
    private double scaled(float v) {
        return signed ? 0.5 + 0.5 * v / max : v / max;
    }

    @Override
    public void draw(Surface s) {
        int n = m.size();
        s.text(m.title(), left, 8, 13, true, fg, Surface.HAlign.LEFT, Surface.VAlign.TOP, 0);
        int[] px = new int[n * n];
        for (int i = 0; i < px.length; i++) {
            px[i] = map.argb(scaled(m.values()[i]));
        }
        s.image(px, n, n, left, top, cell * n, cell * n);
        double f = labelFont();
        for (int i = 0; i < n; i++) {
            String l = m.labels().get(i);
            s.text(l, left - 6, top + (i + 0.5) * cell, f, i == hoverQuery, fg, Surface.HAlign.RIGHT,
                    Surface.VAlign.MIDDLE, 0);
            s.text(l, left + (i + 0.5) * cell, top - 6, f, i == hoverKey, fg, Surface.HAlign.LEFT,
                    Surface.VAlign.MIDDLE, -90);
        }
        if (cell >= 30) {
            for (int q = 0; q < n; q++) {
                for (int k = 0; k < n; k++) {
                    float v = m.at(q, k);
                    s.text(cellText(v), left + (k + 0.5) * cell,
                            top + (q + 0.5) * cell, 9, false, ColorMap.textColorOn(map.argb(scaled(v))),
                            Surface.HAlign.CENTER, Surface.VAlign.MIDDLE, 0);
                }
            }
        }
        if (hoverQuery >= 0 && hoverQuery < n && hoverKey < n) {
            s.strokeRect(left + hoverKey * cell, top + hoverQuery * cell, cell, cell, Math.max(1, cell / 10), fg);
        }
        double barX = left + cell * n + 16;
        double barH = cell * n;
        int[] bar = new int[64];
        for (int i = 0; i < 64; i++) {
            bar[i] = map.argb(1 - i / 63.0);
        }
        s.image(bar, 1, 64, barX, top, 14, barH);
        s.strokeRect(barX, top, 14, barH, 1, fg);
        s.text((signed ? "+" : "") + String.format(Locale.ROOT, "%.2f", max), barX + 18, top, 10, false, fg, Surface.HAlign.LEFT,
                Surface.VAlign.TOP, 0);
        s.text(signed ? String.format(Locale.ROOT, "%.2f", -max) : "0", barX + 18, top + barH, 10, false, fg,
                Surface.HAlign.LEFT, Surface.VAlign.BOTTOM, 0);
        if (!m.note().isEmpty()) {
            s.text(m.note(), left, top + barH + 10, 11, false, fg, Surface.HAlign.LEFT, Surface.VAlign.TOP, 0);
        }
    }
}
