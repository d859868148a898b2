package io.headlight.render;

import io.headlight.render.ColorMap;
import io.headlight.render.Surface;
import io.headlight.render.SurfaceFigure;

import java.util.Locale;

/**
 * The L x H grid of one head statistic, value printed in each cell, a colour bar from the lowest to the highest
 * head, and the selected head outlined.
 */
public final class StatGridFigure implements SurfaceFigure {
    private static final double LEFT = 44;
    private static final double TOP = 52;
    private static final double CELL = 46;
    private static final double BAR = 14;
    private static final double BAR_LABELS = 56;
    private final String title;
    private final float[][] values;
    private final ColorMap map;
    private final int fg;
    private final int accent;
    private final float min;
    private final float max;
    private final int selectedLayer;
    private final int selectedHead;

    public StatGridFigure(String title, float[][] values, ColorMap map, int fg, int accent, int selectedLayer,
                   int selectedHead) {
        this.title = title;
        this.values = values;
        this.map = map;
        this.fg = fg;
        this.accent = accent;
        this.selectedLayer = selectedLayer;
        this.selectedHead = selectedHead;
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float[] row : values) {
            for (float v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        this.min = lo;
        this.max = hi;
    }

    private int heads() {
        return values.length == 0 ? 0 : values[0].length;
    }

    @Override
    public double width() {
        // Titles are measured at about 7.5 px a character: this figure is drawn at one size only.
        return Math.max(barX() + BAR + BAR_LABELS, LEFT + title.length() * 7.5 + 16);
    }

    double barX() {
        return LEFT + CELL * heads() + 16;
    }

    @Override
    public double height() {
        return TOP + CELL * values.length + 16;
    }

    public int[] headAt(double x, double y) {
        int h = (int) Math.floor((x - LEFT) / CELL);
        int l = (int) Math.floor((y - TOP) / CELL);
        if (x < LEFT || y < TOP || l >= values.length || h >= heads()) {
            return null;
        }
        return new int[] {l, h};
    }

    public double centerX(int head) {
        return LEFT + (head + 0.5) * CELL;
    }

    public double centerY(int layer) {
        return TOP + (layer + 0.5) * CELL;
    }

    @Override
    public void draw(Surface s) {
        s.text(title, LEFT, 8, 13, true, fg, Surface.HAlign.LEFT, Surface.VAlign.TOP, 0);
        for (int h = 0; h < heads(); h++) {
            s.text("H" + h, centerX(h), TOP - 6, 11, false, fg, Surface.HAlign.CENTER, Surface.VAlign.BOTTOM, 0);
        }
        for (int l = 0; l < values.length; l++) {
            s.text("L" + l, LEFT - 8, centerY(l), 11, false, fg, Surface.HAlign.RIGHT, Surface.VAlign.MIDDLE, 0);
            for (int h = 0; h < heads(); h++) {
                int c = map.argb(values[l][h], min, max);
                s.fillRect(LEFT + h * CELL, TOP + l * CELL, CELL - 2, CELL - 2, c);
                s.text(String.format(Locale.ROOT, "%.2f", values[l][h]), centerX(h) - 1, centerY(l) - 1, 10, false,
                        ColorMap.textColorOn(c), Surface.HAlign.CENTER, Surface.VAlign.MIDDLE, 0);
            }
        }
        double barH = CELL * values.length - 2;
        int[] bar = new int[64];
        for (int i = 0; i < bar.length; i++) {
            bar[i] = map.argb(1 - i / 63.0);
        }
        s.image(bar, 1, bar.length, barX(), TOP, BAR, barH);
        s.strokeRect(barX(), TOP, BAR, barH, 1, fg);
        s.text(String.format(Locale.ROOT, "%.2f", max), barX() + BAR + 4, TOP, 10, false, fg, Surface.HAlign.LEFT,
                Surface.VAlign.TOP, 0);
        s.text(String.format(Locale.ROOT, "%.2f", min), barX() + BAR + 4, TOP + barH, 10, false, fg,
                Surface.HAlign.LEFT, Surface.VAlign.BOTTOM, 0);
        if (selectedLayer >= 0 && selectedHead >= 0) {
            s.strokeRect(LEFT + selectedHead * CELL - 1, TOP + selectedLayer * CELL - 1, CELL, CELL, 3, accent);
        }
    }
}
